import ArgumentParser
import TimelineCore
import TimelineStore

#if canImport(Glibc)
import Glibc
#endif

/// Options every command accepts, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The log to open.", valueName: "path"))
    var log: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Never colour the output (also when NO_COLOR is set).")
    var noColor = false

    /// The log this invocation opens.
    var location: LogLocation {
        LogLocation.resolve(option: log, environment: Environment.variables, fileExists: Environment.fileExists)
    }

    /// Options that take a value, and flags, that may appear before a subcommand.
    static let valued: Set<String> = ["--log", "--format"]
    static let flags: Set<String> = ["--no-color"]

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

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table
    case json
    case csv
}

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

    /// Today's date in UTC, for queries without `at`.
    static var today: RecordedTime { SystemClock.now }
}
