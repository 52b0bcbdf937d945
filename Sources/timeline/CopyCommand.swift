import ArgumentParser
import TimelinePostgres
import TimelineStore

/// `timeline copy FROM TO`: copies a log into a new one, record for record, so that the copy
/// holds the same bytes, sequence numbers, hashes and head (file or PostgreSQL, either way).
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a log into a new, empty one: file → PostgreSQL, PostgreSQL → file, or file → file.",
        discussion: """
            The copy holds the very records of the source — the same bytes, sequence numbers, hash \
            chain and head — checked as they are read and written; the destination must hold no \
            record yet (a PostgreSQL database gets its tables on the way). A progress bar shows on \
            a terminal (not with --quiet).

            Examples:
              timeline copy Events/diplomacy.jsonl 'postgresql://desk@/history?host=/run/postgresql'
              timeline copy postgresql://desk@db.example/history backup.jsonl
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The log to copy.", valueName: "from"))
    var source: String

    @Argument(help: ArgumentHelp("The new log.", valueName: "to"))
    var destination: String

    func run() throws {
        let from = LogLocation(path: source, origin: .option)
        let to = LogLocation(path: destination, origin: .option)
        guard let reader = global.openLog(from) as? any StoredLines, let writer = global.openLog(to) as? any StoredLines else {
            throw CommandFailure(message: "\(from.shown) or \(to.shown): not a log that can be copied", exitCode: 64)
        }
        let lines: [[UInt8]]
        do throws(StoreError) {
            lines = try reader.storedLines()
        } catch {
            throw CommandFailure(message: error.description, exitCode: error.code == .notFound ? 66 : InitCommand.exitCode(error))
        }
        let bar = ProgressBar("copy", total: lines.count, quiet: global.quiet)
        let head: LogHead
        do throws(StoreError) {
            head = try writer.appendStoredLines(lines) { bar.update($0) }
        } catch {
            bar.finish()
            throw CommandFailure(message: error.description, exitCode: InitCommand.exitCode(error))
        }
        bar.finish()
        Console.out("copied \(head.count) records from \(from.shown) to \(to.shown) (head \(head))")
    }
}
