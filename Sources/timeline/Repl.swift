import Foundation
import LineEditor
import Synchronization
import TimelineCore
import TimelinePostgres
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive shell: reads statements with libedit, runs each as its own batch (or inside
/// `begin` … `commit`), and handles the dot-commands.
final class Repl {
    private var location: LogLocation
    private var format: OutputFormat
    private let colour: Bool
    private let options: GlobalOptions
    private var timer = false
    /// `.pager on|off`: whether output longer than the screen goes through the pager.
    private var paging = true
    /// `$PAGER`, else `less -FRX`; `nil` when `PAGER` is set but empty.
    private let pager: Pager?
    /// Whether the pager was found missing (said once).
    private var pagerMissingSaid = false
    private let interpreter: Interpreter
    private let host: TerminalHost
    private let editor: LineEditor

    init(options: GlobalOptions) throws {
        self.options = options
        location = options.location
        format = options.format
        colour = options.colour
        LineEditor.prepareLocale()
        LineEditor.installSignalHandlers()
        guard let editor = LineEditor(program: "timeline", historyFile: Repl.historyPath(Environment.variables)) else {
            throw CommandFailure.software("cannot start the line editor on this terminal")
        }
        self.editor = editor
        // Writing to a pager the user has quit must fail with EPIPE, not end the REPL.
        signal(SIGPIPE, SIG_IGN)
        pager = Pager.from(Environment.variables)
        let host = try TerminalHost(options: options)
        self.host = host
        host.cancellation = { LineEditor.interruptPending }
        // replay … step: one event per Enter; q, Ctrl-C or Ctrl-D stops.
        host.stepper = { [editor, unowned host] in
            host.paged?.showDirectly()
            Console.flush()
            if case .line(let answer) = editor.readLine(prompt: "(Enter: next event, q: stop) "), !answer.lowercased().hasPrefix("q") {
                return true
            }
            return false
        }
        interpreter = Interpreter(session: LogSession(log: options.openLog(location)), host: host)
        watchForAppends()
        editor.completer = { [unowned self] before, after in
            let engine = CompletionEngine(timeline: interpreter.session.currentTimeline(), listDirectory: Repl.listDirectory)
            let suggestion = engine.complete(before, after: after)
            return Completion(
                replacing: suggestion.replacing, candidates: suggestion.candidates, suffix: suggestion.suffix,
                replacingAfter: suggestion.replacingAfter)
        }
    }

    /// `$XDG_STATE_HOME/timeline/history`, else `~/.local/state/timeline/history`.
    static func historyPath(_ environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/timeline/history" }
        return (environment["HOME"] ?? ".") + "/.local/state/timeline/history"
    }

    private var prompt: String {
        // Another writer appended to a shared log: read it again, so the prompt shows its head.
        if appendedElsewhere.take() { interpreter.session.logMoved() }
        let head = interpreter.session.head().map { "#\($0.count)" } ?? "#0"
        return "\(location.name) \(head)\(interpreter.session.transactionOpen ? "*" : "")> "
    }

    /// Set when a shared log notifies that another writer appended.
    private let appendedElsewhere = AppendSignal()

    /// On a PostgreSQL log, listens for other writers' appends (LISTEN/NOTIFY as a wake-up; the
    /// head shown is always read from the log).
    private func watchForAppends() {
        guard let shared = interpreter.session.log as? PostgresEventLog else { return }
        let flag = appendedElsewhere
        do throws(StoreError) {
            try shared.watchAppends { _ in flag.raise() }
        } catch {
            Console.error("note: other writers' appends will show at the next statement: \(error.message)")
        }
    }

    /// Runs until Ctrl-D or `.quit`; returns the exit status.
    func run() -> Int32 {
        Console.out("Timeline \(TimelineVersion.current) on \(location.shown). Type .help for help, Ctrl-D to leave.")
        var buffer: [String] = []
        while true {
            let shown = buffer.isEmpty ? prompt : String(repeating: " ", count: max(0, prompt.count - 5)) + "...> "
            Console.flush()
            switch editor.readLine(prompt: shown) {
            case .endOfInput:
                Console.out("")
                return leave()
            case .interrupted:
                Console.out(buffer.isEmpty ? "" : "\n(statement cancelled)")
                buffer = []
            case .line(let line):
                if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(".") {
                    editor.addHistory(line)
                    if let status = dotCommand(line.trimmingCharacters(in: .whitespaces)) { return status }
                    continue
                }
                buffer.append(line)
                let text = buffer.joined(separator: "\n")
                if StatementCompleteness.needsMore(text) { continue }
                buffer = []
                editor.addHistory(text)
                execute(text)
            }
        }
    }

    /// Runs one statement (or a few on one line); `begin`, `commit` and `rollback` are
    /// statements like any other.
    private func execute(_ text: String) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        run(SourceFile(name: "<repl>", text: text))
    }

    private func run(_ source: SourceFile) {
        _ = LineEditor.takeInterrupt()
        // Tables fit the terminal as it is now: it may have been resized since the last statement.
        host.printer = OutputPrinter(renderer: TableRenderer(format: format, colour: colour, width: Environment.tableWidth))
        let paged = pagedOutput()
        host.paged = paged
        let start = Repl.monotonicSeconds()
        let outcome = interpreter.run(source)
        let interrupted = LineEditor.takeInterrupt()
        let elapsed = Repl.monotonicSeconds() - start
        paged?.finish()
        host.paged = nil
        // A Ctrl-C typed in the pager is the pager's; the next line starts afresh.
        _ = LineEditor.takeInterrupt()
        report(outcome, source: source)
        if interrupted && outcome.succeeded { Console.out("interrupted") }
        if timer { Console.out(String(format: "time: %.3f s", elapsed)) }
    }

    /// Where a statement's output goes: through the pager when paging is on, standard output is
    /// a terminal and the pager can be run; else straight out (`nil`).
    private func pagedOutput() -> PagedOutput? {
        guard paging, let pager, Console.isTerminal(1) else { return nil }
        guard pager.isAvailable(path: Environment.variables["PATH"] ?? "/usr/bin:/bin") else {
            if !pagerMissingSaid {
                Console.error("pager \"\(pager.program)\" not found: output is shown directly (set PAGER, or .pager off)")
                pagerMissingSaid = true
            }
            return nil
        }
        return PagedOutput(pager: pager, rows: Environment.rows, columns: Environment.columns)
    }

    private func report(_ outcome: RunOutcome, source: SourceFile) {
        for diagnostic in outcome.diagnostics {
            Console.writeError(DiagnosticRenderer.render(diagnostic, in: source))
        }
    }

    /// Handles a dot-command; returns an exit status when the REPL should end.
    private func dotCommand(_ line: String) -> Int32? {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0].lowercased() {
        case ".quit", ".exit":
            return leave()
        case ".help":
            if argument.isEmpty {
                Console.out(HelpTopics.overview)
            } else if let text = HelpTopics.text(argument) {
                Console.out(text)
            } else {
                let near = NameKey.nearest(to: argument, among: HelpTopics.names, limit: 2)
                Console.error(
                    "no help on \"\(argument)\""
                        + (near.isEmpty ? "" : "; did you mean \(near.map { "\"\($0)\"" }.joined(separator: " or "))?")
                        + " Topics: \(HelpTopics.names.joined(separator: " "))")
            }
        case ".format":
            guard let chosen = OutputFormat(rawValue: argument.lowercased()) else {
                Console.error(".format takes \(OutputFormat.names.joined(separator: ", ")) (now: \(format.rawValue))")
                return nil
            }
            format = chosen
            Console.out("format: \(chosen.rawValue)")
        case ".pager":
            guard argument == "on" || argument == "off" else {
                Console.error(".pager takes on or off (now: \(paging ? "on" : "off"))")
                return nil
            }
            paging = argument == "on"
            var said = "pager: \(argument)"
            if paging {
                if let pager { said += " (\(pager.command))" } else { said += " (PAGER is empty: no pager)" }
                if !Console.isTerminal(1) { said += "; not used while standard output is not a terminal" }
            }
            Console.out(said)
        case ".cite":
            guard argument == "on" || argument == "off" else {
                Console.error(".cite takes on or off (now: \(host.citesAnswers ? "on" : "off"))")
                return nil
            }
            host.citesAnswers = argument == "on"
            Console.out("cite: \(argument)")
        case ".timer":
            guard argument == "on" || argument == "off" else {
                Console.error(".timer takes on or off (now: \(timer ? "on" : "off"))")
                return nil
            }
            timer = argument == "on"
            Console.out("timer: \(argument)")
        case ".read":
            let path =
                argument.hasPrefix("\"") && argument.hasSuffix("\"") && argument.count >= 2
                ? String(argument.dropFirst().dropLast()) : argument
            guard !path.isEmpty else {
                Console.error(".read needs a file: .read Examples/01-growth.tl")
                return nil
            }
            do {
                run(SourceFile(name: path, text: String(decoding: try host.readFile(at: path), as: UTF8.self)))
            } catch {
                Console.error("\(path): cannot read the script: \(error.reason ?? "no such file")")
            }
        case ".log":
            guard !argument.isEmpty else {
                Console.out("log: \(location.shown) (\(location.origin.rawValue))")
                return nil
            }
            let next = LogLocation(path: argument, origin: .option)
            guard interpreter.session.switchLog(to: options.openLog(next)) else {
                Console.error("a transaction is open: commit or rollback before switching logs")
                return nil
            }
            location = next
            watchForAppends()
            Console.out(
                "log: \(next.shown)" + (next.isDatabaseURL || Environment.fileExists(argument) ? "" : " (new: the first append creates it)")
            )
        default:
            let near = NameKey.nearest(to: parts[0], among: CompletionEngine.dotCommands, limit: 1)
            Console.error("unknown command \(parts[0])" + (near.isEmpty ? "" : "; did you mean \(near[0])?") + " (.help lists them)")
        }
        return nil
    }

    /// Leaves the REPL: an open transaction is committed only if the user says so.
    private func leave() -> Int32 {
        let session = interpreter.session
        if session.transactionOpen, session.pendingCount > 0 {
            let count = session.pendingCount
            Console.flush()
            let answer = editor.readLine(
                prompt: "The transaction has \(count) uncommitted append\(count == 1 ? "" : "s"). Commit them? [y/N] ")
            let command = if case .line(let text) = answer, text.lowercased().hasPrefix("y") { "commit" } else { "rollback" }
            let source = SourceFile(name: "<repl>", text: command)
            report(interpreter.run(source), source: source)
        }
        return 0
    }

    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// A directory's entries, for completing file names.
    static func listDirectory(_ path: String) -> [(name: String, isDirectory: Bool)] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            let full = (path.hasSuffix("/") ? path : path + "/") + name
            let isDirectory = stat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            entries.append((name, isDirectory))
        }
        return entries.sorted { $0.0 < $1.0 }
    }
}

/// A flag another thread raises (a database log's notification) and the REPL takes down.
final class AppendSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Notes that another writer appended.
    func raise() { raised.store(true, ordering: .releasing) }

    /// Whether it was raised since the last call, lowering it.
    func take() -> Bool { raised.exchange(false, ordering: .acquiringAndReleasing) }
}
