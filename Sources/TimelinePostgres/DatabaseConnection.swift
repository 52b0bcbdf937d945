import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import TimelineStore

/// One connection to the server, used synchronously: every call waits for its answer on the
/// calling thread (never an event loop's), so the log serves callers that cannot wait
/// asynchronously — the language, the REPL, the commands.
final class DatabaseConnection: Sendable {
    let connection: PostgresConnection
    let location: PostgresLocation
    static let logger = Logger(label: "timeline.postgres") { _ in SwiftLogNoOpLogHandler() }

    private init(connection: PostgresConnection, location: PostgresLocation) {
        self.connection = connection
        self.location = location
    }

    deinit {
        // The driver requires a connection to be closed before it goes.
        guard !connection.isClosed else { return }
        let closed: EventLoopFuture<Void> = connection.close()
        if !connection.eventLoop.inEventLoop { _ = try? Self.bounded(closed, connection: connection) }
    }

    /// Connects, within a few seconds or with a clear error.
    static func open(_ location: PostgresLocation) throws(StoreError) -> DatabaseConnection {
        var configuration: PostgresConnection.Configuration
        if location.isUnixSocket {
            configuration = .init(
                unixSocketPath: location.socketPath, username: location.user, password: location.password,
                database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch location.tls {
            case .disable:
                tls = .disable
            case .allow, .prefer, .require, .verifyCA, .verifyFull:
                var settings = TLSConfiguration.makeClientConfiguration()
                if location.tls != .verifyFull && location.tls != .verifyCA { settings.certificateVerification = .none }
                if location.tls == .verifyCA { settings.certificateVerification = .noHostnameVerification }
                do {
                    let context = try NIOSSLContext(configuration: settings)
                    tls = location.tls == .allow || location.tls == .prefer ? .prefer(context) : .require(context)
                } catch {
                    throw StoreError(code: .io, message: "cannot set up TLS: \(error)", path: location.redacted)
                }
            }
            configuration = .init(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        let future = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
        do {
            return DatabaseConnection(connection: try future.wait(), location: location)
        } catch {
            throw PostgresFailure.storeError(error, location: location, doing: "connect")
        }
    }

    /// How long any one statement may take before the connection is given up: a server that
    /// died without closing the socket never answers, and a command must not wait for ever.
    static let answerTimeout: TimeAmount = .seconds(120)

    /// Runs a statement with bound parameters and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery, doing action: String) throws(StoreError) -> [PostgresRow] {
        // A statement sent on a connection the server has ended is never answered.
        guard !connection.isClosed else {
            throw StoreError(
                code: .io,
                message: "the connection to the PostgreSQL server was lost before this process could \(action); nothing was written",
                path: location.redacted)
        }
        do {
            return try Self.bounded(connection.query(query, logger: Self.logger), connection: connection).rows
        } catch let timeout as AnswerTimeout {
            throw StoreError(
                code: .io,
                message:
                    "the PostgreSQL server gave no answer for \(timeout.seconds) s while this process tried to \(action); nothing was written",
                path: location.redacted)
        } catch {
            throw PostgresFailure.storeError(error, location: location, doing: action)
        }
    }

    /// The server did not answer in time.
    struct AnswerTimeout: Error {
        let seconds: Int64
    }

    /// Waits for `future`, at most `answerTimeout`; on a timeout the connection is closed.
    static func bounded<Value: Sendable>(_ future: EventLoopFuture<Value>, connection: PostgresConnection) throws -> Value {
        let promise = future.eventLoop.makePromise(of: Value.self)
        future.cascade(to: promise)
        let timer = future.eventLoop.scheduleTask(in: answerTimeout) {
            promise.fail(AnswerTimeout(seconds: answerTimeout.nanoseconds / 1_000_000_000))
            _ = connection.close() as EventLoopFuture<Void>
        }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// Runs a statement without parameters (transaction control, the schema's DDL).
    func execute(_ sql: String, doing action: String) throws(StoreError) {
        try query(PostgresQuery(unsafeSQL: sql), doing: action)
    }

    /// Kinds of transaction the log uses.
    enum Isolation: String {
        /// Reads: one snapshot, never blocking writers.
        case snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        /// Writes: each statement sees what was committed before it, so a writer that waited
        /// for the head row sees the batches of those it waited for.
        case readCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED"
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<Result>(_ isolation: Isolation, doing action: String, _ body: () throws(StoreError) -> Result) throws(StoreError)
        -> Result
    {
        try execute(isolation.rawValue, doing: action)
        do {
            let result = try body()
            try execute("COMMIT", doing: action)
            return result
        } catch {
            try? execute("ROLLBACK", doing: action)
            throw error
        }
    }

    /// Whether the connection is still usable.
    var isOpen: Bool { !connection.isClosed }

    /// Closes the connection, waiting for it.
    func close() {
        let closed: EventLoopFuture<Void> = connection.close()
        _ = try? Self.bounded(closed, connection: connection)
    }
}
