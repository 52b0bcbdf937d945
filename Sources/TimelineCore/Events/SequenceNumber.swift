/// The position of a record in its log: 1 for the first event, contiguous thereafter.
public struct SequenceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number, from 1.
    public let value: Int

    /// The position `value` in the log (1 for the first record).
    public init(_ value: Int) { self.value = value }

    /// The next position.
    public var next: SequenceNumber { SequenceNumber(value + 1) }

    /// Orders records by their position in the log.
    public static func < (lhs: SequenceNumber, rhs: SequenceNumber) -> Bool { lhs.value < rhs.value }

    /// The position as messages show it: `#412`.
    public var description: String { "#\(value)" }
}
