import ArgumentParser
import TimelineScript

/// `timeline run FILE…`: runs scripts, each one an atomic batch of appends.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run Timeline scripts (.tl); each script's appends land together or not at all.",
        discussion: """
            Scripts run in the order given. A script that fails appends nothing, and the scripts \
            after it do not run. Use - to read a script from standard input.

            Examples:
              timeline run Examples/01-growth.tl
              timeline --log my.jsonl run seeds/*.tl
              echo 'members SCO at 2017' | timeline run -
              timeline run --format csv report.tl > report.csv
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Script files to run, or - for standard input.", valueName: "file"), completion: .file(extensions: ["tl"]))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one script to run, or - for standard input") }
    }

    func run() throws {
        let sources = try files.map(ScriptRunner.load)
        TimelineCommand.finish(keeping: try ScriptRunner(options: global).run(sources))
    }
}
