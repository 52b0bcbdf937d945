import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import TimelineStore

/// `timeline serve`: the JSON API and the web explorer over one log, on Hummingbird.
///
/// Every request runs a statement of the language on one of a few sessions over the log, so
/// answers are the language's (the same keys, the same diagnostics), and each carries the head
/// it was computed at.
///
/// For example:
/// ```swift
/// let server = try TimelineServer(configuration: ServerConfiguration(port: 0)) { FileEventLog(path: "Events/diplomacy.jsonl") }
/// try await server.run(onListening: { print("listening on \($0)") }, requestLog: { print($0) })
/// ```
public struct TimelineServer: Sendable {
    public let configuration: ServerConfiguration
    private let service: APIService

    /// A server over the log `open` gives, called once per session.
    public init(configuration: ServerConfiguration, open: () throws -> any EventLog) rethrows {
        self.configuration = configuration
        service = APIService(pool: try SessionPool(count: configuration.limits.workers, open: open), limits: configuration.limits)
    }

    /// The application: routes, limits and the request log, ready to run or to test.
    public func application(
        onListening: @escaping @Sendable (String) -> Void = { _ in }, requestLog: @escaping @Sendable (String) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let limits = configuration.limits
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: GuardMiddleware(limits: limits, log: requestLog))
        APIRoutes(service: service, limits: limits, token: configuration.token).register(on: router)
        ExplorerRoutes().register(on: router)
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: limits.headerBytes, maxHeaderListSize: limits.headerBytes, maxHeaderFieldCount: 100)
        let idle = TimeAmount.nanoseconds(
            Int64(limits.idleTime.components.seconds) * 1_000_000_000 + limits.idleTime.components.attoseconds / 1_000_000_000)
        var logger = Logger(label: "timeline.serve")
        logger.logLevel = .critical
        return Application(
            router: router,
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: idle, httpDecoderConfiguration: decoder)),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "timeline"),
            onServerRunning: { channel in
                let address = channel.localAddress
                let host = address?.ipAddress ?? "?"
                let shown = host.contains(":") ? "[\(host)]" : host
                onListening("http://\(shown):\(address?.port ?? 0)")
            },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM.
    public func run(onListening: @escaping @Sendable (String) -> Void, requestLog: @escaping @Sendable (String) -> Void) async throws {
        try await application(onListening: onListening, requestLog: requestLog).runService()
    }
}
