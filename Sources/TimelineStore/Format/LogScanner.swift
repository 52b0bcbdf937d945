import TimelineCore

/// Reads the bytes of a log file: checks the header, every record's hash, the chain, the
/// sequence, and separates the committed records from an unfinished tail.
///
/// A crash during an append leaves a prefix of the batch's bytes after the last committed record:
/// whole records without the commit mark, then perhaps a part of a line. That is a torn tail,
/// which readers ignore. Anything else that fails a check — a bad record on a newline-terminated
/// line, or a whole record followed by a stray byte — is corruption, reported with its line.
public struct LogScanner {
    /// The outcome of a scan.
    public struct Scan: Sendable {
        /// Committed records, in order.
        public var records: [RecordedEvent] = []
        /// The hash of the last committed record (the header's when there is none).
        public var headHash: String = LogFormat.headerHash
        /// The byte length of the committed part (header included).
        public var committedLength = 0
        /// The number of the line after the committed part.
        public var nextLine = 1
        /// The uncommitted tail, if any.
        public var tornTail: TornTail?
        /// The first corruption found, if any: the scan stops there.
        public var corruption: (line: Int, message: String)?
        /// The hash of the record at the checkpoint asked for, if the log reaches it.
        public var checkpointHash: String?
    }

    /// Scans a whole log file's bytes.
    /// - Complexity: O(n) in the file size.
    public static func scan(_ bytes: [UInt8], checkpoint: Int? = nil) -> Scan {
        var scan = Scan()
        guard !bytes.isEmpty else { return scan }
        var lineNumber = 1
        var position = 0
        var pending: [RecordedEvent] = []
        var pendingHash = LogFormat.headerHash
        var expectedSeq = 1
        var sawHeader = false
        var decoder = RecordDecoder()

        func markTorn(at offset: Int) {
            scan.tornTail = TornTail(line: scan.nextLine, offset: offset, length: bytes.count - offset)
        }

        while position < bytes.count {
            guard let newline = bytes[position...].firstIndex(of: 0x0A) else {
                // A final fragment without a newline is a torn append: a prefix of the batch's
                // bytes, possibly a whole record whose newline did not reach the disk. A whole
                // record followed by a stray byte is no prefix of anything: that is damage.
                let fragment = bytes[position...]
                let strayByte = fragment.count > 1 && (sawHeader
                    ? (try? RecordDecoder.decode(fragment.dropLast())) != nil
                    : fragment.dropLast().elementsEqual(LogFormat.header.utf8))
                if strayByte {
                    scan.corruption = (lineNumber, "the record ends with a stray byte instead of a newline")
                } else {
                    markTorn(at: scan.committedLength)
                }
                return scan
            }
            let line = bytes[position..<newline]
            if !sawHeader {
                if let problem = headerProblem(line) {
                    scan.corruption = (lineNumber, problem)
                    return scan
                }
                sawHeader = true
                scan.committedLength = newline + 1
                scan.nextLine = 2
            } else {
                let decoded: DecodedRecord
                do {
                    decoded = try decoder.decode(line)
                } catch {
                    scan.corruption = (lineNumber, error.message)
                    return scan
                }
                if decoded.previousHash != pendingHash {
                    scan.corruption = (lineNumber, "the hash chain is broken: the record does not follow line \(lineNumber - 1) (a line was removed, duplicated, reordered or altered)")
                    return scan
                }
                if decoded.record.seq.value != expectedSeq {
                    scan.corruption = (lineNumber, "expected sequence number \(expectedSeq), found \(decoded.record.seq.value)")
                    return scan
                }
                if decoded.record.seq.value == checkpoint { scan.checkpointHash = decoded.hash }
                expectedSeq += 1
                pendingHash = decoded.hash
                pending.append(decoded.record)
                if decoded.commit {
                    scan.records.append(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                    scan.headHash = decoded.hash
                    scan.committedLength = newline + 1
                    scan.nextLine = lineNumber + 1
                }
            }
            lineNumber += 1
            position = newline + 1
        }
        if !pending.isEmpty { markTorn(at: scan.committedLength) }
        return scan
    }

    /// Why a first line is not a header this build can read, or `nil` if it is.
    static func headerProblem(_ line: ArraySlice<UInt8>) -> String? {
        if line.elementsEqual(LogFormat.header.utf8) { return nil }
        let text = String(decoding: line, as: UTF8.self)
        if text.contains("\"timeline-log\""), let range = text.range(of: #""version":"#) {
            let digits = text[range.upperBound...].prefix { $0.isNumber }
            return "this log has format version \(digits); this timeline reads version \(LogFormat.version)"
        }
        return "not a Timeline log: the first line must be \(LogFormat.header)"
    }
}
