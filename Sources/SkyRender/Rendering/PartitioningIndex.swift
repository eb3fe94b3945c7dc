extension RandomAccessCollection where Index == Int {
    /// The first index whose element satisfies `isPast` (false then true along the collection); endIndex when none
    /// does. Binary search.
    func partitioningIndex(where isPast: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if isPast(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
