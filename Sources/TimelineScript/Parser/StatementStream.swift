import Dispatch
import Synchronization

/// A script parsed on a thread of its own, its top-level statements handed over in batches as
/// they are read, so that a long script runs while the rest of it is still being parsed (the
/// interpreter holds back what they show until the whole script has parsed without error: see
/// `Interpreter.runWhileParsing(_:)`).
final class StatementStream: Sendable {
    /// A statement, and whether it stays in the run (`Statement.staysInRun`), as the parser
    /// found while reading it.
    typealias Parsed = (statement: Statement, staysInRun: Bool)

    private struct State {
        var ready: [Parsed] = []
        var outcome: (program: Program, diagnostics: [Diagnostic])?
    }

    private let state = Mutex(State())
    /// Set once the outcome is known, for a check cheaper than taking the lock.
    private let finished = Atomic<Bool>(false)
    /// Signalled once per batch handed over, and at the end.
    private let signal = DispatchSemaphore(value: 0)

    /// How many statements are handed over at once.
    static let batch = 128

    /// Starts parsing `source` on another thread.
    init(parsing source: SourceFile) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var pending: [Parsed] = []
            pending.reserveCapacity(Self.batch)
            let outcome = Parser.parse(source, usesLevelChain: false) { statement, staysInRun in
                pending.append((statement, staysInRun))
                if pending.count == Self.batch {
                    self.hand(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            state.withLock { state in
                state.ready.append(contentsOf: pending)
                state.outcome = outcome
            }
            finished.store(true, ordering: .releasing)
            signal.signal()
        }
    }

    private func hand(_ statements: [Parsed]) {
        state.withLock { $0.ready.append(contentsOf: statements) }
        signal.signal()
    }

    /// The statements read since the last call, waiting for some; empty once the whole script
    /// has been read and handed over.
    func next() -> [Parsed] {
        while true {
            let taken: [Parsed]? = state.withLock { state in
                if !state.ready.isEmpty {
                    defer { state.ready.removeAll(keepingCapacity: true) }
                    return state.ready
                }
                return state.outcome == nil ? nil : []
            }
            if let taken { return taken }
            signal.wait()
        }
    }

    /// Whether the whole script has been read (its outcome known).
    var isFinished: Bool { finished.load(ordering: .acquiring) }

    /// The whole program and the script's errors, waiting for the parse to end.
    func outcome() -> (program: Program, diagnostics: [Diagnostic]) {
        while true {
            if let outcome = state.withLock({ $0.outcome }) { return outcome }
            signal.wait()
        }
    }
}
