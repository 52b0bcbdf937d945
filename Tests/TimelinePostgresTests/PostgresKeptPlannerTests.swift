import Testing
import TimelineCore
import TimelinePostgres
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// A database log's writer keeps its planner between batches, and a script session starts from
/// it: after another writer appends in between, both must plan exactly as a planner made afresh
/// on the log would.
@Suite("PostgreSQL log: the planner kept between batches", .enabled(if: PostgresTestServer.enabled))
struct PostgresKeptPlannerTests {
    static func event(_ line: String) throws -> NewEvent {
        try NewEvent(fields: try RecordDecoder.eventFields(Array(line.utf8)[...]))
    }

    static func at(_ seconds: Int64) -> RecordedTime { RecordedTime(milliseconds: 1_767_225_600_000 + seconds * 1000) }

    static let founding =
        #"{"type":"founding","org":"KPT","name":"Kept Planner Test","date":"2001-01-01","founders":["CHN","RUS"],"ladder":["observer","member"],"source":"test"}"#
    static func accession(_ country: String, _ date: String) -> String {
        #"{"type":"accession","org":"KPT","country":"\#(country)","date":"\#(date)","source":"test"}"#
    }
    static func withdrawal(_ country: String, _ date: String) -> String {
        #"{"type":"withdrawal","org":"KPT","country":"\#(country)","date":"\#(date)","source":"test"}"#
    }
    static func suspension(_ country: String, _ date: String) -> String {
        #"{"type":"suspension","org":"KPT","country":"\#(country)","date":"\#(date)","source":"test"}"#
    }

    /// Whether a planner made afresh on `records` refuses `events` for breaking a rule.
    static func freshPlannerRefuses(_ events: [NewEvent], after records: [RecordedEvent]) -> Bool {
        do {
            _ = try AppendPlanner.plan(events, after: records, recordedAt: at(100), registry: .standard)
            return false
        } catch {
            return error.code == .invariant
        }
    }

    @Test("after another writer's batch, the kept planner refuses and accepts what a fresh planner does")
    func writerTakesInOthersAppends() throws {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("kept")
        defer { drop() }
        let location = try PostgresLocation(url: url, environment: [:])
        let mine = PostgresEventLog(location: location)
        let theirs = PostgresEventLog(location: location)
        // Three batches: from the second on, the kept planner checks with a validator.
        _ = try mine.append([try Self.event(Self.founding)], recordedAt: Self.at(0))
        _ = try mine.append([try Self.event(Self.accession("KAZ", "2002-01-01"))], recordedAt: Self.at(1))
        _ = try mine.append([try Self.event(Self.accession("KGZ", "2003-01-01"))], recordedAt: Self.at(2))
        let kept = try #require(mine.keptPlanner())
        #expect(kept.head.count == 3 && kept.planner.count == 3)

        // The other writer: Kazakhstan leaves, Uzbekistan joins.
        _ = try theirs.append(
            [try Self.event(Self.withdrawal("KAZ", "2004-01-01")), try Self.event(Self.accession("UZB", "2004-02-01"))],
            recordedAt: Self.at(3))

        // Kazakhstan is no longer a member: leaving again breaks a rule, for the kept planner as
        // for a fresh one; nothing is written.
        let leaveAgain = [try Self.event(Self.withdrawal("KAZ", "2005-01-01"))]
        #expect(Self.freshPlannerRefuses(leaveAgain, after: try theirs.read().records))
        let refusal = #expect(throws: StoreError.self) { try mine.append(leaveAgain, recordedAt: Self.at(4)) }
        #expect(refusal?.code == .invariant)
        #expect(try theirs.read().head.count == 5)

        // Uzbekistan is a member now: suspending it keeps every rule, for both.
        let suspend = [try Self.event(Self.suspension("UZB", "2005-02-01"))]
        #expect(!Self.freshPlannerRefuses(suspend, after: try theirs.read().records))
        let receipt = try mine.append(suspend, recordedAt: Self.at(5))
        #expect(receipt.appended.map(\.seq.value) == [6])
        // What the kept planner holds is the log: the same records, in order.
        let after = try #require(mine.keptPlanner())
        #expect(after.head == (try theirs.read().head))
        #expect(after.planner.records.map(\.id) == (try theirs.read().records.map(\.id)))
        #expect(try PostgresEventLog(location: location).verify(registry: .standard).isIntact)
    }

    @Test("a script session starts from the writer's planner, and sees what another writer appended")
    func sessionStartsFromKeptPlanner() throws {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("keptsession")
        defer { drop() }
        let location = try PostgresLocation(url: url, environment: [:])
        let log = PostgresEventLog(location: location)
        let other = PostgresEventLog(location: location)
        let session = LogSession(log: log)
        var lines: [String] = []
        let host = IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: Self.at(0)) { output in
            if case .text(let text) = output { lines.append(text) }
        }
        func run(_ text: String) -> RunOutcome { Interpreter(session: session, host: host).run(SourceFile(name: "<test>", text: text)) }
        #expect(
            run(#"append founding KPT on 2001 name "Kept Planner Test" founders CHN RUS ladder observer member source "test""#).succeeded)
        // A batch planned on a head the log has left: the writer plans it again, and keeps the
        // planner it made for that.
        #expect(run("begin").succeeded)
        #expect(run(#"append accession KPT KAZ on 2002 source "test""#).succeeded)
        _ = try other.append([try Self.event(Self.accession("UZB", "2003-01-01"))], recordedAt: Self.at(1))
        #expect(run("commit").receipt?.appended.map(\.seq.value) == [3])
        #expect(log.keptPlanner()?.head.count == 3)

        // Another writer takes Kazakhstan out.
        _ = try other.append([try Self.event(Self.withdrawal("KAZ", "2003-02-01"))], recordedAt: Self.at(2))
        session.logMoved()

        // The session plans on the log as it now stands: Kazakhstan cannot leave twice, nothing
        // is written; Uzbekistan can be suspended; running that again appends nothing.
        let twice = run(#"append withdrawal KPT KAZ on 2004 source "test""#)
        #expect(twice.diagnostics.first?.message.contains("KAZ") == true)
        #expect(try other.read().head.count == 4)
        let suspend = #"append suspension KPT UZB on 2004 source "test""#
        #expect(run(suspend).receipt?.appended.map(\.seq.value) == [5])
        #expect(run(suspend).receipt?.appended.isEmpty ?? true)
        #expect(run("print count(members KPT at 2005-06-01)").succeeded)
        let folded = Timeline(records: try other.read().records, registry: .standard)
        let kpt = try #require(OrganizationID("KPT"))
        #expect(lines.last == String(folded.projections.memberCount(of: kpt, at: CivilDay(year: 2005, month: 6, day: 1))))
        #expect(try other.verify(registry: .standard).isIntact)
    }
}
