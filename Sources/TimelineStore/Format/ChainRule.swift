import TimelineCore

/// The hash-chain rule of a Timeline log, the one every backend follows so that the same events
/// make byte-identical records, the same hashes and the same head on any storage.
///
/// - The **genesis** is the SHA-256 of the header line, `{"format":"timeline-log","version":1}`
///   (without its newline): the hash the first record points back to, and the head of an empty log.
/// - A record line ends with `,"hash":"<64 hex digits>"}`; the **hash covers** every byte of the
///   line before `,"hash":"` (its body), `prev` and `commit` included.
/// - A record's `prev` is the hash of the record before it (the genesis for the first): records
///   **link** when each one's `prev` equals its predecessor's hash, and sequence numbers run 1, 2, 3 …
/// - The **head** is the last committed record's sequence number and hash (`LogHead.empty`
///   before any record); records after the last commit mark are not part of it.
///
/// For example, a backend writes a batch of records, and checks a stored line, like this:
/// ```swift
/// var hash = head.hash  // `LogHead.empty.hash` (the genesis) for a new log
/// for (index, record) in batch.enumerated() {
///     let line = RecordEncoder.line(for: record, commit: index == batch.count - 1, previousHash: hash)
///     store(line.bytes)  // the file log's bytes exactly, without the newline
///     hash = line.hash   // what the next record's `prev` must be
/// }
/// let newHead = ChainRule.head(committing: batch[batch.count - 1].seq, hash: hash)
///
/// // Checking a stored line: its hash covers its body, and its `prev` links to the line before.
/// guard let end = ChainRule.bodyEnd(of: bytes[...]), let stored = ChainRule.storedHash(of: bytes[...]),
///     ChainRule.hash(ofBody: bytes[..<end]) == stored
/// else { return .integrityCheckFailed }
/// ```
public enum ChainRule {
    /// The first line of every log file.
    public static let header = #"{"format":"timeline-log","version":1}"#

    /// The hash the first record points back to: the SHA-256 of the header line.
    public static let genesis: ChainHash = Array(header.utf8).withUnsafeBytes { ChainHash(of: $0) }

    /// What separates a record's body from its hash: the body is every byte before it, and the
    /// line ends with the hash's 64 hex digits and `"}` after it.
    public static let hashMarker: [UInt8] = Array(#","hash":""#.utf8)

    /// The length of what follows the marker: 64 hex digits, `"` and `}`.
    static let hashSuffixLength = 66

    /// Where the body of a record line ends (the index of its `,"hash":"`), or `nil` when the
    /// line does not end with a hash in the log's form.
    /// - Complexity: O(1).
    public static func bodyEnd(of line: ArraySlice<UInt8>) -> Int? {
        let marker = hashMarker
        guard line.count > marker.count + hashSuffixLength, line.last == UInt8(ascii: "}"),
            line[line.endIndex - 2] == UInt8(ascii: "\"")
        else { return nil }
        let bodyEnd = line.endIndex - hashSuffixLength - marker.count
        guard line[bodyEnd..<line.endIndex - hashSuffixLength].elementsEqual(marker) else { return nil }
        return bodyEnd
    }

    /// The hash a record line carries (its last 64 hex digits), or `nil` when the line does not
    /// end with one; `bodyEnd(of:)` says whether it ends in the log's form.
    /// - Complexity: O(1).
    public static func storedHash(of line: ArraySlice<UInt8>) -> ChainHash? {
        guard line.count >= hashSuffixLength else { return nil }
        return line[line.endIndex - hashSuffixLength..<line.endIndex - 2].withUnsafeBufferPointer { ChainHash(hex: $0) }
    }

    /// The hash of a record whose body (every byte before `,"hash":"`) is `body`.
    /// - Complexity: O(n) in the body's length; hashed in place.
    public static func hash(ofBody body: ArraySlice<UInt8>) -> ChainHash {
        body.withUnsafeBytes { ChainHash(of: $0) }
    }

    /// The hash of a record whose body is `body`, given by its bytes in memory.
    /// - Complexity: O(n) in the body's length.
    public static func hash(ofBody body: UnsafeRawBufferPointer) -> ChainHash {
        ChainHash(of: body)
    }

    /// Whether a record whose `prev` is `previousHash` follows the record (or genesis) whose
    /// hash is `predecessor`.
    /// - Complexity: O(1).
    public static func links(_ previousHash: ChainHash, to predecessor: ChainHash) -> Bool {
        previousHash == predecessor
    }

    /// The head once the record with sequence number `seq` and hash `hash` is committed.
    /// - Complexity: O(1).
    public static func head(committing seq: SequenceNumber, hash: ChainHash) -> LogHead {
        LogHead(count: seq.value, hash: hash)
    }
}
