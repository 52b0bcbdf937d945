/// The last committed record of a log: its sequence number and chain hash, a citable state.
///
/// Two copies of a log with the same head hold the same events, so they give the same answers.
/// Printed as `#412 3fa9c1d2e4b5`.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    /// The number of records (the last sequence number), 0 for an empty log.
    public let count: Int
    /// The hash of the last record (of the header for an empty log), 64 hex digits.
    public let hash: String

    public init(count: Int, hash: String) {
        self.count = count
        self.hash = hash
    }

    public var description: String { "#\(count) \(hash.prefix(12))" }
}
