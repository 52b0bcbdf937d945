import Foundation
import Synchronization
import TimelineTestSupport

/// A `timeline serve` process on a free port, for tests of the real server: it is started,
/// its first line says where it listens, and it is stopped when the test ends.
final class ServeProcess {
    let process: Process
    /// The port it listens on.
    let port: Int
    /// The base URL, `http://127.0.0.1:PORT`.
    let url: String
    /// How long it took from the start until it said it was listening.
    let startup: Duration
    private let output: Pipe
    private let errors: Pipe

    /// Starts `timeline [--log LOG] serve --port 0 ARGUMENTS`.
    init(log: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process = try launch("timeline", ["--log", log, "serve", "--port", "0"] + arguments, environment: environment)
        output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        // The first line: "timeline: serving LOG on http://127.0.0.1:PORT (appends …)".
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { break }
            line += byte
        }
        startup = clock.now - start
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://127.0.0.1:"),
            let port = Int(text[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw RawHTTPError.serverDidNotStart(text + stderr)
        }
        self.port = port
        url = "http://127.0.0.1:\(port)"
        // The request log is read as it comes, so that a full pipe never stalls the server.
        let logged = self.logged
        Thread.detachNewThread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                logged.bytes.withLock { $0 += data }
            }
            logged.bytes.withLock { $0 += Data("\u{0}".utf8) }
        }
    }

    /// What the server logged after its first line, as read so far (a NUL at the end once the
    /// server closed its output).
    private let logged = LoggedOutput()

    /// Stops the server and returns what it logged after its first line.
    @discardableResult
    func stop() -> String {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        // Until the reader has seen the end of the output.
        for _ in 0..<200 where logged.bytes.withLock({ $0.last != 0 }) { Thread.sleep(forTimeInterval: 0.01) }
        return String(decoding: logged.bytes.withLock { $0.last == 0 ? $0.dropLast() : $0 }, as: UTF8.self)
    }

    deinit { if process.isRunning { process.terminate() } }

    /// A copy of the bundled history in `scratch`, for a server to serve and change.
    static func bundledCopy(in scratch: ScratchDirectory) -> String {
        let log = scratch.file("log.jsonl")
        _ = writeBytes(readBytes(packageRoot + "/Events/diplomacy.jsonl"), to: log)
        return log
    }

    /// GET `path`.
    func get(_ path: String, headers: [String: String] = [:]) throws -> RawHTTPResponse {
        try RawHTTPConnection.exchange(port: port, path: path, headers: headers)
    }

    /// POST `body` to `path`.
    func post(_ path: String, body: String, headers: [String: String] = [:]) throws -> RawHTTPResponse {
        try RawHTTPConnection.exchange(port: port, method: "POST", path: path, headers: headers, body: Array(body.utf8))
    }
}

/// The bytes a server wrote, shared between the thread reading them and the test.
private final class LoggedOutput: Sendable {
    let bytes = Mutex<Data>(Data())
}

extension RawHTTPError {
    static func serverDidNotStart(_ output: String) -> RawHTTPError { RawHTTPError(description: "timeline serve did not start: \(output)") }
}

extension RawHTTPResponse {
    /// The body as a JSON object.
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    /// The rows of a table answer.
    var rows: [[String: Any]] { object["rows"] as? [[String: Any]] ?? [] }
}
