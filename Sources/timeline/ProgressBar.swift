import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on standard error, as pv, cargo and pip draw one: done and total, the rate and
/// the time left, redrawn in place. Drawn only when standard error is a terminal, not with
/// `--quiet`, and only once the work has run for half a second (short work shows nothing).
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let start = ProgressBar.now()
    private let state: Mutex<(total: Int, lastDraw: Double, drawn: Bool)>

    /// A bar for `total` items of work named `label` (`copy`, `read`), shown unless `quiet`.
    init(_ label: String, total: Int, quiet: Bool) {
        self.label = label
        self.state = Mutex((max(1, total), 0, false))
        self.enabled = !quiet && Console.isTerminal(2)
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Reports that `done` of `total` items are done (`total` as given, unless this says
    /// otherwise); redraws at most ten times a second.
    func update(_ done: Int, of newTotal: Int? = nil) {
        guard enabled else { return }
        state.withLock { state in
            if let newTotal { state.total = max(1, newTotal) }
            draw(done, &state)
        }
    }

    private func draw(_ done: Int, _ state: inout (total: Int, lastDraw: Double, drawn: Bool)) {
        let total = state.total
        let now = Self.now()
        let elapsed = now - start
        guard elapsed >= 0.5, now - state.lastDraw >= 0.1 || done >= total else { return }
        state.lastDraw = now
        let rate = Double(done) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = min(width, width * done / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\r\(label) \(bar) \(done)/\(total) records, \(Int(rate))/s, \(Self.duration(left)) left\u{1B}[K"
        Console.writeError(text)
        state.drawn = true
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        state.withLock { state in
            guard state.drawn else { return }
            Console.writeError("\n")
            state.drawn = false
        }
    }

    /// `1:05` or `12s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)" : "\(whole)s"
    }
}
