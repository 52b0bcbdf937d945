import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineServer
import TimelineTestSupport

/// Every query route answers what the language answers to the statement it names: the same
/// rows with the same keys, in the envelope with the head.
@Suite("API answers")
struct APIAnswerTests {
    @Test(
        "each route gives the language's rows for its statement",
        arguments: [
            ("/api/v1/orgs?at=1999", "orgs at 1999"),
            ("/api/v1/orgs/SCO/members?at=2017-06-09", "members SCO at 2017-06-09"),
            ("/api/v1/orgs/SCO/members?at=2017&known=40", "members SCO at 2017 known at seq 40"),
            ("/api/v1/orgs/NATO/members?at=2024-03-07", "members NATO at 2024-03-07"),
            ("/api/v1/orgs/SCO/roster?at=2024-07-04", "roster SCO at 2024-07-04"),
            ("/api/v1/orgs/SCO/status/BLR?at=2015-07-10", "status BLR in SCO at 2015-07-10"),
            ("/api/v1/orgs/SCO/why/Belarus?at=2024-07-05", "why Belarus in SCO at 2024-07-05"),
            ("/api/v1/orgs/SCO/history?from=2017&to=2018", "history SCO from 2017 to 2018"),
            ("/api/v1/orgs/SCO/summits?from=2017&to=2024", "summits SCO from 2017 to 2024"),
            ("/api/v1/orgs/SCO/milestones", "milestones SCO"),
            ("/api/v1/orgs/SCO/statements", "statements SCO"),
            ("/api/v1/orgs/SCO/diff?from=2015&to=2024", "diff SCO 2015 2024"),
            ("/api/v1/orgs/SCO/replay?from=2001&to=2017", "replay SCO from 2001 to 2017"),
            ("/api/v1/countries/Belarus/memberships?at=2024-07-04", "memberships Belarus at 2024-07-04"),
            ("/api/v1/countries/South%20Africa/memberships?at=2024", "memberships \"South Africa\" at 2024"),
            ("/api/v1/countries/RUS/history?from=1991&to=1992", "history RUS from 1991 to 1992"),
            ("/api/v1/export/intervals?org=SCO", "export intervals SCO"),
            ("/api/v1/export/events?org=BRICS", "export events BRICS"),
            ("/api/v1/orgs/G20/members?at=2024", "members G20 at 2024"),
            ("/api/v1/countries/EU/memberships?at=2024", "memberships EU at 2024"),
            ("/api/v1/countries/African%20Union/memberships?at=2024", "memberships \"African Union\" at 2024"),
            ("/api/v1/orgs/SCO/roster?at=2009-12-31&by=decided", "roster SCO at 2009-12-31 by decided"),
            ("/api/v1/orgs/SCO/status/LKA?at=2009-12-31&by=decision", "status LKA in SCO at 2009-12-31 by decided"),
            ("/api/v1/orgs/SCO/diff?at=2009-12-31&by=decided", "diff SCO 2009-12-31 by decided"),
            ("/api/v1/orgs/SCO/diff?from=2015&to=2016&by=decided", "diff SCO 2015 2016 by decided"),
        ])
    func sameAsTheLanguage(path: String, statement: String) async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let expected = canonicalJSON(harness.languageRows(statement))
        try await harness.withClient { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok, "\(path): \(response.text.prefix(300))")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(canonicalRows(response) == expected, "\(path)")
                let head = try #require(response.object["head"] as? [String: Any])
                #expect(head["seq"] as? Int == ServerHarness.bundledRecordCount)
                let hash = try #require(head["hash"] as? String)
                #expect(response.headers[.eTag] == "\"\(head["seq"] as? Int ?? -1)-\(hash)\"")
                #expect(response.headers[HTTPField.Name("Timeline-Head")!] == "\(head["seq"] as? Int ?? -1):\(hash)")
            }
        }
    }

    @Test("the G20's members say which are organizations; a convention moves Belarus to its summit decision")
    func kindsAndConventions() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/orgs/G20/members?at=2024", method: .get) { response in
                let kinds = Dictionary(
                    response.rows.map { ($0["country"] as? String ?? "", $0["kind"] as? String ?? "") }, uniquingKeysWith: { $1 })
                #expect(kinds.count == 21)
                #expect(kinds.filter { $0.value == "organization" }.keys.sorted() == ["AU", "EU"])
                #expect(kinds["ZAF"] == "country")
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/status/BLR?at=2009-12-31&by=decided", method: .get) { response in
                #expect(response.rows.first?["since"] as? String == "2009-06-16")
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/status/BLR?at=2009-12-31", method: .get) { response in
                #expect(response.rows.isEmpty)
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/roster?at=2009&by=someday", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect((response.object["error"] as? [String: Any])?["id"] as? String == "invalid-parameter")
            }
        }
    }

    @Test("the bundled history's headline answers: 8 SCO members on 2017-06-09, Belarus the 10th on 2024-07-04")
    func headlineAnswers() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2017-06-09", method: .get) { response in
                #expect(response.rows.count == 8)
                #expect(response.object["statement"] as? String == "members \"SCO\" at 2017-06-09")
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2024-07-04", method: .get) { response in
                let belarus = response.rows.first { $0["country"] as? String == "BLR" }
                #expect(belarus?["ordinal"] as? Int == 10)
                #expect(belarus?["since"] as? String == "2024-07-04")
            }
        }
    }

    @Test("the head route, the countries, the chart as SVG and exports as CSV and JSON Lines")
    func otherAnswers() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/head", method: .get) { response in
                let head = try #require(response.object["head"] as? [String: Any])
                #expect(head["seq"] as? Int == ServerHarness.bundledRecordCount)
                #expect((head["hash"] as? String)?.count == 64)
            }
            try await client.execute(uri: "/api/v1/countries", method: .get) { response in
                let codes = response.rows.compactMap { $0["code"] as? String }
                #expect(codes.contains("BLR") && codes.contains("SUN"))
                #expect(response.rows.first { $0["code"] as? String == "SUN" }?["former"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/chart.svg?from=2001&to=2025", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(response.text.contains("<svg") && response.text.contains("Belarus"))
            }
            try await client.execute(uri: "/api/v1/countries/BLR/chart.svg", method: .get) { response in
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(response.text.contains("<svg"))
            }
            try await client.execute(uri: "/api/v1/export/intervals?org=SCO&format=csv", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.text.hasPrefix("org,country,kind,status,from,to\n"))
                #expect(response.text.contains("SCO,BLR,country,member,2024-07-04,"))
            }
            try await client.execute(uri: "/api/v1/export/events?org=SCO&format=jsonl", method: .get) { response in
                #expect(response.headers[.contentType] == "application/x-ndjson; charset=utf-8")
                let lines = response.text.split(separator: "\n")
                #expect(lines.count > 20)
                #expect(lines.allSatisfy { canonicalJSON(String($0)).hasPrefix("{") })
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.object["openapi"] as? String != nil)
            }
        }
    }

    @Test("the query endpoint runs one statement of the language, by GET or POST, and returns its outputs")
    func queryEndpoint() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            let statement = "members SCO at 2024 | where since > 2010 | select country, since"
            let encoded = statement.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/api/v1/query?q=\(encoded)", method: .get) { response in
                #expect(response.status == .ok)
                let outputs = try #require(response.object["outputs"] as? [[String: Any]])
                #expect(outputs.first?["kind"] as? String == "table")
                let rows = try #require(outputs.first?["rows"] as? [[String: Any]])
                #expect(Set(rows.compactMap { $0["country"] as? String }) == ["IND", "PAK", "IRN", "BLR"])
            }
            try await client.execute(uri: "/api/v1/query", method: .post, body: ByteBuffer(string: "print count(members SCO at 2017)")) {
                response in
                let outputs = try #require(response.object["outputs"] as? [[String: Any]])
                #expect(outputs.first?["text"] as? String == "8")
            }
        }
    }

    @Test("If-None-Match with the head answers 304; the page and its files are served with their types")
    func entityTagsAndPage() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient { client in
            let tag = try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2017", method: .get) { $0.headers[.eTag] }
            let etag = try #require(tag)
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2017", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2017", method: .get, headers: [.ifNoneMatch: "\"1-00\""]) {
                response in
                #expect(response.status == .ok)
            }
            for (path, type) in [
                ("/", "text/html; charset=utf-8"), ("/explorer.js", "text/javascript; charset=utf-8"),
                ("/explorer.css", "text/css; charset=utf-8"), ("/world.json", "application/json; charset=utf-8"),
            ] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                    #expect(response.body.readableBytes > 100)
                }
            }
        }
    }
}
