/// A request the server refuses before running anything: a bad parameter, a missing token,
/// a body too large. Carries its HTTP status and a stable id, like a diagnostic.
struct BadRequest: Error, Sendable {
    /// The HTTP status code.
    let status: Int
    /// A stable name for the problem (`invalid-parameter`, `missing-token` …).
    let id: String
    /// What was wrong and what was expected.
    let message: String

    init(status: Int = 400, _ id: String, _ message: String) {
        self.status = status
        self.id = id
        self.message = message
    }

    /// A query parameter with an unusable value.
    static func parameter(_ name: String, _ value: String, expected: String) -> BadRequest {
        BadRequest("invalid-parameter", "parameter \(name)=\(JSONText.string(value)): expected \(expected)")
    }

    /// `error` as a bad request: itself when it is one, else a 400 naming it.
    static func from(_ error: any Error) -> BadRequest {
        (error as? BadRequest) ?? BadRequest("invalid-request", "\(error)")
    }
}
