import Foundation
import Testing
import TimelineTestSupport

/// Two `timeline serve` instances over one PostgreSQL log: what one appends, the other answers.
@Suite("timeline serve over one PostgreSQL log", .enabled(if: PostgresTestServer.enabled))
struct ServeSharedLogTests {
    @Test("an append through one server is visible through the other within a second")
    func twoInstances() throws {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("serve")
        defer { drop() }
        #expect(try timeline(["copy", packageRoot + "/Events/diplomacy.jsonl", url]).status == 0)
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let token = scratch.file("token")
        _ = writeBytes(Array("shared-log-token-0123456789\n".utf8), to: token)
        chmod(token, 0o600)
        let first = try ServeProcess(log: url, arguments: ["--token-file", token])
        defer { first.stop() }
        let second = try ServeProcess(log: url)
        defer { second.stop() }
        let before = try second.get("/api/v1/orgs/SCO/members?at=2025-06-01")
        #expect(before.status == 200, "\(before.text)")
        #expect(!before.rows.contains { $0["country"] as? String == "TKM" })

        let append = try first.post(
            "/api/v1/append", body: "append accession SCO TKM on 2025-01-01 source \"test fixture: not a real accession\"",
            headers: ["Authorization": "Bearer shared-log-token-0123456789"])
        #expect(append.status == 200, "\(append.text)")
        let appendedHead = (append.object["head"] as? [String: Any])?["seq"] as? Int
        #expect(appendedHead == bundledRecordCount + 1)

        let clock = ContinuousClock()
        let start = clock.now
        var seen = false
        while clock.now - start < .seconds(1) {
            let after = try second.get("/api/v1/orgs/SCO/members?at=2025-06-01")
            if after.rows.contains(where: { $0["country"] as? String == "TKM" }) {
                #expect(after.headers["etag"]?.hasPrefix("\"\(bundledRecordCount + 1)-") == true)
                seen = true
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(seen, "the second server did not see the append within a second")
    }
}
