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
    /// Starts `process` (configured, not yet started) and waits for it. Its standard output is
    /// read through a pipe while it runs; its standard error goes to a file of its own, so that
    /// neither stream can fill up and stall the command while the other is read.
    /// - Returns: what it wrote to standard output.
    /// - Throws: `BenchmarkSetupError` when it cannot start, or when it exits with an error:
    ///   `failure` of its exit status, then what it wrote to standard error.
    static func output(of process: Process, failure: (Int32) -> String) throws -> String {
        let errorsPath = NSTemporaryDirectory() + "timeline-bench-stderr-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: errorsPath, contents: nil), let errors = FileHandle(forWritingAtPath: errorsPath)
        else { throw BenchmarkSetupError("cannot make \(errorsPath) for a command's standard error") }
        defer { try? FileManager.default.removeItem(atPath: errorsPath) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try? errors.close()
        guard process.terminationStatus == 0 else {
            let problem = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
            throw BenchmarkSetupError(failure(process.terminationStatus) + problem)
        }
        return text
    }
}
