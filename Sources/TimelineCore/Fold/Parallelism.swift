import Foundation

/// How much work runs on several threads: the sizes below which starting threads costs more
/// than it saves, and the most threads any step uses. One value for the whole engine, so that
/// the log scan, the fold and the indexes are tuned in one place.
///
/// For example:
/// ```swift
/// let runs = Parallelism.standard.threads(for: lines.count, threshold: Parallelism.standard.scanThreshold)
/// ```
package struct Parallelism: Sendable {
    /// The values measured on the project's machines (see the README's performance section).
    package static let standard = Parallelism(
        scanThreshold: 20_000, foldThreshold: 20_000, idIndexThreshold: 50_000, foldOrderThreshold: 200_000, maximumThreads: 8)

    /// Lines of a log below which it is decoded on one thread.
    package let scanThreshold: Int
    /// Events below which the fold runs on one thread.
    package let foldThreshold: Int
    /// Records below which the id index is built on one thread (above, on two: one per table).
    package let idIndexThreshold: Int
    /// Records below which the fold order is sorted in one part (above, in two halves).
    package let foldOrderThreshold: Int
    /// The most threads a step starts, however many processors there are.
    package let maximumThreads: Int

    /// Thresholds and a cap of threads.
    package init(scanThreshold: Int, foldThreshold: Int, idIndexThreshold: Int, foldOrderThreshold: Int, maximumThreads: Int) {
        self.scanThreshold = scanThreshold
        self.foldThreshold = foldThreshold
        self.idIndexThreshold = idIndexThreshold
        self.foldOrderThreshold = foldOrderThreshold
        self.maximumThreads = maximumThreads
    }

    /// The processors this process may run on, read once.
    package static let processors = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// How many threads `work` items deserve: one below `threshold`, else one per processor up
    /// to `maximumThreads` (never more threads than items).
    /// - Complexity: O(1).
    package func threads(for work: Int, threshold: Int) -> Int {
        work < threshold ? 1 : max(1, min(work, maximumThreads, Self.processors))
    }
}
