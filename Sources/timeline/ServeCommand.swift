import ArgumentParser
import Dispatch
import Synchronization
import TimelineServer
import TimelineStore

/// `timeline serve`: the JSON API and the web explorer over the log, until interrupted.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the log over HTTP: a JSON API (/api/v1) and a web explorer (/).",
        discussion: """
            Listens on loopback unless --host says otherwise, and logs one line per request. \
            Every answer carries the log head it was computed at (also as its ETag). Appends \
            over HTTP are refused unless --token-file names a file holding a secret of at least \
            16 characters; then POST /api/v1/append with Authorization: Bearer SECRET appends a \
            script's events as one batch. No request reads or writes a file on the server.

            Examples:
              timeline serve
              timeline serve --log 'postgresql://desk@/history?host=/run/postgresql' --port 9000
              timeline serve --token-file /etc/timeline/token --host 0.0.0.0
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("A file whose first line is the secret that allows appends.", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("How many sessions answer side by side.", valueName: "n"))
    var workers = 2

    @Option(help: ArgumentHelp("The longest a statement may run, in seconds.", valueName: "seconds"))
    var queryTime = 10.0

    @Option(help: ArgumentHelp("The largest request body, in bytes.", valueName: "bytes"))
    var maxBody = 1 << 20

    @Option(help: ArgumentHelp("How long a connection may stay without a complete request, in seconds.", valueName: "seconds"))
    var idleTime = 10.0

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535, not \(port)") }
        guard (1...64).contains(workers) else { throw ValidationError("--workers takes 1 to 64, not \(workers)") }
        guard queryTime > 0, queryTime <= 3_600 else { throw ValidationError("--query-time takes more than 0 and at most 3600 seconds") }
        guard idleTime >= 0.1, idleTime <= 3_600 else { throw ValidationError("--idle-time takes 0.1 to 3600 seconds") }
        guard maxBody >= 1_024 else { throw ValidationError("--max-body takes at least 1024 bytes") }
    }

    func run() throws {
        var limits = ServerLimits()
        limits.workers = workers
        limits.queryTime = .milliseconds(Int(queryTime * 1000))
        limits.bodyBytes = maxBody
        limits.idleTime = .milliseconds(Int(idleTime * 1000))
        var token: AppendToken?
        if let tokenFile {
            guard let bytes = Console.readFile(tokenFile) else {
                throw CommandFailure(message: "\(tokenFile): cannot read the token file", exitCode: 66)
            }
            do {
                token = try AppendToken(fileText: String(decoding: bytes, as: UTF8.self))
            } catch {
                throw CommandFailure(message: "\(tokenFile): \(error)", exitCode: 65)
            }
            if Environment.isReadableByOthers(tokenFile) {
                Console.error("timeline: warning: \(tokenFile) can be read by other users; chmod 600 it")
            }
        }
        let location = global.location
        let global = self.global
        let server = TimelineServer(configuration: ServerConfiguration(host: host, port: port, token: token, limits: limits)) {
            global.openLog(location)
        }
        let appends = token == nil ? "appends off" : "appends on with the token"
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await server.run(
                    onListening: { url in
                        Console.out("timeline: serving \(location.shown) on \(url) (\(appends))")
                        Console.flush()
                    },
                    requestLog: { line in
                        Console.out(line)
                        Console.flush()
                    })
            } catch {
                failure.set("\(error)")
            }
            finished.signal()
        }
        finished.wait()
        if let message = failure.message {
            throw CommandFailure(message: "timeline serve: \(message)", exitCode: 74)
        }
    }
}

/// The error a server's task ended with, handed back to the waiting command.
private final class FailureBox: Sendable {
    private let stored = Mutex<String?>(nil)
    var message: String? { stored.withLock { $0 } }
    func set(_ message: String) { stored.withLock { $0 = message } }
}
