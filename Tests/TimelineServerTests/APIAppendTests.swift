import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineServer
import TimelineTestSupport

/// Appends over HTTP with the token: one atomic batch validated as a script, then seen by every
/// answer; answers pinned to an earlier head still reproduce what the link showed.
@Suite("API appends and pinned heads")
struct APIAppendTests {
    static let bearer: HTTPFields = [.authorization: "Bearer \(ServerHarness.secret)"]

    @Test("an append with the token lands as one batch, is answered with its head, and running it again appends nothing")
    func append() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        let script = """
            append founding TST on 2020-01-01 name "Test Organization" founders CHN IND ladder member source "https://example.org/founding"
            append accession TST BLR on 2021-05-01 source "https://example.org/accession"
            """
        let log = RequestLines()
        try await harness.withClient(appends: true, log: log) { client in
            try await client.execute(uri: "/api/v1/append", method: .post, headers: Self.bearer, body: ByteBuffer(string: script)) {
                response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.object["appended"] as? Int == 2)
                #expect(response.object["first_seq"] as? Int == ServerHarness.bundledRecordCount + 1)
                #expect((response.object["head"] as? [String: Any])?["seq"] as? Int == ServerHarness.bundledRecordCount + 2)
            }
            try await client.execute(uri: "/api/v1/orgs/TST/members?at=2021-06", method: .get) { response in
                #expect(Set(response.rows.compactMap { $0["country"] as? String }) == ["CHN", "IND", "BLR"])
                #expect((response.object["head"] as? [String: Any])?["seq"] as? Int == ServerHarness.bundledRecordCount + 2)
            }
            try await client.execute(uri: "/api/v1/append", method: .post, headers: Self.bearer, body: ByteBuffer(string: script)) {
                response in
                #expect(response.status == .ok)
                #expect(response.object["appended"] as? Int == 0)
                #expect(response.object["already_present"] as? Int == 2)
            }
        }
        #expect(log.all.count == 3)
        #expect(log.all.first?.hasPrefix("POST /api/v1/append 200 ") == true)
        let lines = String(decoding: readBytes(harness.logPath), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == ServerHarness.bundledRecordCount + 3)  // the format line, the bundled records and two more
    }

    @Test("a link pinned to an earlier head gives the answer as the log stood then, and says the log has moved on")
    func pinnedHead() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient(appends: true) { client in
            let head = try await client.execute(uri: "/api/v1/head", method: .get) { $0.object["head"] as? [String: Any] }
            let seq = try #require(head?["seq"] as? Int)
            let hash = try #require(head?["hash"] as? String)
            let pinned = "/api/v1/orgs/SCO/members?at=2025-06-01&head=\(seq):\(hash.prefix(12))"
            let before = try await client.execute(uri: pinned, method: .get) { canonicalRows($0) }
            let append = "append accession SCO TKM on 2025-01-01 source \"https://example.org/not-real-for-a-test\""
            try await client.execute(uri: "/api/v1/append", method: .post, headers: Self.bearer, body: ByteBuffer(string: append)) {
                response in
                #expect(response.status == .ok, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2025-06-01", method: .get) { response in
                #expect(response.rows.contains { $0["country"] as? String == "TKM" })
            }
            try await client.execute(uri: pinned, method: .get) { response in
                #expect(response.status == .ok)
                #expect(canonicalRows(response) == before)
                #expect(!response.rows.contains { $0["country"] as? String == "TKM" })
                #expect(response.object["head_moved"] as? Bool == true)
                #expect((response.object["head"] as? [String: Any])?["seq"] as? Int == seq)
                #expect((response.object["log_head"] as? [String: Any])?["seq"] as? Int == seq + 1)
                #expect(response.headers[.eTag] == "\"\(seq)-\(hash)\"")
                #expect(response.headers[HTTPField.Name("Timeline-Head-Moved")!]?.hasPrefix("\(seq + 1):") == true)
            }
            // A verb that cannot be asked as the log stood then says so.
            try await client.execute(uri: "/api/v1/orgs/SCO/summits?head=\(seq):\(hash)", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(response.errorID == "head-moved")
            }
        }
    }

    @Test("known at a sequence number answers from the log as it stood, before and after a correction")
    func knownAtCorrection() async throws {
        let harness = ServerHarness()
        defer { harness.cleanUp() }
        try await harness.withClient(appends: true) { client in
            let id = try await client.execute(uri: "/api/v1/countries/BLR/history", method: .get) { response in
                response.rows.first { $0["type"] as? String == "accession" && $0["org"] as? String == "SCO" }?["id"] as? String
            }
            let accession = try #require(id)
            let correction =
                "append correction \(accession.prefix(12)) date 2024-07-10 source \"https://example.org/correction-for-a-test\""
            try await client.execute(uri: "/api/v1/append", method: .post, headers: Self.bearer, body: ByteBuffer(string: correction)) {
                response in
                #expect(response.status == .ok, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2024-07-05", method: .get) { response in
                #expect(!response.rows.contains { $0["country"] as? String == "BLR" })
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2024-07-05&known=\(ServerHarness.bundledRecordCount)", method: .get)
            { response in
                #expect(response.rows.contains { $0["country"] as? String == "BLR" })
                #expect(
                    response.object["statement"] as? String
                        == "members \"SCO\" at 2024-07-05 known at seq \(ServerHarness.bundledRecordCount)")
            }
        }
    }

    @Test("import reads the request body: an export of one log appended to another")
    func importBody() async throws {
        let source = ServerHarness()
        defer { source.cleanUp() }
        let export = RequestLines()
        try await source.withClient { client in
            export.append(try await client.execute(uri: "/api/v1/export/events?format=jsonl", method: .get) { $0.text })
        }
        let exported = export.all.joined()
        let target = ServerHarness(copying: nil)
        defer { target.cleanUp() }
        try await target.withClient(appends: true) { client in
            try await client.execute(
                uri: "/api/v1/import?format=jsonl", method: .post, headers: Self.bearer, body: ByteBuffer(string: exported)
            ) {
                response in
                #expect(response.status == .ok, "\(response.text.prefix(400))")
                #expect((response.object["appended"] as? Int ?? 0) > 20)
            }
            try await client.execute(uri: "/api/v1/orgs/SCO/members?at=2017-06-09", method: .get) { response in
                #expect(response.rows.count == 8)
            }
            try await client.execute(
                uri: "/api/v1/import?format=csv", method: .post, headers: Self.bearer, body: ByteBuffer(string: "garbage\n\u{1}\u{2}")
            ) {
                response in
                #expect(response.status == .badRequest, "\(response.text)")
            }
        }
    }
}
