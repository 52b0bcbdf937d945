import HTTPTypes
import Hummingbird
import TimelineCore
import TimelineScript
import TimelineStore

/// The JSON API under `/api/v1`: one route per question of the language, each building the
/// statement it runs from checked parameters (see `api/openapi.json`).
struct APIRoutes: Sendable {
    let service: APIService
    let limits: ServerLimits
    let token: AppendToken?

    /// Adds the routes to `router`.
    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.get("head") { _, _ in response(await service.head()) }
        api.get("openapi.json") { _, _ in
            response(APIAnswer(status: 200, contentType: "application/json; charset=utf-8", body: ExplorerAssets.openAPI, head: nil))
        }
        api.get("countries") { request, context in
            if let refusal = await answer(request, context, allowing: [], make: { _ in nil }) { return refusal }
            return response(await service.countries())
        }
        api.get("orgs") { request, context in
            await run(request, context, allowing: ["at", "by", "known", "head"], acceptsKnown: true) { p in
                let at = try p.at() + (try p.by())
                return { known in "orgs\(at)\(known?.clause ?? "")" }
            }
        }
        for verb in ["members", "roster"] {
            api.get("orgs/:org/\(verb)") { request, context in
                await run(request, context, allowing: ["at", "by", "known", "head"], acceptsKnown: true) { p in
                    let org = try StatementText.name(try p.path("org"), parameter: "org")
                    let at = try p.at() + (try p.by())
                    return { known in "\(verb) \(org)\(at)\(known?.clause ?? "")" }
                }
            }
        }
        api.get("orgs/:org/status/:country") { request, context in
            await run(request, context, allowing: ["at", "by", "head"], acceptsKnown: false) { p in
                let org = try StatementText.name(try p.path("org"), parameter: "org")
                let country = try StatementText.name(try p.path("country"), parameter: "country")
                let at = try p.at() + (try p.by())
                return { _ in "status \(country) in \(org)\(at)" }
            }
        }
        api.get("orgs/:org/why/:country") { request, context in
            await run(request, context, allowing: ["at", "by", "head"], acceptsKnown: false) { p in
                let org = try StatementText.name(try p.path("org"), parameter: "org")
                let country = try StatementText.name(try p.path("country"), parameter: "country")
                let at = try p.at() + (try p.by())
                return { _ in "why \(country) in \(org)\(at)" }
            }
        }
        api.get("orgs/:org/history") { request, context in
            await run(request, context, allowing: ["from", "to", "known", "head"], acceptsKnown: true) { p in
                let org = try StatementText.name(try p.path("org"), parameter: "org")
                let range = try p.range()
                return { known in "history \(org)\(range)\(known?.clause ?? "")" }
            }
        }
        for verb in ["summits", "milestones", "statements"] {
            api.get("orgs/:org/\(verb)") { request, context in
                await run(request, context, allowing: ["from", "to", "head"], acceptsKnown: false) { p in
                    let org = try StatementText.name(try p.path("org"), parameter: "org")
                    let range = try p.range()
                    return { _ in "\(verb) \(org)\(range)" }
                }
            }
        }
        api.get("orgs/:org/diff") { request, context in
            await run(request, context, allowing: ["from", "to", "at", "by", "head"], acceptsKnown: false) { p in
                let org = try StatementText.name(try p.path("org"), parameter: "org")
                let by = try p.by()
                // One date and a convention: where that convention and the default disagree.
                if let at = p.value("at"), p.value("from") == nil, p.value("to") == nil, !by.isEmpty {
                    let day = try StatementText.date(at, parameter: "at")
                    return { _ in "diff \(org) \(day)\(by)" }
                }
                guard let from = p.value("from"), let to = p.value("to") else {
                    throw BadRequest(
                        "missing-parameter",
                        "diff needs both from and to, as in ?from=2015&to=2024, or at and by, as in ?at=2009-12-31&by=decided")
                }
                let first = try StatementText.date(from, parameter: "from")
                let second = try StatementText.date(to, parameter: "to")
                return { _ in "diff \(org) \(first) \(second)\(by)" }
            }
        }
        api.get("orgs/:org/replay") { request, context in
            await run(request, context, allowing: ["from", "to", "head"], acceptsKnown: false) { p in
                let org = try StatementText.name(try p.path("org"), parameter: "org")
                let range = try p.range() + (p.value("to") == nil ? " to \(RequestHost.todayText)" : "")
                return { _ in "replay \(org)\(range)" }
            }
        }
        for subject in ["orgs/:org", "countries/:country"] {
            api.get("\(subject)/chart.svg") { request, context in
                await run(
                    request, context, allowing: ["from", "to", "head"], acceptsKnown: false, answer: .file(contentType: "image/svg+xml")
                ) { p in
                    let name = subject.hasPrefix("orgs") ? "org" : "country"
                    let value = try StatementText.name(try p.path(name), parameter: name)
                    let range = try p.range()
                    return { _ in "chart \(value)\(range) svg \"chart.svg\"" }
                }
            }
        }
        api.get("countries/:country/memberships") { request, context in
            await run(request, context, allowing: ["at", "by", "known", "head"], acceptsKnown: true) { p in
                let country = try StatementText.name(try p.path("country"), parameter: "country")
                let at = try p.at() + (try p.by())
                return { known in "memberships \(country)\(at)\(known?.clause ?? "")" }
            }
        }
        api.get("countries/:country/history") { request, context in
            await run(request, context, allowing: ["from", "to", "known", "head"], acceptsKnown: true) { p in
                let country = try StatementText.name(try p.path("country"), parameter: "country")
                let range = try p.range()
                return { known in "history \(country)\(range)\(known?.clause ?? "")" }
            }
        }
        for what in ["events", "intervals"] {
            api.get("export/\(what)") { request, context in
                let format = RequestParameters(request: request, context: context).value("format") ?? "json"
                let kind: StatementRequest.Answer
                switch format {
                case "json": kind = .table
                case "jsonl": kind = .text(.jsonl)
                case "csv": kind = .text(.csv)
                default:
                    return response(APIErrorBody.answer(.parameter("format", format, expected: "json, jsonl or csv"), head: nil))
                }
                return await run(request, context, allowing: ["org", "format", "head"], acceptsKnown: false, answer: kind) { p in
                    let org = try p.value("org").map { " " + (try StatementText.name($0, parameter: "org")) } ?? ""
                    return { _ in "export \(what)\(org)" }
                }
            }
        }
        api.get("query") { request, context in
            await answer(request, context, allowing: ["q", "head"]) { p in
                guard let text = p.value("q") else {
                    throw BadRequest("missing-parameter", "give the statement as q, as in /api/v1/query?q=members%20SCO%20at%202017")
                }
                return try query(text, pin: try p.pin(), ifNoneMatch: p.ifNoneMatch)
            }
        }
        api.post("query") { request, context in
            let body: [UInt8]
            do { body = try await collectBody(request, limit: limits.statementBytes) } catch {
                return response(APIErrorBody.answer(BadRequest.from(error), head: nil))
            }
            return await answer(request, context, allowing: ["head"]) { p in
                guard let text = String(validating: body, as: UTF8.self) else {
                    throw BadRequest("invalid-body", "the body must be the statement as UTF-8 text")
                }
                return try query(text, pin: try p.pin(), ifNoneMatch: nil)
            }
        }
        api.post("append") { request, context in
            await appending(request, context, allowing: []) { body in
                guard let text = String(validating: body, as: UTF8.self) else {
                    throw BadRequest("invalid-body", "the body must be the statements as UTF-8 text")
                }
                var statement = StatementRequest.fixed(text)
                statement.mode = .appendScript
                statement.answer = .outputs
                return statement
            }
        }
        api.post("import") { request, context in
            await appending(request, context, allowing: ["format"]) { body in
                let format = RequestParameters(request: request, context: context).value("format") ?? "jsonl"
                guard ["jsonl", "csv", "json"].contains(format) else {
                    throw BadRequest.parameter("format", format, expected: "jsonl, csv or json")
                }
                let name = "request-body.\(format)"
                var statement = StatementRequest.fixed("import \"\(name)\"")
                statement.mode = .importBody
                statement.answer = .outputs
                statement.body = (name, body)
                return statement
            }
        }
    }

    // MARK: Handlers

    /// Checks the parameters, builds the statement and runs it.
    private func run(
        _ request: Request, _ context: BasicRequestContext, allowing names: Set<String>, acceptsKnown: Bool,
        answer kind: StatementRequest.Answer = .table,
        build: (RequestParameters) throws -> @Sendable (KnownPoint?) -> String
    ) async -> Response {
        await answer(request, context, allowing: names) { p in
            StatementRequest(
                statement: try build(p), known: try p.known(), acceptsKnown: acceptsKnown, pin: try p.pin(), ifNoneMatch: p.ifNoneMatch,
                answer: kind)
        }
    }

    /// Checks the parameters and runs what `make` builds; a `BadRequest` becomes its answer.
    private func answer(
        _ request: Request, _ context: BasicRequestContext, allowing names: Set<String>,
        make: (RequestParameters) throws -> StatementRequest?
    ) async -> Response? {
        do {
            guard let statement = try make(try RequestParameters(request: request, context: context).allowing(names)) else { return nil }
            return response(await service.run(statement))
        } catch {
            return response(APIErrorBody.answer(BadRequest.from(error), head: nil))
        }
    }

    private func answer(
        _ request: Request, _ context: BasicRequestContext, allowing names: Set<String>,
        make: (RequestParameters) throws -> StatementRequest
    ) async -> Response {
        let optional: (RequestParameters) throws -> StatementRequest? = { p in try make(p) }
        return await answer(request, context, allowing: names, make: optional) ?? Response(status: .internalServerError)
    }

    /// The query endpoint's request: one statement, queries only.
    private func query(_ text: String, pin: CitedHead?, ifNoneMatch: String?) throws(BadRequest) -> StatementRequest {
        guard text.utf8.count <= limits.statementBytes else {
            throw BadRequest(
                status: 413, "statement-too-long",
                "the statement is \(text.utf8.count) bytes; the server runs at most \(limits.statementBytes)")
        }
        var statement = StatementRequest.fixed(text)
        statement.pin = pin
        statement.ifNoneMatch = ifNoneMatch
        statement.answer = .outputs
        return statement
    }

    /// An appending request: refused unless the server has a token and the request carries it.
    private func appending(
        _ request: Request, _ context: BasicRequestContext, allowing names: Set<String>,
        make: @escaping ([UInt8]) throws -> StatementRequest
    ) async -> Response {
        guard let token else {
            return response(
                APIErrorBody.answer(
                    BadRequest(
                        status: 405, "appends-disabled", "this server takes no appends: start it with --token-file FILE to allow them"),
                    head: nil))
        }
        guard token.accepts(authorization: request.headers[.authorization]) else {
            let given = request.headers[.authorization] != nil
            var answer = APIErrorBody.answer(
                BadRequest(
                    status: given ? 403 : 401, given ? "wrong-token" : "missing-token",
                    given ? "the bearer token is not this server's" : "appends need Authorization: Bearer TOKEN"), head: nil)
            if !given { answer.headers.append(("WWW-Authenticate", "Bearer realm=\"timeline\"")) }
            return response(answer)
        }
        do {
            _ = try RequestParameters(request: request, context: context).allowing(names)
            let body = try await collectBody(request, limit: limits.bodyBytes)
            return response(await service.run(try make(body)))
        } catch {
            return response(APIErrorBody.answer(BadRequest.from(error), head: nil))
        }
    }

    /// The request body, at most `limit` bytes.
    private func collectBody(_ request: Request, limit: Int) async throws(BadRequest) -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw BadRequest(status: 413, "body-too-large", "the body is larger than the \(limit) bytes the server takes")
        } catch {
            throw BadRequest("invalid-body", "the body could not be read: \(error)")
        }
    }
}

/// An answer as an HTTP response: its status, media type, entity tag and headers.
func response(_ answer: APIAnswer) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = answer.contentType
    headers[.cacheControl] = "no-cache"
    if let head = answer.head {
        headers[HTTPField.Name("Timeline-Head")!] = "\(head.count):\(head.hash.hex)"
    }
    for (name, value) in answer.headers {
        if let field = HTTPField.Name(name) { headers[field] = value }
    }
    let body = answer.status == 304 ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
    return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
}
