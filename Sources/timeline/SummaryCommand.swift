import ArgumentParser

/// `timeline summary`: the log, its head, its organizations and their members today.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarize the log: its head, its organizations, their ladders and members today.",
        discussion: """
            Examples:
              timeline summary
              timeline summary --log my.jsonl --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws { try LogSummary(options: global).run() }
}
