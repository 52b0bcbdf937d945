/// The last committed record of a log: its sequence number and chain hash, a citable state.
///
/// Two copies of a log with the same head hold the same events, so they give the same answers.
/// Printed as `#412 3fa9c1d2e4b5`.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    /// The number of records (the last sequence number), 0 for an empty log.
    public let count: Int
    /// The hash of the last record (of the header for an empty log); `hash.hex` is its text.
    public let hash: ChainHash

    /// The head after `count` records, the last with `hash` (see `ChainRule.head(committing:hash:)`).
    public init(count: Int, hash: ChainHash) {
        self.count = count
        self.hash = hash
    }

    /// The head of a log without records: count 0, the header's hash (`ChainRule.genesis`).
    public static let empty = LogHead(count: 0, hash: ChainRule.genesis)

    /// `#412 3fa9c1d2e4b5`: the count and the first 12 hex digits of the hash.
    public var description: String { "#\(count) \(hash.hex.prefix(12))" }
}

extension LogHead {
    /// Whether `file` holds, ending at byte `length`, the committed record with this head's hash.
    /// As records chain by hash, the file then holds exactly the records this head names, up to
    /// `length`.
    func endsRecord(in file: borrowing PosixFile, at length: Int) -> Bool {
        let ending = ChainRule.hashMarker + Array(hash.hex.utf8) + Array("\"}\n".utf8)
        guard count > 0, length >= ending.count, let tail = try? file.read(count: ending.count, at: length - ending.count) else {
            return false
        }
        return tail == ending
    }
}
