import Dispatch
import Synchronization

/// A script parsed on a thread of its own, its top-level statements handed over in batches as
/// they are read, so that a long script runs while the rest of it is still being parsed (the
/// interpreter holds back what they show until the whole script has parsed without error: see
/// `Interpreter.run(_:)`).
final class StatementStream: Sendable {
    private struct State {
        var ready: [Statement] = []
        var outcome: (program: Program, diagnostics: [Diagnostic])?
    }

    private let state = Mutex(State())
    /// Signalled once per batch handed over, and at the end.
    private let signal = DispatchSemaphore(value: 0)

    /// How many statements are handed over at once.
    static let batch = 128

    /// Starts parsing `source` on another thread.
    init(parsing source: SourceFile, usesLevelChain: Bool = false) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var pending: [Statement] = []
            pending.reserveCapacity(Self.batch)
            let outcome = Parser.parse(source, usesLevelChain: usesLevelChain) { statement in
                pending.append(statement)
                if pending.count == Self.batch {
                    self.hand(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            state.withLock { state in
                state.ready.append(contentsOf: pending)
                state.outcome = outcome
            }
            signal.signal()
        }
    }

    private func hand(_ statements: [Statement]) {
        state.withLock { $0.ready.append(contentsOf: statements) }
        signal.signal()
    }

    /// The statements read since the last call, waiting for some; empty once the whole script
    /// has been read and handed over.
    func next() -> [Statement] {
        while true {
            let taken: [Statement]? = state.withLock { state in
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
    var isFinished: Bool { state.withLock { $0.outcome != nil } }

    /// The whole program and the script's errors, waiting for the parse to end.
    func outcome() -> (program: Program, diagnostics: [Diagnostic]) {
        while true {
            if let outcome = state.withLock({ $0.outcome }) { return outcome }
            signal.wait()
        }
    }
}
