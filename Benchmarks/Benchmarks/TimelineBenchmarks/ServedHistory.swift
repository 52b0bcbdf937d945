import Foundation
import Synchronization

/// `timeline serve` over a copy of the bundled log, in a process of its own: started before a
/// benchmark's samples and stopped after them.
///
/// It listens on a port the system picks (`--port 0`); the port is read from the line it
/// prints when it listens. Its output goes to a file beside the log, so that its request log
/// (a line a request) never fills a pipe nobody reads.
final class ServedHistory: Sendable {
    /// The folder of the copy and of the server's output.
    let directory: String
    /// The copy of the bundled log it serves.
    var path: String { directory + "/served.jsonl" }
    private var output: String { directory + "/served.out" }
    private let state = Mutex<(process: Process?, port: Int?)>((nil, nil))

    init(directory: String) { self.directory = directory }

    /// Starts the server on a fresh copy of the bundled log and waits until it listens (at most
    /// 30 s).
    func start() throws {
        _ = BundledHistory.copy(into: directory, named: "served.jsonl")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = try TimelineCommand.process(["serve", "--log", path, "--port", "0"])
        // One handle for both streams: two would each write from the file's start, over each other.
        let sink = FileHandle(forWritingAtPath: output)
        process.standardOutput = sink
        process.standardError = sink
        try process.run()
        state.withLock { $0.process = process }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let port = listeningPort() {
                state.withLock { $0.port = port }
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop()
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        throw BenchmarkSetupError("timeline serve did not start listening within 30 s: \(said)")
    }

    /// The port it listens on, once started.
    func port() throws -> Int {
        guard let port = state.withLock({ $0.port }) else { throw BenchmarkSetupError("timeline serve is not running") }
        return port
    }

    /// Stops the server (SIGTERM, which it answers by closing) and waits for it to end.
    func stop() {
        let running = state.withLock { state -> Process? in
            let process = state.process
            state = (nil, nil)
            return process
        }
        guard let process = running else { return }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The port in "timeline: serving LOG on http://127.0.0.1:PORT (appends off)", once printed.
    private func listeningPort() -> Int? {
        guard let text = try? String(contentsOfFile: output, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("timeline: serving ") }),
            let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
            let colon = address.lastIndex(of: ":")
        else { return nil }
        return Int(address[address.index(after: colon)...])
    }
}
