import ArgumentParser
import TimelineCore
import TimelinePostgres
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// Options every command accepts, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The log to open.", valueName: "path"))
    var log: String?

    @Option(
        name: .long,
        help:
            "Output format: table (fitted to the terminal), records (one field per line), markdown, json (an array), jsonl (one object per line) or csv."
    )
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Never colour the output (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Neither read nor write the snapshot cache beside the log (<log>.snapshot); fold the log itself.")
    var noCache = false

    @Flag(
        name: .long, help: "Follow every answer with a citation: the log head, and the statement that reproduces it on any copy of the log."
    )
    var cite = false

    @Flag(name: .long, help: "Show no progress bar on standard error (copy, import and the first read of a large database log).")
    var quiet = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record appends at this UTC time instead of now (seeds use it to rebuild the log byte for byte).", valueName: "time"))
    var recordedAt: String?

    /// Whether tables may use colour: only on a terminal, never with --no-color or NO_COLOR.
    var colour: Bool {
        !noColor && Environment.variables["NO_COLOR"] == nil && Console.isTerminal(1)
    }

    /// The fixed transaction time, when given.
    func fixedRecordedTime() throws -> RecordedTime? {
        guard let recordedAt else { return nil }
        guard let time = RecordedTime.parse(recordedAt) else {
            throw ValidationError("--recorded-at needs a UTC time such as 2026-01-01T00:00:00Z, not \"\(recordedAt)\"")
        }
        return time
    }

    /// Opens the log at `location`: the one place the command line turns a location into a log
    /// (a file, with its snapshot cache unless --no-cache; or a `postgresql://` URL). A URL that
    /// cannot name a log gives a log whose every use fails with the reason. A whole read of a
    /// large log draws a progress bar named `task` on a terminal.
    func openLog(_ location: LogLocation, task: String = "read") -> any EventLog {
        if location.isDatabaseURL {
            do {
                // The first read of a large log shows its progress on a terminal.
                return PostgresEventLog(
                    location: try PostgresLocation(url: location.path, environment: Environment.variables),
                    readProgress: ProgressBar.reading(task, unit: .records, quiet: quiet))
            } catch {
                return UnopenableLog(
                    error: StoreError(code: .io, message: "not a PostgreSQL log's address: \(error.reason)", path: location.shown))
            }
        }
        var log = FileEventLog(path: location.path)
        log.usesSnapshots = !noCache
        // A whole read of a large file (the first, before its snapshot exists) shows its progress.
        log.readProgress = ProgressBar.reading(task, unit: .bytes, quiet: quiet)
        return log
    }

    /// The log this invocation opens.
    var location: LogLocation {
        LogLocation.resolve(option: log, environment: Environment.variables, fileExists: Environment.fileExists)
    }

    /// Options that take a value, and flags, that may appear before a subcommand.
    static let valued: Set<String> = ["--log", "--format", "--recorded-at"]
    static let flags: Set<String> = ["--no-color", "--no-cache", "--cite", "--quiet"]

    /// Moves global options written before the subcommand name to after it, so that
    /// `timeline --log x verify` means `timeline verify --log x`.
    static func hoisted(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var before: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if subcommands.contains(argument) {
                return [argument] + arguments[(index + 1)...] + before
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if valued.contains(name) {
                before.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    before.append(arguments[index + 1])
                    index += 1
                }
            } else if flags.contains(argument) {
                before.append(argument)
            } else {
                return arguments  // something else first: leave the order alone
            }
            index += 1
        }
        return arguments
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Reads the process environment and the file system for option resolution.
enum Environment {
    static var variables: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether a file's mode lets its group or other users read it.
    static func isReadableByOthers(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o044 != 0
    }

    /// Today's date in UTC, for queries without `at`.
    static var today: CivilDay { CivilDay(ordinal: Int(SystemClock.now.milliseconds / 86_400_000)) }

    /// The terminal's width: `COLUMNS`, else the terminal's own, else 80. Charts use it.
    static var columns: Int { tableWidth ?? 80 }

    /// The width tables fit: `COLUMNS` when set, else the width of the terminal standard output
    /// is; `nil` (no limit) when standard output is not a terminal and `COLUMNS` is unset.
    static var tableWidth: Int? {
        if let text = variables["COLUMNS"], let value = Int(text), value > 0 { return value }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return nil
    }

    /// The terminal's height in lines: `LINES` when set, else the terminal's own, else 24.
    static var rows: Int {
        if let text = variables["LINES"], let value = Int(text), value > 0 { return value }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }
}
