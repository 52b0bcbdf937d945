import TimelineStore

/// Where a PostgreSQL log lives: a `postgresql://` URL read by libpq's conventions.
///
/// `postgresql://USER:PASSWORD@HOST:PORT/DATABASE?host=/run/postgresql&sslmode=disable`; what the
/// URL leaves out comes from `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` and
/// `PGSSLMODE`, then libpq's defaults (a unix socket in `/var/run/postgresql`, port 5432, the
/// user as database). A host that starts with `/` is a unix-socket directory.
///
/// For example:
/// ```swift
/// let location = try PostgresLocation(url: "postgresql://desk:secret@db.example/history", environment: [:])
/// location.redacted   // "postgresql://desk:***@db.example:5432/history"
/// ```
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How to use TLS, as libpq's `sslmode` says.
    public enum TLSMode: String, Sendable, Hashable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The server's host name, or the directory of its unix socket.
    public let host: String
    /// The TCP port, or the number in the socket's name (`.s.PGSQL.5432`).
    public let port: Int
    /// The role to connect as.
    public let user: String
    /// The password, if any: never shown.
    public let password: String?
    /// The database.
    public let database: String
    /// TLS, for a TCP connection.
    public let tls: TLSMode

    /// Whether the host is a unix-socket directory.
    public var isUnixSocket: Bool { host.hasPrefix("/") }
    /// The socket file for a unix-socket host.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// Whether a `--log` value names a PostgreSQL log.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// A location from its parts.
    public init(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Reads a URL, filling what it leaves out from the environment.
    /// - Throws: `PostgresLocation.Malformed` naming what is wrong.
    public init(url: String, environment: [String: String]) throws(Malformed) {
        guard let schemeEnd = url.range(of: "://"), Self.isURL(url) else {
            throw Malformed(reason: "a PostgreSQL log is written postgresql://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw Malformed(reason: "the parameter \"\(pair)\" needs a value (name=value)")
                }
                query[String(parts[0])] = try Self.decoded(parts[1])
            }
            rest = rest[..<mark]
        }
        var database: String?
        if let slash = rest.firstIndex(of: "/") {
            let name = try Self.decoded(rest[rest.index(after: slash)...])
            database = name.isEmpty ? nil : name
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decoded(credentials[..<colon])
                password = try Self.decoded(credentials[credentials.index(after: colon)...])
            } else {
                user = try Self.decoded(credentials)
            }
            rest = rest[rest.index(after: at)...]
        }
        var host: String?
        var port: Int?
        if !rest.isEmpty {
            if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") || rest[..<colon].hasSuffix("]") {
                let digits = rest[rest.index(after: colon)...]
                guard let number = Int(digits), (1...65535).contains(number) else {
                    throw Malformed(reason: "the port \"\(digits)\" is not a number from 1 to 65535")
                }
                port = number
                host = try Self.decoded(rest[..<colon])
            } else {
                host = try Self.decoded(rest)
            }
            if host?.isEmpty == true { host = nil }
        }
        for key in query.keys
        where !["host", "port", "user", "password", "dbname", "sslmode", "application_name", "connect_timeout"].contains(key) {
            throw Malformed(reason: "unknown parameter \"\(key)\"; the log takes host, port, user, password, dbname and sslmode")
        }
        if let value = query["port"] {
            guard let number = Int(value), (1...65535).contains(number) else {
                throw Malformed(reason: "the port \"\(value)\" is not a number from 1 to 65535")
            }
            port = number
        }
        let environmentPort = environment["PGPORT"].flatMap(Int.init)
        self.host = query["host"] ?? host ?? environment["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        self.port = port ?? environmentPort ?? 5432
        let resolvedUser =
            query["user"] ?? user ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"] ?? "postgres"
        self.user = resolvedUser
        self.password = query["password"] ?? password ?? environment["PGPASSWORD"]
        self.database = query["dbname"] ?? database ?? environment["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? resolvedUser
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw Malformed(reason: "sslmode \"\(mode)\" is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        self.tls = tls
    }

    /// The URL with the password replaced by `***`: what output, errors and prompts show.
    public var redacted: String {
        let credentials = user + (password == nil ? "" : ":***")
        if isUnixSocket {
            return "postgresql://\(credentials)@/\(database)?host=\(host)" + (port == 5432 ? "" : "&port=\(port)")
        }
        return "postgresql://\(credentials)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// The redacted URL.
    public var description: String { redacted }

    /// A URL part with its `%XX` escapes decoded.
    static func decoded(_ text: Substring) throws(Malformed) -> String {
        guard let decoded = PercentDecoding.decode(String(text)) else {
            throw Malformed(reason: "a % in the URL must be followed by two hexadecimal digits, and the bytes must be UTF-8")
        }
        return decoded
    }

    /// Why a URL is not a PostgreSQL log's address.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What is wrong and what was expected.
        public let reason: String
        /// The reason.
        public var description: String { reason }
    }
}
