/// The position of a record in its log: 1 for the first event, contiguous thereafter.
public struct SequenceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number, from 1.
    public let value: Int

    public init(_ value: Int) { self.value = value }

    /// The next position.
    public var next: SequenceNumber { SequenceNumber(value + 1) }

    public static func < (lhs: SequenceNumber, rhs: SequenceNumber) -> Bool { lhs.value < rhs.value }

    public var description: String { "#\(value)" }
}
