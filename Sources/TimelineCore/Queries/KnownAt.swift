/// A point in transaction time: the log as it stood after a sequence number or at a recorded time.
public enum KnownAt: Hashable, Sendable, CustomStringConvertible {
    /// Everything up to and including this sequence number.
    case seq(SequenceNumber)
    /// Everything recorded at or before this instant.
    case recorded(RecordedTime)

    /// Whether a record belongs to the log as it stood then.
    public func includes(_ record: RecordedEvent) -> Bool {
        switch self {
        case .seq(let seq): record.seq <= seq
        case .recorded(let time): record.recordedAt <= time
        }
    }

    /// The point as answers show it: `seq 412`, or an ISO 8601 instant.
    public var description: String {
        switch self {
        case .seq(let seq): "seq \(seq.value)"
        case .recorded(let time): time.description
        }
    }
}
