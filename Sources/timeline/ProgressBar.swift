#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on standard error, as pv, cargo and pip draw one: done and total, the rate and
/// the time left, redrawn in place. Drawn only when standard error is a terminal, not with
/// `--quiet`, and only once the work has run for half a second (short work shows nothing).
final class ProgressBar {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let start = ProgressBar.now()
    private var lastDraw = 0.0
    private var drawn = false

    /// A bar for `total` items of work named `label` (`copy`, `import`), shown unless `quiet`.
    init(_ label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = max(1, total)
        self.enabled = !quiet && Console.isTerminal(2)
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Reports that `done` items are done; redraws at most ten times a second.
    func update(_ done: Int) {
        guard enabled else { return }
        let now = Self.now()
        let elapsed = now - start
        guard elapsed >= 0.5, now - lastDraw >= 0.1 || done >= total else { return }
        lastDraw = now
        let rate = Double(done) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = min(width, width * done / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\r\(label) \(bar) \(done)/\(total) records, \(Int(rate))/s, \(Self.duration(left)) left\u{1B}[K"
        Console.writeError(text)
        drawn = true
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        guard drawn else { return }
        Console.writeError("\n")
        drawn = false
    }

    /// `1:05` or `12s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)" : "\(whole)s"
    }
}
