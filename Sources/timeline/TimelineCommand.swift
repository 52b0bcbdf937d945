import ArgumentParser
import TimelineCore
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// `timeline`: the root command. Without a subcommand it summarizes the log it opens.
@main
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "An event-sourced timeline of diplomatic history: who belonged to what, when, and on whose word.",
        discussion: """
            Without a subcommand: runs -c STATEMENT, or a script piped on standard input, or on a \
            terminal opens the REPL (history, tab completion, .help).

            Which log opens: --log PATH (a file, or a postgresql:// URL), else $TIMELINE_LOG, else Events/diplomacy.jsonl in the current \
            directory when it exists, else your own log under $XDG_DATA_HOME/timeline/.

            Exit codes: 0 success, 64 usage, 65 bad input (a parse or validation error, a damaged \
            log), 66 a missing file, 70 an internal error, 74 the log could not be written (a full \
            disk, a read-only file).

            Examples:
              timeline -c 'members SCO at 2024-07-04'
              timeline --format json -c 'roster SCO at 2024-07-04'
              timeline -c 'for y in 2001..2025 { print y, count(members SCO at y) }'
              timeline run Examples/01-growth.tl
              timeline --log my.jsonl verify
              timeline init 'postgresql://desk@/history?host=/run/postgresql'
              timeline copy Events/diplomacy.jsonl 'postgresql://desk@/history?host=/run/postgresql'
              timeline --generate-completion-script bash > timeline.bash
            """,
        version: TimelineVersion.current,
        subcommands: [
            RunCommand.self, SummaryCommand.self, VerifyCommand.self, GenerateCommand.self, InitCommand.self, CopyCommand.self,
            MergeCommand.self, ServeCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customShort("c"), help: ArgumentHelp("Run one statement (or several, separated by ;).", valueName: "statement"))
    var command: String?

    func run() throws {
        if let command {
            Self.finish(keeping: try ScriptRunner(options: global).run([SourceFile(name: "<command>", text: command)]))
        } else if !Console.isTerminal(0) {
            Self.finish(keeping: try ScriptRunner(options: global).run([SourceFile(name: "<stdin>", text: Console.readStandardInput())]))
        } else {
            let status = try Repl(options: global).run()
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// Flushes the output and exits with success while `session` is still alive: freeing a
    /// large log's records one by one would only delay the exit.
    static func finish(keeping session: some AnyObject) -> Never {
        Console.flush()
        withExtendedLifetime(session) { Glibc.exit(0) }
    }

    /// Entry point: hoists global options given before the subcommand, then runs.
    static func main() {
        let arguments = GlobalOptions.hoisted(
            Array(CommandLine.arguments.dropFirst()),
            subcommands: ["run", "summary", "verify", "generate", "init", "copy", "merge", "serve", "help"])
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Console.flush()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            exit(withError: ExitCode(failure.exitCode))
        } catch {
            Console.flush()
            exit(withError: error)
        }
    }
}

/// The version `timeline --version` prints.
enum TimelineVersion {
    static let current = "0.1.0 (log format \(LogFormat.version))"
}
