import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import TimelineCore
import TimelineScript
import TimelineServer
import TimelineStore
import TimelineTestSupport

/// A server over a scratch copy of a log, answering in process (HummingbirdTesting's router
/// mode), and the language's own answers to compare it with.
struct ServerHarness {
    /// The bundled history, as the repository holds it.
    static let bundledLog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Events/diplomacy.jsonl").path
    /// How many records the bundled history holds (its lines after the format header).
    static let bundledRecordCount: Int = {
        let text = (try? String(contentsOfFile: bundledLog, encoding: .utf8)) ?? ""
        return text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
    }()
    /// The secret the harness's appending servers take.
    static let secret = "0123456789abcdef0123456789abcdef"

    let scratch = ScratchDirectory()
    let logPath: String

    /// A harness on a copy of `log` (the bundled history by default; `nil`: an empty log).
    init(copying log: String? = ServerHarness.bundledLog) {
        logPath = scratch.file("log.jsonl")
        if let log { _ = writeBytes(readBytes(log), to: logPath) }
    }

    /// A server over the copy, with appends on when `appends`.
    func server(appends: Bool = false, limits: ServerLimits = ServerLimits()) throws -> TimelineServer {
        let token = appends ? try AppendToken(fileText: Self.secret + "\n") : nil
        return TimelineServer(configuration: ServerConfiguration(port: 0, token: token, limits: limits)) { FileEventLog(path: logPath) }
    }

    /// Runs `body` with a client of a server over the copy; the request log is kept in `log`.
    func withClient(
        appends: Bool = false, limits: ServerLimits = ServerLimits(), log: RequestLines = RequestLines(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let server = try self.server(appends: appends, limits: limits)
        try await server.application(requestLog: { log.append($0) }).test(.router) { client in try await body(client) }
    }

    /// What the language answers to `statement` on the copy, as `--format json` prints it.
    func languageRows(_ statement: String) -> String {
        final class Tables { var last: Table? }
        let tables = Tables()
        let host = IsolatedHost(today: CivilDay(ordinal: Int(SystemClock.now.milliseconds / 86_400_000))) { output in
            if case .table(let table) = output { tables.last = table }
        }
        let outcome = Interpreter(session: LogSession(log: FileEventLog(path: logPath)), host: host).run(
            SourceFile(name: "<test>", text: statement))
        guard outcome.succeeded, let table = tables.last else { return "failed: \(outcome.diagnostics)" }
        let text = TableRenderer(format: .json, colour: false).render(table)
        return text.isEmpty ? "[]" : text
    }

    func cleanUp() { scratch.cleanUp() }
}

/// The request log's lines, collected from the server's threads.
final class RequestLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The `error.id` of an error body.
    var errorID: String? { (object["error"] as? [String: Any])?["id"] as? String }

    /// The rows of a table answer, re-serialized for comparison.
    var rows: [[String: Any]] { object["rows"] as? [[String: Any]] ?? [] }
}

/// JSON text parsed and written again with sorted keys, so two answers compare by content.
func canonicalJSON(_ text: String) -> String {
    guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    else { return "unparsable: \(text.prefix(200))" }
    return String(decoding: data, as: UTF8.self)
}

/// The `rows` member of an envelope, as canonical JSON.
func canonicalRows(_ response: TestResponse) -> String {
    guard let rows = response.object["rows"],
        let data = try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
    else { return "no rows in: \(response.text.prefix(300))" }
    return String(decoding: data, as: UTF8.self)
}
