/// What one request may ask of the server. Each bound answers with a clear 4xx or 503 when
/// passed, never with a stalled server.
public struct ServerLimits: Sendable {
    /// The largest request body (append scripts, imports, posted queries), in bytes: 413 above.
    public var bodyBytes: Int
    /// The longest statement the query endpoint runs, in bytes: 413 above.
    public var statementBytes: Int
    /// The longest a statement may run before it is stopped: 503 `query-timeout`.
    public var queryTime: Duration
    /// The largest request head (request line and headers), in bytes: 431 above.
    public var headerBytes: Int
    /// The longest request target (path and query), in bytes: 414 above.
    public var uriBytes: Int
    /// How long a connection may stay without a complete request (a client sending its headers a
    /// byte at a time is closed after this).
    public var idleTime: Duration
    /// How many sessions answer requests side by side.
    public var workers: Int

    /// The defaults: 1 MiB bodies, 16 KiB statements, 10 s per statement, 16 KiB heads, 8 KiB
    /// targets, 10 s idle, two sessions.
    public init(
        bodyBytes: Int = 1 << 20, statementBytes: Int = 16 << 10, queryTime: Duration = .seconds(10), headerBytes: Int = 16 << 10,
        uriBytes: Int = 8 << 10, idleTime: Duration = .seconds(10), workers: Int = 2
    ) {
        self.bodyBytes = bodyBytes
        self.statementBytes = statementBytes
        self.queryTime = queryTime
        self.headerBytes = headerBytes
        self.uriBytes = uriBytes
        self.idleTime = idleTime
        self.workers = workers
    }
}
