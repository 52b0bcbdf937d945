import Foundation

/// The `timeline` command built beside the benchmarks (the package depends on its product), run
/// as a user runs it: a process of its own, its output collected.
///
/// For example:
/// ```swift
/// let answer = try TimelineCommand.run(["--log", path, "-c", "print count(members SCO at 2017)"])
/// ```
enum TimelineCommand {
    /// The executable beside this benchmark's own.
    static let path = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
        .deletingLastPathComponent().appendingPathComponent("timeline").path

    /// Runs the command with `arguments` and waits for it.
    /// - Returns: what it wrote to standard output.
    /// - Throws: `BenchmarkSetupError` when it cannot start or exits with an error, with what it
    ///   wrote to standard error.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        try ChildProcess.output(of: try process(arguments)) { status in
            "timeline \(arguments.joined(separator: " ")) exited \(status): "
        }
    }

    /// The command with `arguments`, not started yet.
    static func process(_ arguments: [String]) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchmarkSetupError("\(path) is missing: build the benchmarks with `swift package benchmark`, which builds timeline too")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        return process
    }
}
