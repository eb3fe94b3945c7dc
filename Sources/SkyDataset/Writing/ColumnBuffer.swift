/// Something holding rows that still have to reach the file.
protocol FlushableColumn: AnyObject {
    /// Writes the pending rows.
    func flush() throws
}

/// Rows of one column dataset waiting to be written; flushed in blocks so memory stays bounded.
final class ColumnBuffer<Element: H5Element>: FlushableColumn {
    private let dataset: H5Dataset
    /// Values per row: 1 for [rows], B for [rows, B].
    private let width: Int
    /// Extendable datasets grow at each flush; preallocated ones already have every row.
    private let extendable: Bool
    private var pending: [Element] = []
    /// Rows already in the file.
    private(set) var rowsWritten = 0

    /// Creates the dataset `spec.name` in `group` with its `units` and `description` attributes.
    /// `rows` nil makes an extendable chunked dataset starting empty; otherwise `rows` are preallocated.
    init(_ spec: ColumnSpec, in group: H5Group, rows: Int?, width: Int?) throws {
        let trailing = width.map { [$0] } ?? []
        if let rows {
            dataset = try group.createDataset(spec.name, type: Element.h5Type, shape: [rows] + trailing)
        } else {
            dataset = try group.createDataset(spec.name, type: Element.h5Type, shape: [0] + trailing, extendable: true,
                                              chunk: [Codebook.chunkRows] + trailing)
        }
        try dataset.setAttribute("units", spec.units)
        try dataset.setAttribute("description", spec.description)
        self.width = width ?? 1
        extendable = rows == nil
    }

    /// Sets a further string attribute on the dataset.
    func setAttribute(_ name: String, _ value: String) throws {
        try dataset.setAttribute(name, value)
    }

    /// Queues one row of a [rows] column.
    func append(_ value: Element) {
        pending.append(value)
    }

    /// Queues one row of a [rows, width] column (`row.count` == width, checked by the caller).
    func append(row: [Element]) {
        pending.append(contentsOf: row)
    }

    func flush() throws {
        let rows = pending.count / width
        guard rows > 0 else { return }
        if extendable { try dataset.setRowCount(rowsWritten + rows) }
        try dataset.write(pending, rowStart: rowsWritten, rowCount: rows)
        rowsWritten += rows
        pending.removeAll(keepingCapacity: true)
    }
}
