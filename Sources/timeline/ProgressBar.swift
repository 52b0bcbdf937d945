import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on standard error, as pv, cargo and pip draw one: done and total, the rate and
/// the time left, redrawn in place. Drawn only when standard error is a terminal, not with
/// `--quiet`, and only once the work has run for a second (work under a second shows nothing;
/// `TIMELINE_PROGRESS_DELAY=SECONDS` changes the wait, as pv's `--delay-start` does).
final class ProgressBar: Sendable {
    /// What the bar counts.
    enum Unit: Sendable {
        /// Records or events, counted one by one.
        case records
        /// Bytes, shown in megabytes.
        case bytes
    }

    private let label: String
    private let unit: Unit
    private let enabled: Bool
    private let delay: Double
    private let start = ProgressBar.now()
    private let state: Mutex<(total: Int, lastDraw: Double, drawn: Bool)>

    /// A bar for `total` items of work named `label` (`copy`, `read`), shown unless `quiet`.
    init(_ label: String, total: Int, unit: Unit = .records, quiet: Bool) {
        self.label = label
        self.unit = unit
        self.state = Mutex((max(1, total), 0, false))
        self.enabled = !quiet && Console.isTerminal(2)
        self.delay = Environment.variables["TIMELINE_PROGRESS_DELAY"].flatMap(Double.init).map { max(0, $0) } ?? 1
    }

    /// A listener for whole reads of a log, as `FileEventLog.readProgress` and
    /// `PostgresEventLog.readProgress` report them: each read gets a bar of its own (in `unit`),
    /// which ends its line when the read is done.
    static func reading(_ label: String, unit: Unit, quiet: Bool) -> @Sendable (Int, Int) -> Void {
        let current = Mutex<ProgressBar?>(nil)
        return { done, total in
            let bar = current.withLock { bar in
                if bar == nil { bar = ProgressBar(label, total: total, unit: unit, quiet: quiet) }
                let this = bar!
                if done >= total { bar = nil }
                return this
            }
            bar.update(done, of: total)
            if done >= total { bar.finish() }
        }
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
        guard elapsed >= delay, now - state.lastDraw >= 0.1 || done >= total else { return }
        state.lastDraw = now
        let rate = Double(done) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = min(width, width * min(done, total) / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let amounts: String
        switch unit {
        case .records: amounts = "\(done)/\(total) records, \(Int(rate))/s"
        case .bytes: amounts = "\(Self.megabytes(done))/\(Self.megabytes(total)) MB, \(Self.megabytes(Int(rate))) MB/s"
        }
        Console.writeError("\r\(label) \(bar) \(amounts), \(Self.duration(left)) left\u{1B}[K")
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

    /// Whole megabytes, or tenths under ten.
    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value < 10 ? String(Double((value * 10).rounded()) / 10) : String(Int(value.rounded()))
    }

    /// `1:05` or `12s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)" : "\(whole)s"
    }
}
