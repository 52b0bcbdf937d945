/// A log head as an answer cites it, given to `verify --contains`: a record number and its
/// chain hash, whole or as a prefix of at least 12 hex digits (`97:3fa9c1d2e4b5`).
public struct CitedHead: Hashable, Sendable, CustomStringConvertible {
    /// The record the citation ends at.
    public let seq: Int
    /// Its hash, or the first digits of it, in lower case.
    public let hashPrefix: String

    /// The citation written `SEQ:HASH` (or `#SEQ HASH`, as heads print); `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.hasPrefix("#") ? String(text.dropFirst()) : text
        let parts = trimmed.split(whereSeparator: { $0 == ":" || $0 == " " }).map(String.init)
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 0 else { return nil }
        let hash = parts[1].lowercased()
        guard (12...64).contains(hash.count), hash.allSatisfy({ $0.isHexDigit }) else { return nil }
        self.seq = seq
        self.hashPrefix = hash
    }

    /// Whether `hash` is the cited record's hash (the citation being a prefix of it).
    public func matches(_ hash: ChainHash) -> Bool { hash.hex.hasPrefix(hashPrefix) }

    /// The citation as `SEQ:HASH`.
    public var description: String { "\(seq):\(hashPrefix)" }
}
