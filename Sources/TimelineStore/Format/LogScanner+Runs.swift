import Dispatch
import Synchronization
import TimelineCore

// Decoding a stretch's lines in runs, one per thread for a large log, each checked within
// itself; `scanRecords` links the runs in order.
extension LogScanner {
    /// What one run of consecutive lines decoded to, checked among themselves.
    struct Run: Sendable {
        /// The run's lines, as indexes among the stretch's record lines.
        var lines: Range<Int>
        /// The run's first line: its index among the record lines, its `prev` and its sequence number.
        var head: (index: Int, previousHash: ChainHash, seq: Int)?
        /// How many records were decoded, in order from the first line, up to the first failure.
        var count = 0
        /// The lines carrying a commit mark: how many of the run's records end there, their hash, their line.
        var commits: [(count: Int, hash: ChainHash, lineIndex: Int)] = []
        /// The hash of the last record decoded.
        var lastHash: ChainHash?
        /// The hash of the record at the checkpoint, if it is in this run.
        var checkpointHash: ChainHash?
        /// The first line of the run that fails a check, and why.
        var failure: (index: Int, kind: LogDamage.Kind)?
    }

    /// Decodes the record lines in runs, one per processor for a large log, line `i` into
    /// `slots`' slot `i`. `decoders` holds one decoder per run, made here when missing and kept
    /// for the next stretch.
    static func decodeInRuns(
        _ bytes: [UInt8], lines: [Range<Int>], firstLine: Int, into slots: RecordSlots, checkpoint: Int?, parallelism: Int?,
        decoders: inout [RecordDecoder]
    ) -> [Run] {
        // Below `Parallelism.standard.scanThreshold` lines, one thread: starting others would cost more.
        let processors = max(
            1,
            min(lines.count, parallelism ?? Parallelism.standard.threads(for: lines.count, threshold: Parallelism.standard.scanThreshold)))
        while decoders.count < processors { decoders.append(RecordDecoder()) }
        if processors == 1 {
            return [
                decodeRun(
                    bytes, lines: lines, range: 0..<lines.count, firstLine: firstLine, into: slots, checkpoint: checkpoint,
                    decoder: &decoders[0])
            ]
        }
        let size = (lines.count + processors - 1) / processors
        let ranges = stride(from: 0, to: lines.count, by: size).map { $0..<min($0 + size, lines.count) }
        let results = RunSlots(decoders: decoders)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
            var decoder = results.takeDecoder(at: part)
            let run = decodeRun(
                bytes, lines: lines, range: ranges[part], firstLine: firstLine, into: slots, checkpoint: checkpoint, decoder: &decoder)
            results.store(run, decoder, at: part)
        }
        let (runs, used) = results.results
        decoders = used
        return runs
    }

    /// Decodes the lines of one run into their slots, checking each record's hash, and the
    /// chain and sequence between consecutive records of the run.
    static func decodeRun(
        _ bytes: [UInt8], lines: [Range<Int>], range: Range<Int>, firstLine: Int, into slots: RecordSlots, checkpoint: Int?,
        decoder: inout RecordDecoder
    ) -> Run {
        var run = Run(lines: range)
        for index in range {
            let decoded: DecodedRecord
            do {
                decoded = try decoder.decode(bytes[lines[index]])
            } catch {
                run.failure = (index, LogDamage.Kind(error.kind))
                return run
            }
            let seq = decoded.record.seq.value
            if let lastHash = run.lastHash, let head = run.head {
                if !ChainRule.links(decoded.previousHash, to: lastHash) {
                    run.failure = (index, .brokenChain(follows: index + firstLine - 1))
                    return run
                }
                let expected = head.seq + run.count
                if seq != expected {
                    run.failure = (index, .sequenceGap(expected: expected, found: seq))
                    return run
                }
            } else {
                run.head = (index, decoded.previousHash, seq)
            }
            if seq == checkpoint { run.checkpointHash = decoded.hash }
            let (hash, commit) = (decoded.hash, decoded.commit)
            slots.initialize(index, to: decoded.takeRecord())
            run.count += 1
            run.lastHash = hash
            if commit { run.commits.append((run.count, hash, index)) }
        }
        return run
    }
}

/// The runs decoded by concurrent workers, and their decoders: each worker takes its decoder
/// and fills its own slot, once.
private final class RunSlots: Sendable {
    private let slots: Mutex<(runs: [LogScanner.Run?], decoders: [RecordDecoder])>

    init(decoders: [RecordDecoder]) { slots = Mutex((Array(repeating: nil, count: decoders.count), decoders)) }

    /// Takes the decoder of a slot out (leaving a fresh one), so that the worker holds the only copy.
    func takeDecoder(at index: Int) -> RecordDecoder {
        slots.withLock { slots in
            var decoder = RecordDecoder()
            swap(&decoder, &slots.decoders[index])
            return decoder
        }
    }

    func store(_ run: sending LogScanner.Run, _ decoder: sending RecordDecoder, at index: Int) {
        slots.withLock {
            $0.runs[index] = run
            $0.decoders[index] = decoder
        }
    }

    var results: (runs: [LogScanner.Run], decoders: [RecordDecoder]) {
        slots.withLock { ($0.runs.compactMap { $0 }, $0.decoders) }
    }
}
