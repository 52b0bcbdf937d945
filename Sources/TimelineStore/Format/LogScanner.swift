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
        public var headHash: ChainHash = ChainRule.genesis
        /// The byte length of the committed part (header included).
        package var committedLength = 0
        /// The number of the line after the committed part.
        package var nextLine = 1
        /// The uncommitted tail, if any.
        public var tornTail: TornTail?
        /// The first damage found, if any: the scan stops there.
        public var damage: LogDamage?
        /// The hash of the record at the checkpoint asked for, if the log reaches it.
        package var checkpointHash: ChainHash?
    }

    /// Scans a whole log file's bytes. Large logs are decoded in parallel, one run of lines per
    /// processor; the checks that link the runs (chain, sequence, commit marks) then run in order,
    /// so the outcome is exactly that of reading line by line.
    /// - Complexity: O(n) in the file size.
    /// - Parameter parallelism: how many runs to decode at once; by default one per processor
    ///   for a large log (tests pin it to compare the paths).
    public static func scan(_ bytes: [UInt8], checkpoint: Int? = nil, parallelism: Int? = nil) -> Scan {
        scan(size: bytes.count, stretch: max(bytes.count, 1), checkpoint: checkpoint, parallelism: parallelism) { count, offset in
            offset == 0 && count >= bytes.count ? bytes : Array(bytes[offset..<min(offset + count, bytes.count)])
        }
    }

    /// Scans a log file of `size` bytes read through `read` (a count and an offset give the
    /// bytes there), a stretch of about `stretch` bytes at a time, so that a large log is never
    /// in memory whole. The outcome is that of `scan(_:)` on the whole file.
    ///
    /// Records are decoded straight into the array that holds them, with room for half as many
    /// more as the first stretch suggests the file holds: decoding into arrays of their own and
    /// joining them copied every record, on one thread, and growing the array would hold two
    /// copies at once; appends in this process then add to it in place. Room never filled costs
    /// address space, not memory. Should a later stretch hold more lines than that room (its
    /// lines much shorter than the first's), the scan starts again with twice the room.
    /// - Throws: what `read` throws.
    package static func scan<Failure: Error>(
        size: Int, stretch: Int = 1 << 23, checkpoint: Int? = nil, parallelism: Int? = nil,
        read: (_ count: Int, _ offset: Int) throws(Failure) -> [UInt8]
    ) throws(Failure) -> Scan {
        var room: Int?
        while true {
            if let scan = try scan(size: size, stretch: stretch, room: &room, checkpoint: checkpoint, parallelism: parallelism, read: read)
            {
                return scan
            }
            room = room.map { $0 * 2 }
        }
    }

    /// One attempt of `scan(size:stretch:checkpoint:parallelism:read:)` with room for `room`
    /// records (estimated from the first stretch when `nil`); `nil` when the room ran out.
    private static func scan<Failure: Error>(
        size: Int, stretch: Int, room: inout Int?, checkpoint: Int?, parallelism: Int?,
        read: (_ count: Int, _ offset: Int) throws(Failure) -> [UInt8]
    ) throws(Failure) -> Scan? {
        var scan = Scan()
        var (bytes, asked) = try firstStretch(size: size, stretch: stretch, read: read)
        guard let headerEnd = header(of: bytes, into: &scan) else { return scan }
        let capacity = room ?? estimatedRoom(for: bytes, after: headerEnd, size: size)
        room = capacity
        var failure: Failure?
        var fits = true
        let records = [RecordedEvent](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var space = RecordSpace(buffer)
            defer { initialized = space.count }
            do throws(Failure) {
                fits = try scanStretches(
                    &bytes, asked: &asked, from: headerEnd + 1, size: size, stretch: stretch, into: &scan, space: &space,
                    checkpoint: checkpoint, parallelism: parallelism, read: read)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard fits else { return nil }
        scan.records = records
        return scan
    }

    /// The first stretch of the file and the length asked for: the whole file when its first
    /// line is longer than a stretch.
    private static func firstStretch<Failure: Error>(
        size: Int, stretch: Int,
        read: (_ count: Int, _ offset: Int) throws(Failure) -> [UInt8]
    ) throws(Failure) -> (bytes: [UInt8], asked: Int) {
        var asked = min(stretch, size)
        var bytes = try read(asked, 0)
        if bytes.firstIndex(of: 0x0A) == nil, bytes.count < size {
            asked = size
            bytes = try read(asked, 0)
        }
        return (bytes, asked)
    }

    /// Checks the header line at the start of `bytes`: its end when the records follow it, or
    /// `nil` when the scan ends there (an empty file, a torn or damaged header), with `scan` saying why.
    private static func header(of bytes: [UInt8], into scan: inout Scan) -> Int? {
        guard !bytes.isEmpty else { return nil }
        guard let headerEnd = bytes.firstIndex(of: 0x0A) else {
            if bytes.count > 1, bytes.dropLast().elementsEqual(ChainRule.header.utf8) {
                scan.damage = LogDamage(line: 1, kind: .strayBytes)
            } else {
                scan.tornTail = TornTail(line: 1, offset: 0, length: bytes.count)
            }
            return nil
        }
        if let problem = headerProblem(bytes[0..<headerEnd]) {
            scan.damage = LogDamage(line: 1, kind: problem)
            return nil
        }
        scan.committedLength = headerEnd + 1
        scan.nextLine = 2
        return headerEnd
    }

    /// Room for half as many records again as the first stretch's lines suggest the file holds.
    private static func estimatedRoom(for bytes: [UInt8], after headerEnd: Int, size: Int) -> Int {
        let lines = newlines(in: bytes, from: headerEnd + 1, to: bytes.count)
        return Int(Double(lines + 1) * Double(size - headerEnd) / Double(bytes.count - headerEnd) * 1.5) + 16
    }

    /// Scans the records stretch by stretch, from `start` in the first stretch `bytes` (of
    /// `asked` bytes asked for), into `space`; one stretch is in memory at a time.
    /// - Returns: `false` when `space` had no room for a stretch's lines.
    private static func scanStretches<Failure: Error>(
        _ bytes: inout [UInt8], asked: inout Int, from start: Int, size: Int, stretch: Int,
        into scan: inout Scan, space: inout RecordSpace, checkpoint: Int?, parallelism: Int?,
        read: (_ count: Int, _ offset: Int) throws(Failure) -> [UInt8]
    ) throws(Failure) -> Bool {
        var progress = Progress(after: .empty, line: 2)
        var base = 0
        var start = start
        while true {
            // The last stretch: the file's end (or a file that shrank meanwhile).
            let final = bytes.count < asked || base + bytes.count >= size
            var end = bytes.count
            if !final {
                // Whole lines only; a stretch without one is read again, longer.
                guard let lastNewline = bytes.lastIndex(of: 0x0A), lastNewline >= start else {
                    asked = min(asked * 2, size - base)
                    bytes = []
                    bytes = try read(asked, base)
                    continue
                }
                end = lastNewline + 1
            }
            let fits = scanRecords(
                bytes, from: start, to: end, base: base, final: final, progress: &progress, into: &scan, space: &space,
                checkpoint: checkpoint, parallelism: parallelism)
            if !fits || final || scan.damage != nil { return fits }
            base += end
            start = 0
            asked = min(stretch, size - base)
            bytes = []  // one stretch in memory at a time
            bytes = try read(asked, base)
        }
    }

    /// The number of newlines in `bytes[start..<end]`.
    private static func newlines(in bytes: [UInt8], from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let address = buffer.baseAddress else { return 0 }
            var count = 0
            var position = start
            while position < end, let found = memchr(address + position, 0x0A, end - position) {
                count += 1
                position = address.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// Scans what was appended to a log after a committed head: `suffix` holds the file's bytes
    /// from `offset`, the committed length at that head. Offsets and lines in the result are the
    /// file's; `records` holds only the new committed records, `headHash` the new head's hash.
    package static func scan(suffix: [UInt8], at offset: Int, after head: LogHead, checkpoint: Int? = nil) -> Scan {
        var scan = Scan()
        scan.headHash = head.hash
        scan.committedLength = offset
        scan.nextLine = head.count + 2
        var progress = Progress(after: head, line: head.count + 2)
        let records = [RecordedEvent](unsafeUninitializedCapacity: newlines(in: suffix, from: 0, to: suffix.count)) { buffer, initialized in
            var space = RecordSpace(buffer)
            scanRecords(
                suffix, from: 0, to: suffix.count, base: offset, final: true, progress: &progress, into: &scan, space: &space,
                checkpoint: checkpoint, parallelism: nil)
            initialized = space.count
        }
        scan.records = records
        return scan
    }

    /// Where a scan stands between stretches of lines.
    struct Progress {
        /// The hash the next record must point back to, and its sequence number.
        var pendingHash: ChainHash
        var expectedSeq: Int
        /// How many of the scan's records are committed; the rest wait for a commit mark.
        var committedCount = 0
        /// The file's line number of the next line.
        var line: Int
        /// The decoders of the parallel runs, kept from one stretch to the next so that the
        /// strings and values they derived are reused.
        var decoders: [RecordDecoder] = []

        init(after head: LogHead, line: Int) {
            pendingHash = head.hash
            expectedSeq = head.count + 1
            self.line = line
        }
    }

    /// Scans the record lines of `bytes[start..<end]`, which continue a scan at `progress`;
    /// `bytes` start at file offset `base`. The records go on in `space`, after those of earlier
    /// stretches. Only the `final` stretch settles the records still waiting for a commit mark
    /// and a last line without its newline.
    /// - Returns: `false`, decoding nothing, when `space` has no room for every line.
    @discardableResult
    private static func scanRecords(
        _ bytes: [UInt8], from start: Int, to end: Int, base: Int, final: Bool,
        progress: inout Progress, into scan: inout Scan, space: inout RecordSpace,
        checkpoint: Int?, parallelism: Int?
    ) -> Bool {
        let firstLine = progress.line
        // Whole lines, and a final fragment without its newline, if any.
        var lines: [Range<Int>] = []
        lines.reserveCapacity((end - start) / 256)
        var position = start
        bytes.withUnsafeBufferPointer { buffer in
            guard let address = buffer.baseAddress else { return }
            while position < end {
                guard let found = memchr(address + position, 0x0A, end - position) else { break }
                let newline = address.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append(position..<newline)
                position = newline + 1
            }
        }
        guard space.room >= lines.count else { return false }
        let fragment = position < end ? position..<end : nil
        // The stretch's records: line `i` decodes into `space`'s slot `first + i`.
        let first = space.count
        let runs = decodeInRuns(
            bytes, lines: lines, firstLine: firstLine, into: space.slots(from: first), checkpoint: checkpoint,
            parallelism: parallelism, decoders: &progress.decoders)
        progress.line += lines.count

        // Runs are taken in order while they link up; the records of those left (and those
        // after the last commit mark, at the end) are dropped.
        var taken = 0
        func settle(_ damage: LogDamage?) {
            scan.damage = damage
            for run in runs[taken...] { space.destroy(first + run.lines.lowerBound, count: run.count) }
            if final || damage != nil { space.truncate(to: progress.committedCount) }
        }
        for run in runs {
            if let head = run.head, head.index < lines.count {
                if !ChainRule.links(head.previousHash, to: progress.pendingHash) {
                    settle(LogDamage(line: head.index + firstLine, kind: .brokenChain(follows: head.index + firstLine - 1)))
                    return true
                }
                if head.seq != progress.expectedSeq {
                    settle(LogDamage(line: head.index + firstLine, kind: .sequenceGap(expected: progress.expectedSeq, found: head.seq)))
                    return true
                }
            }
            taken += 1
            space.count += run.count
            for commit in run.commits {
                progress.committedCount = first + run.lines.lowerBound + commit.count
                scan.headHash = commit.hash
                scan.committedLength = base + lines[commit.lineIndex].upperBound + 1
                scan.nextLine = commit.lineIndex + firstLine + 1
            }
            if let hash = run.checkpointHash { scan.checkpointHash = hash }
            if let failure = run.failure {
                let kind = textProblem(bytes, at: lines[failure.index], end: end, final: final) ?? failure.kind
                settle(LogDamage(line: failure.index + firstLine, kind: kind))
                return true
            }
            progress.pendingHash = run.lastHash ?? progress.pendingHash
            progress.expectedSeq += run.count
        }
        guard final else { return true }
        let hasPending = space.count > progress.committedCount
        settle(nil)
        if let fragment {
            // A final fragment without a newline is a torn append: a prefix of the batch's bytes,
            // possibly a whole record whose newline did not reach the disk. A whole record
            // followed by a stray byte is no prefix of anything: that is damage.
            let text = bytes[fragment]
            if text.allSatisfy(Self.isBlank) {
                scan.damage = LogDamage(line: lines.count + firstLine, kind: .blankLine(trailing: true))
                return true
            }
            if text.count > 1, text.last == carriageReturn, (try? RecordDecoder.decode(text.dropLast())) != nil {
                scan.damage = LogDamage(line: lines.count + firstLine, kind: .crlfLineEnding)
                return true
            }
            if text.count > 1, (try? RecordDecoder.decode(text.dropLast())) != nil {
                scan.damage = LogDamage(line: lines.count + firstLine, kind: .strayBytes)
                return true
            }
            scan.tornTail = TornTail(line: scan.nextLine, offset: scan.committedLength, length: base + end - scan.committedLength)
        } else if hasPending {
            scan.tornTail = TornTail(line: scan.nextLine, offset: scan.committedLength, length: base + end - scan.committedLength)
        }
        return true
    }

    /// The UTF-8 byte-order mark some editors put at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let carriageReturn: UInt8 = 0x0D

    /// Whether a byte is white space a text tool may leave on a line of its own.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    /// What a text tool did to a record line that does not decode, if that is what is wrong with
    /// it: CR LF line endings, or a blank line (trailing when only blank lines follow it up to
    /// the end of the file, `end` of a `final` stretch).
    static func textProblem(_ bytes: [UInt8], at line: Range<Int>, end: Int, final: Bool) -> LogDamage.Kind? {
        let text = bytes[line]
        if text.allSatisfy(isBlank) {
            return .blankLine(trailing: final && bytes[line.lowerBound..<end].allSatisfy(isBlank))
        }
        return text.last == carriageReturn ? .crlfLineEnding : nil
    }

    /// Why a first line is not a header this build can read, or `nil` if it is.
    static func headerProblem(_ line: ArraySlice<UInt8>) -> LogDamage.Kind? {
        if line.elementsEqual(ChainRule.header.utf8) { return nil }
        // What text tools do to a file, named for what it is, before the header is read as one.
        if line.starts(with: byteOrderMark) { return .byteOrderMark }
        if line.last == carriageReturn { return .crlfLineEnding }
        let text = String(decoding: line, as: UTF8.self)
        if text.contains("\"timeline-log\""), let range = text.range(of: #""version":"#) {
            return .unsupportedVersion(found: String(text[range.upperBound...].prefix { $0.isNumber }))
        }
        return .notATimelineLog
    }
}
