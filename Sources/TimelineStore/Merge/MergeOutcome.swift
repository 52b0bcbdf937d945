import TimelineCore

/// A merged log: its bytes, its head, and what went into it.
public struct MergeOutcome: Sendable {
    /// The merged file: ours' bytes as they are, then their batches re-chained after them.
    public let bytes: [UInt8]
    /// The merged log's head.
    public let head: LogHead
    /// How many records the ancestor holds (kept, byte for byte).
    public let common: Int
    /// How many records ours added after the ancestor (kept, byte for byte).
    public let ours: Int
    /// Their records appended after ours, re-sequenced and re-chained.
    public let replayed: [RecordedEvent]
    /// Their events ours already held with the same content: skipped.
    public let alreadyPresent: [EventID]
    /// How many of their batches were replayed (a batch whose events ours all held is not).
    public let batches: Int
    /// How many replayed batches were recorded, on their side, before ours' head: they carry
    /// the time of the record before them instead, since a log's recorded time never goes back.
    public let batchesMovedForward: Int

    /// A merge's outcome.
    public init(
        bytes: [UInt8], head: LogHead, common: Int, ours: Int, replayed: [RecordedEvent], alreadyPresent: [EventID], batches: Int,
        batchesMovedForward: Int
    ) {
        self.bytes = bytes
        self.head = head
        self.common = common
        self.ours = ours
        self.replayed = replayed
        self.alreadyPresent = alreadyPresent
        self.batches = batches
        self.batchesMovedForward = batchesMovedForward
    }
}
