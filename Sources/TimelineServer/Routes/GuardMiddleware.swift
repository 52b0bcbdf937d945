import HTTPTypes
import Hummingbird

/// Runs before every route: refuses request targets longer than the limit (414), turns the
/// router's own errors (no such route, wrong method) into the API's JSON errors, and logs one
/// line per request.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let limits: ServerLimits
    /// Where the request log goes: one line per request.
    let log: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        if request.uri.description.utf8.count > limits.uriBytes {
            response = APIRoutesResponse.error(
                BadRequest(status: 414, "uri-too-long", "the request target is longer than the \(limits.uriBytes) bytes the server takes"))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError {
                let status = Int(error.status.code)
                let problem: BadRequest
                switch status {
                case 404:
                    problem = BadRequest(
                        status: 404, "no-such-route", "no such route: \(request.method) \(request.uri.path); see /api/v1/openapi.json")
                case 405: problem = BadRequest(status: 405, "method-not-allowed", "\(request.method) is not allowed on \(request.uri.path)")
                case 413: problem = BadRequest(status: 413, "body-too-large", "the body is larger than the server takes")
                default: problem = BadRequest(status: status, "http-\(status)", error.body ?? error.status.reasonPhrase)
                }
                response = APIRoutesResponse.error(problem)
            }
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let size = response.body.contentLength.map(String.init) ?? "-"
        let shownPath = String(request.uri.description.prefix(200))
        log("\(request.method) \(shownPath) \(response.status.code) \(size) \(String(format: milliseconds))ms")
        return response
    }
}

/// Error answers the middleware gives, in the API's JSON form.
enum APIRoutesResponse {
    static func error(_ problem: BadRequest) -> Response { response(APIErrorBody.answer(problem, head: nil)) }
}

extension String {
    /// A duration in milliseconds with one decimal.
    init(format milliseconds: Double) {
        let tenths = Int((milliseconds * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
