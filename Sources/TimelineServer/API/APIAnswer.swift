import TimelineStore

/// What the server answers one request with, before HTTP: a status, a content type, a body and
/// the head it was computed at. Built on a session's thread; turned into a response by the routes.
struct APIAnswer: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The body's media type.
    var contentType: String
    /// The body.
    var body: [UInt8]
    /// The head the answer was computed at (the pinned head when a request pinned one); `nil`
    /// when the log could not be read.
    var head: LogHead?
    /// Extra response headers.
    var headers: [(name: String, value: String)] = []

    /// JSON text with a status.
    static func json(_ text: String, status: Int = 200, head: LogHead?) -> APIAnswer {
        APIAnswer(status: status, contentType: "application/json; charset=utf-8", body: Array(text.utf8), head: head)
    }

    /// The head as an entity tag: `"SEQ-HASH"`.
    static func entityTag(_ head: LogHead) -> String { "\"\(head.count)-\(head.hash.hex)\"" }
}
