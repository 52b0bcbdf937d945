import Foundation
import Testing

/// The PostgreSQL server the tests use: the throwaway cluster `scripts/start-postgres` starts
/// and names in `TIMELINE_TEST_POSTGRES` (a superuser's URL on a unix socket). Without it the
/// PostgreSQL tests are skipped on a developer's machine, and fail under CI (`CI=true`): they
/// never skip there. Databases are made and dropped with `psql`, the server's own client.
public enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The superuser's URL, when a server was started.
    public static let url: String? = environment["TIMELINE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the tests that need the server run: when there is one, and always under CI
    /// (where a missing server then fails them).
    public static let enabled = url != nil || environment["CI"] == "true"

    /// The server's data folder, binaries and owner, to stop and start it in fault tests.
    public static let dataDirectory = environment["TIMELINE_TEST_POSTGRES_DATA"]
    public static let binaries = environment["TIMELINE_TEST_POSTGRES_BIN"]
    public static let owner = environment["TIMELINE_TEST_POSTGRES_OWNER"]

    /// The superuser's URL, or a recorded failure saying how to start a server.
    public static func required() throws -> String {
        guard let url else {
            Issue.record("no PostgreSQL server for the tests: run them with scripts/test, or source scripts/start-postgres first")
            throw TestServerError(message: "no PostgreSQL server")
        }
        return url
    }

    /// The URL of database `name` on the server, as role `user` (the superuser when `nil`),
    /// with `password` if given.
    public static func url(database name: String, user: String? = nil, password: String? = nil) throws -> String {
        let server = try required()
        guard let query = server.firstIndex(of: "?") else { throw TestServerError(message: "the server's URL has no ?host=") }
        let role = user ?? "postgres"
        return "postgresql://\(role)\(password.map { ":" + $0 } ?? "")@/\(name)" + server[query...]
    }

    /// Runs SQL on database `name` as the superuser, through `psql`; returns its output.
    @discardableResult
    public static func sql(_ statements: String, database name: String = "postgres") throws -> String {
        try sql(statements, at: try url(database: name))
    }

    /// Runs SQL at a URL, through `psql`; returns its output.
    @discardableResult
    public static func sql(_ statements: String, at url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statements]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestServerError(message: "psql: \(problem)") }
        return text
    }

    /// A fresh, empty database with a unique name: its URL, and a function that drops it.
    public static func freshDatabase(_ label: String = "log") throws -> (url: String, name: String, drop: @Sendable () -> Void) {
        let name = "tl_\(label)_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        try sql("CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
        return (try url(database: name), name, { _ = try? PostgresTestServer.sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    /// A server of one's own (for a test that stops it): started by `scripts/start-postgres`
    /// from `root`, with its superuser URL, and ways to stop it at once, start it again and
    /// remove it.
    public struct PrivateServer {
        public let url: String
        let data: String
        let binaries: String
        let owner: String

        /// Starts one. Its address comes back through a file: the server it starts keeps every
        /// descriptor it inherits, so a pipe would never reach its end.
        public init(root: String) throws {
            let answer = NSTemporaryDirectory() + "timeline-private-server-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: answer) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                "-c",
                #"source scripts/start-postgres >/dev/null 2>&1 && printf '%s\n%s\n%s\n%s' "$TIMELINE_TEST_POSTGRES" "$TIMELINE_TEST_POSTGRES_DATA" "$TIMELINE_TEST_POSTGRES_BIN" "$TIMELINE_TEST_POSTGRES_OWNER" > "$0""#,
                answer,
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let lines = ((try? String(contentsOfFile: answer, encoding: .utf8)) ?? "").split(separator: "\n")
            guard process.terminationStatus == 0, lines.count == 4 else { throw TestServerError(message: "cannot start a private server") }
            (url, data, binaries, owner) = (String(lines[0]), String(lines[1]), String(lines[2]), String(lines[3]))
        }

        /// `pg_ctl` as the cluster's owner.
        func control(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", owner, "--", binaries + "/pg_ctl", "-D", data] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }

        /// Stops the server at once, as a crash would (`-m immediate`).
        public func crash() throws { try control(["-m", "immediate", "stop"]) }

        /// Starts it again on the same socket, through a shell that first closes every
        /// descriptor it inherited (the server would keep them open for as long as it runs).
        public func restart() throws {
            let folder = String(data.dropLast("/data".count))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                "-c",
                #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; exec /usr/sbin/runuser -u "$1" -- "$2/pg_ctl" -D "$3" -l "$4/server.log" -w -o "-k $4 -c listen_addresses='' -p 5433" start"#,
                "restart", owner, binaries, data, folder,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }

        /// Stops it and removes its files.
        public func remove() {
            try? crash()
            try? FileManager.default.removeItem(atPath: String(data.dropLast("/data".count)))
        }
    }

    /// Why the test server could not be used.
    public struct TestServerError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
