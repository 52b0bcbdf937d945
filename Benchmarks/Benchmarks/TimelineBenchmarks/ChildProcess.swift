import Foundation

/// A command the benchmarks' set-up runs to its end (`psql`, `timeline`), its output collected.
///
/// For example:
/// ```swift
/// let process = Process()
/// process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
/// process.arguments = [url, "-qAt", "-c", "SELECT 1"]
/// let one = try ChildProcess.output(of: process) { _ in "psql: " }
/// ```
enum ChildProcess {
    /// Starts `process` (configured, not yet started) and waits for it. Both pipes are drained
    /// before waiting, so that a long answer cannot stall the command.
    /// - Returns: what it wrote to standard output.
    /// - Throws: `BenchmarkSetupError` when it cannot start, or when it exits with an error:
    ///   `failure` of its exit status, then what it wrote to standard error.
    static func output(of process: Process, failure: (Int32) -> String) throws -> String {
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkSetupError(failure(process.terminationStatus) + problem) }
        return text
    }
}
