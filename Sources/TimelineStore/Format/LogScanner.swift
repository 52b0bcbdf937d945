import Dispatch
import Synchronization
import TimelineCore

#if canImport(Glibc)
import Glibc
#endif

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

    /// Scans a whole log file's bytes. Large logs are decoded in parallel, one run of lines per
    /// processor; the checks that link the runs (chain, sequence, commit marks) then run in order,
    /// so the outcome is exactly that of reading line by line.
    /// - Complexity: O(n) in the file size.
    /// - Parameter parallelism: how many runs to decode at once; by default one per processor
    ///   for a large log (tests pin it to compare the paths).
    public static func scan(_ bytes: [UInt8], checkpoint: Int? = nil, parallelism: Int? = nil) -> Scan {
        var scan = Scan()
        guard !bytes.isEmpty else { return scan }
        // The header.
        guard let headerEnd = bytes.firstIndex(of: 0x0A) else {
            if bytes.count > 1, bytes.dropLast().elementsEqual(LogFormat.header.utf8) {
                scan.corruption = (1, "the record ends with a stray byte instead of a newline")
            } else {
                scan.tornTail = TornTail(line: 1, offset: 0, length: bytes.count)
            }
            return scan
        }
        if let problem = headerProblem(bytes[0..<headerEnd]) {
            scan.corruption = (1, problem)
            return scan
        }
        scan.committedLength = headerEnd + 1
        scan.nextLine = 2
        scanRecords(bytes, from: headerEnd + 1, after: LogHead(count: 0, hash: LogFormat.headerHash), into: &scan, checkpoint: checkpoint, parallelism: parallelism)
        return scan
    }

    /// Scans what was appended to a log after a committed head: `suffix` holds the file's bytes
    /// from `offset`, the committed length at that head. Offsets and lines in the result are the
    /// file's; `records` holds only the new committed records, `headHash` the new head's hash.
    public static func scan(suffix: [UInt8], at offset: Int, after head: LogHead, checkpoint: Int? = nil) -> Scan {
        var scan = Scan()
        scan.headHash = head.hash
        scan.committedLength = offset
        scan.nextLine = head.count + 2
        scanRecords(suffix, from: 0, after: head, into: &scan, checkpoint: checkpoint, parallelism: nil)
        if let torn = scan.tornTail { scan.tornTail = TornTail(line: torn.line, offset: torn.offset + offset, length: torn.length) }
        scan.committedLength += offset
        return scan
    }

    /// Scans the record lines of `bytes` from `start`, which follow the record `head` names (the
    /// header's hash when none); line numbers continue from `scan.nextLine`. Offsets in `scan`
    /// are relative to `bytes`.
    private static func scanRecords(_ bytes: [UInt8], from start: Int, after head: LogHead, into scan: inout Scan, checkpoint: Int?, parallelism: Int?) {
        let firstLine = scan.nextLine
        scan.committedLength = start
        // Whole lines, and a final fragment without its newline, if any.
        var lines: [Range<Int>] = []
        lines.reserveCapacity((bytes.count - start) / 256)
        var position = start
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while position < buffer.count {
                guard let found = memchr(base + position, 0x0A, buffer.count - position) else { break }
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append(position..<newline)
                position = newline + 1
            }
        }
        let fragment = position < bytes.count ? position..<bytes.count : nil
        let runs = decodeInRuns(bytes, lines: lines, firstLine: firstLine, checkpoint: checkpoint, parallelism: parallelism)

        var pending: [RecordedEvent] = []
        var pendingHash = head.hash
        var expectedSeq = head.count + 1
        scan.records.reserveCapacity(lines.count)
        for run in runs {
            if let first = run.first, first.index < lines.count {
                if first.previousHash != pendingHash {
                    scan.corruption = (first.index + firstLine, "the hash chain is broken: the record does not follow line \(first.index + firstLine - 1) (a line was removed, duplicated, reordered or altered)")
                    return
                }
                if first.seq != expectedSeq {
                    scan.corruption = (first.index + firstLine, "expected sequence number \(expectedSeq), found \(first.seq)")
                    return
                }
            }
            var taken = 0
            for commit in run.commits {
                pending.append(contentsOf: run.records[taken..<commit.count])
                taken = commit.count
                scan.records.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
                scan.headHash = commit.hash
                scan.committedLength = lines[commit.lineIndex].upperBound + 1
                scan.nextLine = commit.lineIndex + firstLine + 1
            }
            pending.append(contentsOf: run.records[taken...])
            if let hash = run.checkpointHash { scan.checkpointHash = hash }
            if let failure = run.failure {
                scan.corruption = (failure.index + firstLine, failure.message)
                return
            }
            pendingHash = run.lastHash ?? pendingHash
            expectedSeq += run.records.count
        }
        if let fragment {
            // A final fragment without a newline is a torn append: a prefix of the batch's bytes,
            // possibly a whole record whose newline did not reach the disk. A whole record
            // followed by a stray byte is no prefix of anything: that is damage.
            let text = bytes[fragment]
            if text.count > 1, (try? RecordDecoder.decode(text.dropLast())) != nil {
                scan.corruption = (lines.count + firstLine, "the record ends with a stray byte instead of a newline")
                return
            }
            scan.tornTail = TornTail(line: scan.nextLine, offset: scan.committedLength, length: bytes.count - scan.committedLength)
        } else if !pending.isEmpty {
            scan.tornTail = TornTail(line: scan.nextLine, offset: scan.committedLength, length: bytes.count - scan.committedLength)
        }
    }

    /// What one run of consecutive lines decoded to, checked among themselves.
    struct Run: Sendable {
        /// The run's first line: its index among the record lines, its `prev` and its sequence number.
        var first: (index: Int, previousHash: String, seq: Int)?
        /// The records decoded, in order, up to the first failure.
        var records: [RecordedEvent] = []
        /// The lines carrying a commit mark: how many of the run's records end there, their hash, their line.
        var commits: [(count: Int, hash: String, lineIndex: Int)] = []
        /// The hash of the last record decoded.
        var lastHash: String?
        /// The hash of the record at the checkpoint, if it is in this run.
        var checkpointHash: String?
        /// The first line of the run that fails a check, and why.
        var failure: (index: Int, message: String)?
    }

    /// Below this many lines a log is decoded on one thread: starting others would cost more.
    static let parallelThreshold = 20_000

    /// Decodes the record lines in runs, one per processor for a large log.
    static func decodeInRuns(_ bytes: [UInt8], lines: [Range<Int>], firstLine: Int, checkpoint: Int?, parallelism: Int?) -> [Run] {
        let processors = max(1, min(lines.count, parallelism ?? (lines.count < parallelThreshold ? 1 : min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))))
        if processors == 1 { return [decodeRun(bytes, lines: lines, range: 0..<lines.count, firstLine: firstLine, checkpoint: checkpoint)] }
        let size = (lines.count + processors - 1) / processors
        let ranges = stride(from: 0, to: lines.count, by: size).map { $0..<min($0 + size, lines.count) }
        let slots = RunSlots(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
            slots.store(decodeRun(bytes, lines: lines, range: ranges[part], firstLine: firstLine, checkpoint: checkpoint), at: part)
        }
        return slots.runs
    }

    /// Decodes the lines of one run, checking each record's hash, and the chain and sequence
    /// between consecutive records of the run.
    static func decodeRun(_ bytes: [UInt8], lines: [Range<Int>], range: Range<Int>, firstLine: Int, checkpoint: Int?) -> Run {
        var run = Run()
        run.records.reserveCapacity(range.count)
        var decoder = RecordDecoder()
        for index in range {
            let decoded: DecodedRecord
            do {
                decoded = try decoder.decode(bytes[lines[index]])
            } catch {
                run.failure = (index, error.message)
                return run
            }
            let seq = decoded.record.seq.value
            if let lastHash = run.lastHash, let first = run.first {
                if decoded.previousHash != lastHash {
                    run.failure = (index, "the hash chain is broken: the record does not follow line \(index + firstLine - 1) (a line was removed, duplicated, reordered or altered)")
                    return run
                }
                let expected = first.seq + run.records.count
                if seq != expected {
                    run.failure = (index, "expected sequence number \(expected), found \(seq)")
                    return run
                }
            } else {
                run.first = (index, decoded.previousHash, seq)
            }
            if seq == checkpoint { run.checkpointHash = decoded.hash }
            run.records.append(decoded.record)
            run.lastHash = decoded.hash
            if decoded.commit { run.commits.append((run.records.count, decoded.hash, index)) }
        }
        return run
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

/// The runs decoded by concurrent workers: each worker fills its own slot, once.
private final class RunSlots: Sendable {
    private let slots: Mutex<[LogScanner.Run?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ run: sending LogScanner.Run, at index: Int) {
        slots.withLock { $0[index] = run }
    }

    var runs: [LogScanner.Run] { slots.withLock { $0.map { $0! } } }
}
