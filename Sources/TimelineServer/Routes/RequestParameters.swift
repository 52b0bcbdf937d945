import Hummingbird
import TimelineCore
import TimelineStore

/// The parameters of one request, read and checked: path segments, query parameters, the
/// `If-None-Match` header. Every accessor throws a `BadRequest` naming the parameter.
struct RequestParameters {
    let request: Request
    let context: BasicRequestContext

    /// Query parameters the route knows; any other is refused, so a misspelt `at` is not ignored.
    func allowing(_ names: Set<String>) throws(BadRequest) -> RequestParameters {
        for name in query.keys {
            guard names.contains(name) else {
                let known = names.sorted().joined(separator: ", ")
                throw BadRequest(
                    "unknown-parameter", "unknown parameter \(JSONText.string(name)); this route takes \(known.isEmpty ? "none" : known)")
            }
        }
        return self
    }

    /// A query parameter's value, `nil` when absent or empty.
    func value(_ name: String) -> String? {
        guard let value = query[name], !value.isEmpty else { return nil }
        return value
    }

    /// The query string as HTML forms encode it: `+` is a space, `%XX` a byte; the first of a
    /// repeated name wins. A value that does not decode is kept as written (and refused by the
    /// check it goes through).
    private var query: [String: String] {
        var values: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                let spaced = String(text.map { $0 == "+" ? " " : $0 })
                return PercentDecoding.decode(spaced) ?? spaced
            }
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return values
    }

    /// A path segment, percent-decoded.
    func path(_ name: String) throws(BadRequest) -> String {
        guard let raw = context.parameters.get(name) else { throw BadRequest("invalid-parameter", "the path has no \(name)") }
        guard let decoded = PercentDecoding.decode(raw) else {
            throw .parameter(name, raw, expected: "a percent-encoded UTF-8 name")
        }
        return decoded
    }

    /// ` at D` for the `at` parameter, or nothing.
    func at() throws(BadRequest) -> String {
        guard let value = value("at") else { return "" }
        return " at " + (try StatementText.date(value, parameter: "at"))
    }

    /// ` by KIND` for the `by` parameter (a date convention: `decided`, `signed` …), or nothing.
    func by() throws(BadRequest) -> String {
        guard let value = value("by") else { return "" }
        guard let kind = DateKind(word: value) else {
            throw .parameter("by", value, expected: "a date convention: \(DateKind.words)")
        }
        return " by \(kind.rawValue)"
    }

    /// ` from D` / ` to D` for `from` and `to`, each when given.
    func range() throws(BadRequest) -> String {
        var text = ""
        if let from = value("from") { text += " from " + (try StatementText.date(from, parameter: "from")) }
        if let to = value("to") { text += " to " + (try StatementText.date(to, parameter: "to")) }
        return text
    }

    /// The `known` parameter.
    func known() throws(BadRequest) -> KnownPoint? {
        guard let value = value("known") else { return nil }
        return try StatementText.known(value)
    }

    /// The `head` parameter.
    func pin() throws(BadRequest) -> CitedHead? {
        guard let value = value("head") else { return nil }
        return try StatementText.head(value)
    }

    /// The `If-None-Match` header.
    var ifNoneMatch: String? { request.headers[.ifNoneMatch] }
}
