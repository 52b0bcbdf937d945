/// How `timeline serve` listens and what it allows.
public struct ServerConfiguration: Sendable {
    /// The address to listen on: loopback unless told otherwise.
    public var host: String
    /// The port; 0 picks a free one (the server says which).
    public var port: Int
    /// The token that allows appends; `nil`: appends are refused.
    public var token: AppendToken?
    /// The bounds on each request.
    public var limits: ServerLimits

    public init(host: String = "127.0.0.1", port: Int = 8080, token: AppendToken? = nil, limits: ServerLimits = ServerLimits()) {
        self.host = host
        self.port = port
        self.token = token
        self.limits = limits
    }
}
