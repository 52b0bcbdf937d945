/// The output of one REPL statement, shown on the terminal when it fits the screen and through
/// the pager when it does not.
///
/// Text is held until it would fill the screen (leaving a line for the prompt): a statement that
/// ends before that is written as it was; one that goes on starts the pager with what it holds
/// and streams the rest into it, so a long loop shows its first screen at once. Quitting the
/// pager early drops the rest and stops the statement (`quit`), as quitting `git log` does.
final class PagedOutput {
    private let pager: Pager
    private let rows: Int
    private let columns: Int
    private var held = ""
    private var running: RunningPager?
    private var direct = false
    private var lines = LineCounter()

    /// Output for a screen of `rows` lines of `columns` characters, paged through `pager`.
    init(pager: Pager, rows: Int, columns: Int) {
        self.pager = pager
        self.rows = max(2, rows)
        self.columns = max(1, columns)
    }

    /// Whether the user quit the pager before the output ended.
    var quit: Bool { running?.quit ?? false }

    /// Whether the pager was started.
    var paged: Bool { running != nil }

    /// Adds text to the output.
    func write(_ text: String) {
        if direct { return Console.write(text) }
        if let running { return running.write(text) }
        held += text
        lines.feed(text, columns: columns)
        guard lines.count >= rows else { return }
        Console.flush()
        if let started = pager.start() {
            running = started
            started.write(held)
        } else {
            direct = true
            Console.write(held)
        }
        held = ""
    }

    /// From now on, writes straight to the terminal (a stepped replay waits for keys between
    /// events): what is held is written, and a pager already showing is waited for.
    func showDirectly() {
        running?.finish()
        running = nil
        direct = true
        Console.write(held)
        held = ""
    }

    /// Ends the output: writes what is held, or ends the pager's input and waits for the user to
    /// leave it.
    func finish() {
        if let running {
            running.finish()
        } else {
            Console.write(held)
            held = ""
        }
        Console.flush()
    }
}
