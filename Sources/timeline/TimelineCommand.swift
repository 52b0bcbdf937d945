import ArgumentParser
import TimelineCore
import TimelineStore

/// `timeline`: the root command. Without a subcommand it summarizes the log it opens.
@main
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "An event-sourced timeline of diplomatic history: who belonged to what, when, and on whose word.",
        discussion: """
            Without a subcommand, prints a summary of the log: its head, its organizations and their \
            members today.

            Which log opens: --log PATH, else $TIMELINE_LOG, else Events/diplomacy.jsonl in the current \
            directory when it exists, else your own log under $XDG_DATA_HOME/timeline/.

            Examples:
              timeline
              timeline --log my.jsonl verify
              timeline verify --format json
            """,
        version: TimelineVersion.current,
        subcommands: [VerifyCommand.self]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try LogSummary(options: global).run()
    }

    /// Entry point: hoists global options given before the subcommand, then runs.
    static func main() {
        let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()), subcommands: ["verify", "help"])
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            exit(withError: ExitCode(failure.exitCode))
        } catch {
            exit(withError: error)
        }
    }
}

/// The version `timeline --version` prints.
enum TimelineVersion {
    static let current = "0.1.0 (log format \(LogFormat.version))"
}
