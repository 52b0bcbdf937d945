import TimelineCore
import TimelineStore

extension StorageConformance {
    /// Batches a log must refuse, writing nothing.
    static let refusalChecks: [ConformanceCheck] = [
        ConformanceCheck("an id naming different content is refused") { log, findings in
            let sco = try ConformanceHistory.events()
            _ = try await log.append(sco, recordedAt: ConformanceHistory.at(0))
            let before = try await log.read().head
            var clash = sco[4]
            clash.explicitID = sco[5].id
            do throws(StoreError) {
                _ = try await log.append([clash], recordedAt: ConformanceHistory.at(1))
                findings.fail("an id naming different content was accepted")
            } catch {
                findings.expect(error.code == .idConflict, "refused with \(error.code)")
                findings.expect(error.message.contains("is already used by different content"), "refused saying \(error.message)")
            }
            findings.expect(try await log.read().head == before, "the head moved after a refusal")
        },
        ConformanceCheck("a batch that breaks a rule writes nothing, and names the event and rule") { log, findings in
            let sco = try ConformanceHistory.events()
            _ = try await log.append(Array(sco[0..<12]), recordedAt: ConformanceHistory.at(0))
            let before = try await log.read()
            // The fresh tail of the history is valid, but a second accession of India follows
            // it: the whole batch must be refused.
            guard let organization = OrganizationID("SCO"), let source = Source(citation: "x") else {
                return findings.fail("the check's own organization or source does not parse")
            }
            let bad = NewEvent(date: .day(2020, 1, 1), payload: .accession(org: organization, country: "IND"), source: source)
            do throws(StoreError) {
                _ = try await log.append(Array(sco[12...]) + [bad], recordedAt: ConformanceHistory.at(1))
                findings.fail("the batch was accepted")
            } catch {
                findings.expect(error.code == .invariant, "refused with \(error.code)")
                findings.expect(error.violation?.rule == .alreadyMember, "rule \(String(describing: error.violation?.rule))")
                findings.expect(error.violation?.eventID == bad.id, "the violation names \(String(describing: error.violation?.eventID))")
                findings.expect(error.message.contains("nothing was written"), "refused saying \(error.message)")
            }
            let after = try await log.read()
            findings.expect(after.head == before.head, "the head moved after a refusal")
            findings.expect(after.records == before.records, "the records changed after a refusal")
        },
    ]
}
