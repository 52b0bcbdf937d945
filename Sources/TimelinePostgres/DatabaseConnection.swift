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
        if !connection.eventLoop.inEventLoop { try? closed.wait() }
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

    /// Runs a statement with bound parameters and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery, doing action: String) throws(StoreError) -> [PostgresRow] {
        do {
            return try connection.query(query, logger: Self.logger).wait().rows
        } catch {
            throw PostgresFailure.storeError(error, location: location, doing: action)
        }
    }

    /// Runs a statement without parameters (transaction control, the schema's DDL).
    func execute(_ sql: String, doing action: String) throws(StoreError) {
        try query(PostgresQuery(unsafeSQL: sql), doing: action)
    }

    /// Whether the connection is still usable.
    var isOpen: Bool { !connection.isClosed }

    /// Closes the connection, waiting for it.
    func close() {
        let closed: EventLoopFuture<Void> = connection.close()
        try? closed.wait()
    }
}
