/// Every figure of a card, drawn in memory before anything is written.
struct CardFigures {
    /// One PNG to write.
    struct Figure {
        let name: String
        let width: Int
        let height: Int
        let color: PNG.Color
        let pixels: [UInt8]
    }

    /// A band's montage.
    struct BandMontage {
        let band: String
        let figure: Figure
    }

    /// A label's histogram (nil figure when the label has no value that is a number).
    struct LabelHistogram {
        let label: DatasetContent.Label
        let statistics: LabelStatistics
        let histogram: Histogram?
        let figure: Figure?
    }

    /// Rows of /images shown in the montages (the first samples of the file).
    let montageRows: Range<Int>
    let montages: [BandMontage]
    let histograms: [LabelHistogram]

    /// Montages first, then histograms, in card order.
    var all: [Figure] { montages.map(\.figure) + histograms.compactMap(\.figure) }

    init(content: DatasetContent) throws {
        montageRows = 0..<min(content.rowCount, Montage.maximumStamps)
        let pixels = content.imageWidth * content.imageHeight
        var montages: [BandMontage] = []
        if !montageRows.isEmpty && pixels > 0 {
            let rows = try montageRows.map { try content.images(row: $0) }
            let fileNames = FileNames.unique(content.bands)
            for (b, band) in content.bands.enumerated() {
                let stamps = rows.map { Array($0[(b * pixels)..<((b + 1) * pixels)]) }
                let montage = Montage(stamps: stamps, stampWidth: content.imageWidth, stampHeight: content.imageHeight)
                montages.append(BandMontage(band: band, figure: Figure(
                    name: "montage-\(fileNames[b]).png", width: montage.width, height: montage.height, color: .gray,
                    pixels: montage.pixels)))
            }
        }
        self.montages = montages
        histograms = content.labels.map { label in
            let statistics = label.statistics
            guard let histogram = label.histogram else {
                return LabelHistogram(label: label, statistics: statistics, histogram: nil, figure: nil)
            }
            let chart = BarChart(histogram, median: statistics.median)
            return LabelHistogram(label: label, statistics: statistics, histogram: histogram, figure: Figure(
                name: label.figureName, width: BarChart.width, height: BarChart.height, color: .rgb, pixels: chart.pixels))
        }
    }
}
