import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineServer
import TimelineTestSupport

/// Every way a request can be wrong gets its status and a JSON error naming what and where,
/// and nothing is written.
@Suite("API errors")
struct APIErrorTests {
    @Test(
        "bad requests: status, stable id, and a message saying what was expected",
        arguments: [
            ("/api/v1/orgs/SCO/members?at=2017-13-01", 400, "invalid-parameter", "expected an EDTF date"),
            ("/api/v1/orgs/SCO/members?when=2017", 400, "unknown-parameter", "this route takes at, by, head, known"),
            ("/api/v1/orgs/SCO/members?known=yesterday", 400, "invalid-parameter", "a sequence number"),
            ("/api/v1/orgs/SCO/chart.svg?to=2030/..", 400, "invalid-parameter", "not an interval"),
            ("/api/v1/orgs/SCO/history?from=../2018", 400, "invalid-parameter", "not an interval"),
            ("/api/v1/orgs/SCO/members?head=12", 400, "invalid-parameter", "SEQ:HASH"),
            ("/api/v1/orgs/SCO/diff?from=2015", 400, "missing-parameter", "both from and to"),
            ("/api/v1/export/events?format=xml", 400, "invalid-parameter", "json, jsonl or csv"),
            ("/api/v1/query?q=members%20SCO%20at", 400, "expected-value", "expected a value"),
            ("/api/v1/query?q=members%20SCO%3B%20members%20NATO", 400, "one-statement", "runs one statement"),
            ("/api/v1/orgs/XYZ/members", 404, "unknown-organization", "XYZ"),
            ("/api/v1/countries/Atlantis/memberships", 404, "unknown-country", "Atlantis"),
            ("/api/v1/orgs/SCO/why/Narnia", 404, "unknown-country", "Narnia"),
            ("/api/v1/nothing/here", 404, "no-such-route", "openapi.json"),
            ("/api/v1/orgs/SCO/members?head=800:000000000000", 409, "head-not-in-log", "does not hold head #800"),
            ("/api/v1/query?q=append%20accession%20SCO%20IND%20on%202017%20source%20%22x%22", 403, "appends-refused", "only asks"),
            ("/api/v1/query?q=import%20%22%2Fetc%2Fpasswd%22", 403, "appends-refused", "only asks"),
        ])
    func badRequests(path: String, status: Int, id: String, message: String) async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let before = readBytes(harness.logPath)
        try await harness.withClient { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(Int(response.status.code) == status, "\(path): \(response.text)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try #require(response.object["error"] as? [String: Any], "\(response.text)")
                #expect(error["id"] as? String == id, "\(response.text)")
                #expect((error["message"] as? String)?.contains(message) == true, "\(response.text)")
            }
        }
        #expect(readBytes(harness.logPath) == before)
    }

    @Test("a syntax error in a query names its line and column in the statement")
    func syntaxPosition() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/query?q=members%20SCO%20at%20%3F%3F", method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try #require(response.object["error"] as? [String: Any])
                let position = try #require(error["position"] as? [String: Any])
                #expect(position["line"] as? Int == 1)
                #expect(position["column"] as? Int == 16)
                #expect(error["statement"] as? String == "members SCO at ??")
                #expect(error["category"] as? String == "syntax")
            }
        }
    }

    @Test("appends: 405 when the server has no token, 401 without one, 403 with a wrong one; nothing is written")
    func appendRefusals() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let before = readBytes(harness.logPath)
        let script = ByteBuffer(string: "append accession SCO TKM on 2025-01-01 source \"https://example.org\"")
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/append", method: .post, body: script) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.errorID == "appends-disabled")
            }
        }
        try await harness.withClient(appends: true) { client in
            try await client.execute(uri: "/api/v1/append", method: .post, body: script) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorID == "missing-token")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            for wrong in ["Bearer 0123456789abcdef0123456789abcdeX", "Bearer 0123456789abcdef", "Basic abc", "Bearer "] {
                try await client.execute(uri: "/api/v1/append", method: .post, headers: [.authorization: wrong], body: script) { response in
                    #expect(response.status == .forbidden, "\(wrong)")
                    #expect(response.errorID == "wrong-token")
                }
            }
        }
        #expect(readBytes(harness.logPath) == before)
    }

    @Test("a refused append is 409 with the rule broken, and the batch is not written in part")
    func refusedAppend() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let before = readBytes(harness.logPath)
        let script = """
            append accession SCO TKM on 2025-01-01 source "https://example.org/a"
            append accession SCO IND on 2017-06-09 source "https://example.org/b"
            """
        try await harness.withClient(appends: true) { client in
            try await client.execute(
                uri: "/api/v1/append", method: .post, headers: [.authorization: "Bearer \(ServerHarness.secret)"],
                body: ByteBuffer(string: script)
            ) { response in
                #expect(response.status == .conflict, "\(response.text)")
                let error = try #require(response.object["error"] as? [String: Any])
                #expect((error["position"] as? [String: Any])?["line"] as? Int == 2)
                #expect(error["category"] as? String == "refused")
            }
            for (body, status, id) in [
                ("begin", 400, "statement-refused"), ("import \"/etc/passwd\"", 400, "statement-refused"),
                ("append accession SCO BLR on 2030", 409, "missing-source"),
                ("append accession SCO on 2030 source \"x\"", 400, "missing-value"),
            ] {
                try await client.execute(
                    uri: "/api/v1/append", method: .post, headers: [.authorization: "Bearer \(ServerHarness.secret)"],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(Int(response.status.code) == status, "\(body): \(response.text)")
                    #expect(response.errorID == id, "\(body): \(response.text)")
                }
            }
        }
        #expect(readBytes(harness.logPath) == before)
    }

    @Test("limits: a body over the limit is 413, a statement over the limit is 413, a target over the limit is 414")
    func limits() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        var limits = ServerLimits()
        limits.bodyBytes = 2_048
        limits.statementBytes = 256
        limits.uriBytes = 512
        try await harness.withClient(appends: true, limits: limits) { client in
            let big = ByteBuffer(string: String(repeating: "# comment line\n", count: 400))
            try await client.execute(
                uri: "/api/v1/append", method: .post, headers: [.authorization: "Bearer \(ServerHarness.secret)"], body: big
            ) {
                response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorID == "body-too-large")
            }
            let long = "print " + Array(repeating: "1", count: 200).joined(separator: " + ")
            try await client.execute(uri: "/api/v1/query", method: .post, body: ByteBuffer(string: long)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=" + String(repeating: "2", count: 600), method: .get) { response in
                #expect(response.status == .uriTooLong)
                #expect(response.errorID == "uri-too-long")
            }
        }
    }

    @Test("a statement running past the time limit is stopped: 503 query-timeout, and the next request is answered")
    func timeLimit() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        var limits = ServerLimits()
        limits.queryTime = .milliseconds(300)
        limits.workers = 1
        try await harness.withClient(limits: limits) { client in
            let loop = "for a in 1..100000 { for b in 1..100000 { if a == 0 { print a } } }"
            try await client.execute(uri: "/api/v1/query", method: .post, body: ByteBuffer(string: loop)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorID == "query-timeout")
            }
            try await client.execute(uri: "/api/v1/head", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("an unreadable log answers 503 with what reading it said")
    func unreadableLog() async throws {
        let harness = ServerHarness(copying: nil)
        defer { harness.cleanUp() }
        _ = writeBytes(Array("{\"not\":\"a log\"}\n".utf8), to: harness.logPath)
        try await harness.withClient { client in
            for path in ["/api/v1/head", "/api/v1/orgs/SCO/members", "/api/v1/countries"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .serviceUnavailable, "\(path): \(response.text)")
                    #expect(response.errorID == "log-unreadable" || response.errorID?.hasPrefix("log") == true, "\(response.text)")
                }
            }
        }
    }

    @Test("no request reads or writes a file on the server: charts and exports come back in the answer")
    func noFiles() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let target = harness.scratch.file("written.svg")
        try await harness.withClient { client in
            let statement = "chart SCO from 2001 to 2002 svg \"\(target)\""
            try await client.execute(uri: "/api/v1/query", method: .post, body: ByteBuffer(string: statement)) { response in
                #expect(response.status == .ok)
                let outputs = try #require(response.object["outputs"] as? [[String: Any]])
                let file = try #require(outputs.first { $0["kind"] as? String == "file" })
                #expect(file["name"] as? String == target)
                #expect((file["text"] as? String)?.contains("<svg") == true)
            }
            let export = "export intervals SCO into \"\(harness.scratch.file("sco.csv"))\""
            try await client.execute(uri: "/api/v1/query", method: .post, body: ByteBuffer(string: export)) { response in
                let outputs = try #require(response.object["outputs"] as? [[String: Any]])
                #expect(outputs.map { $0["kind"] as? String } == ["file"], "\(response.text.prefix(300))")
                #expect((outputs.first?["text"] as? String)?.hasPrefix("org,country,kind,status,from,to\n") == true)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: harness.scratch.file("sco.csv")))
    }
}
