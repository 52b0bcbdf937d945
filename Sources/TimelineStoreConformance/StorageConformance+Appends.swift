import TimelineCore
import TimelineStore

extension StorageConformance {
    /// Appends and what reading them back shows.
    static let appendChecks: [ConformanceCheck] = [
        ConformanceCheck("appends are read back in order, with contiguous sequence numbers") { log, findings in
            let sco = try ConformanceHistory.events()
            let first = try await log.append(Array(sco[0..<4]), recordedAt: ConformanceHistory.at(0))
            findings.expect(first.appended.map(\.seq.value) == [1, 2, 3, 4], "first batch numbered \(first.appended.map(\.seq.value))")
            let second = try await log.append(Array(sco[4...]), recordedAt: ConformanceHistory.at(1))
            findings.expect(
                second.appended.first?.seq.value == 5, "second batch starts at \(String(describing: second.appended.first?.seq))")
            let contents = try await log.read()
            findings.expect(contents.records.map(\.seq.value) == Array(1...sco.count), "sequence numbers read back")
            findings.expect(contents.records.map(\.id) == sco.map(\.id), "ids read back")
            findings.expect(contents.head == second.head, "head read \(contents.head), appended \(second.head)")
            findings.expect(contents.head.count == sco.count, "head count \(contents.head.count)")
            findings.expect(contents.tornTail == nil, "a torn tail after clean appends")
        },
        ConformanceCheck("re-appending a batch appends nothing") { log, findings in
            let sco = try ConformanceHistory.events()
            let first = try await log.append(sco, recordedAt: ConformanceHistory.at(0))
            let again = try await log.append(sco, recordedAt: ConformanceHistory.at(5))
            findings.expect(again.appended.isEmpty, "appended \(again.appended.count) again")
            findings.expect(again.alreadyPresent.count == sco.count, "already present: \(again.alreadyPresent.count)")
            findings.expect(again.head == first.head, "the head moved")
            findings.expect(try await log.read().records.count == sco.count, "records after re-appending")
        },
        ConformanceCheck("a batch appended out of historical order folds into place") { log, findings in
            let sco = try ConformanceHistory.events()
            // The foundings and Belarus's accession first, then its earlier statuses.
            let foundings = [sco[0], sco[2]]
            let late = sco.filter { $0.summary.contains("accession SCO BLR") }
            let early = sco.filter { $0.summary.hasPrefix("status SCO BLR") }
            _ = try await log.append(foundings + late, recordedAt: ConformanceHistory.at(0))
            _ = try await log.append(early, recordedAt: ConformanceHistory.at(1))
            let timeline = Timeline(records: try await log.read().records)
            guard let organization = OrganizationID("SCO"), let date = try? EDTFDate.parse("2016") else {
                return findings.fail("the check's own organization or date does not parse")
            }
            let status = timeline.status(of: "BLR", in: organization, at: date.latest)?.status.rawValue
            findings.expect(status == "observer", "Belarus in 2016: \(String(describing: status))")
        },
        ConformanceCheck("transaction time never goes backwards") { log, findings in
            let sco = try ConformanceHistory.events()
            _ = try await log.append([sco[0]], recordedAt: ConformanceHistory.at(100))
            let receipt = try await log.append([sco[1]], recordedAt: ConformanceHistory.at(50))
            findings.expect(
                receipt.appended.first?.recordedAt == ConformanceHistory.at(100),
                "recorded at \(String(describing: receipt.appended.first?.recordedAt))")
        },
        ConformanceCheck("planned records are appended as planned, and planned again once the log has moved on") { log, findings in
            let sco = try ConformanceHistory.events()
            let first = try await log.append(Array(sco[0..<6]), recordedAt: ConformanceHistory.at(0))
            let before = try await log.read()
            let plan = try AppendPlanner.plan(
                Array(sco[6..<10]), after: before.records, recordedAt: ConformanceHistory.at(1), registry: .standard)
            let planned = try await log.append(planned: plan.records, after: first.head, recordedAt: ConformanceHistory.at(1))
            findings.expect(
                planned.appended.map(\.id) == plan.records.map(\.id), "planned records appended as \(planned.appended.map(\.seq.value))")
            findings.expect(planned.head.count == 10, "head after the planned batch: \(planned.head)")
            // Planned on a head the log no longer ends at: the events are planned again.
            let stale = try AppendPlanner.plan(
                Array(sco[8..<12]), after: before.records, recordedAt: ConformanceHistory.at(2), registry: .standard)
            let replanned = try await log.append(planned: stale.records, after: first.head, recordedAt: ConformanceHistory.at(2))
            findings.expect(replanned.alreadyPresent.count == 2, "already present after re-planning: \(replanned.alreadyPresent.count)")
            findings.expect(
                replanned.appended.map(\.seq.value) == [11, 12], "re-planned records numbered \(replanned.appended.map(\.seq.value))")
            findings.expect(try await log.read().records.map(\.id) == Array(sco[0..<12]).map(\.id), "records after planned appends")
        },
    ]
}
