/// Applies corrections and retractions to a set of recorded events, giving the effective events.
///
/// Retractions remove their target (a retracted correction no longer applies); corrections
/// replace fields of their target, later corrections winning. Targets are named by id or a
/// unique prefix of at least 4 characters and must be recorded before the amendment.
struct AmendmentResolver {
    let records: [RecordedEvent]
    private let byID: [EventID: RecordedEvent]
    // Sorted ids serve prefix look-ups; they are only needed when the records hold amendments.
    private let sortedIDs: [EventID]
    /// Whether any record is a correction or a retraction.
    private let hasAmendments: Bool

    init(records: [RecordedEvent]) {
        self.records = records
        // Read in place: `contains` would copy each record (and retain what it shares).
        let hasAmendments = records.withRecordsInPlace { records in
            records.indices.contains { records[$0].pointee.event.payload.kind.isAmendment }
        }
        self.hasAmendments = hasAmendments
        var byID: [EventID: RecordedEvent] = [:]
        if hasAmendments {
            byID.reserveCapacity(records.count)
            for record in records where byID[record.id] == nil { byID[record.id] = record }
        }
        self.byID = byID
        self.sortedIDs = hasAmendments ? byID.keys.sorted() : []
    }

    /// Finds the event a target text names, or explains why none or several match.
    func resolve(_ target: String, for amendment: RecordedEvent) -> Result<RecordedEvent, InvariantViolation> {
        func violation(_ rule: InvariantViolation.Rule, _ message: String) -> Result<RecordedEvent, InvariantViolation> {
            .failure(
                InvariantViolation(
                    rule: rule, eventID: amendment.id, seq: amendment.seq, summary: amendment.event.summary, message: message))
        }
        if let exact = EventID(target).flatMap({ byID[$0] }), exact.seq < amendment.seq { return .success(exact) }
        guard target.count >= 4 else {
            return violation(.unknownTarget, "the target \"\(target)\" is too short: give at least 4 characters of an event id")
        }
        // Binary search for the first id with the prefix, then collect the run.
        var low = 0
        var high = sortedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if sortedIDs[mid].rawValue < target { low = mid + 1 } else { high = mid }
        }
        var matches: [RecordedEvent] = []
        while low < sortedIDs.count, sortedIDs[low].rawValue.hasPrefix(target) {
            if let record = byID[sortedIDs[low]], record.seq < amendment.seq { matches.append(record) }
            low += 1
        }
        switch matches.count {
        case 0: return violation(.unknownTarget, "no earlier event has an id starting with \"\(target)\"")
        case 1: return .success(matches[0])
        default:
            let listed = matches.prefix(4).map { "\($0.id) (\($0.event.summary))" }.joined(separator: ", ")
            return violation(.ambiguousTarget, "\"\(target)\" matches \(matches.count) events: \(listed); give more characters")
        }
    }

    /// The effective events (amendments removed) and the violations found on the way: the
    /// indexes of the records that remain, in log order, and the events corrections changed.
    func resolve() -> (included: [UInt32], corrected: [UInt32: EffectiveEvent], violations: [InvariantViolation]) {
        guard hasAmendments else { return (Array(0..<UInt32(records.count)), [:], []) }
        var violations: [InvariantViolation] = []
        var retracted = Set<EventID>()
        var corrections: [EventID: [(id: EventID, changes: Correction)]] = [:]
        let amendments = records.filter { $0.kind.isAmendment }.sorted { $0.seq < $1.seq }
        func refuse(_ amendment: RecordedEvent, _ rule: InvariantViolation.Rule, _ message: String) {
            violations.append(
                InvariantViolation(
                    rule: rule, eventID: amendment.id, seq: amendment.seq, summary: amendment.event.summary, message: message))
        }
        for amendment in amendments {
            if amendment.date != nil {
                refuse(
                    amendment, .unexpectedDate,
                    "\(Article.with(amendment.kind.rawValue)) has no date of its own; to change the target's date, set it: correction … date D"
                )
                continue
            }
            guard case .retraction(let target, _) = amendment.payload else { continue }
            switch resolve(target, for: amendment) {
            case .failure(let violation): violations.append(violation)
            case .success(let record):
                if record.kind == .retraction {
                    refuse(
                        amendment, .invalidAmendment,
                        "a retraction cannot be retracted; append the retracted event again with a new id instead")
                } else if !retracted.insert(record.id).inserted {
                    refuse(amendment, .alreadyRetracted, "event \(record.id.short) (\(record.event.summary)) is already retracted")
                }
            }
        }
        for amendment in amendments where !retracted.contains(amendment.id) && amendment.date == nil {
            guard case .correction(let target, let changes) = amendment.payload else { continue }
            switch resolve(target, for: amendment) {
            case .failure(let violation): violations.append(violation)
            case .success(let record):
                if record.kind.isAmendment {
                    refuse(
                        amendment, .invalidAmendment,
                        "a correction applies to an event, not to \(Article.with(record.kind.rawValue)); correct the original event again")
                } else if let problem = Self.applicabilityProblem(of: changes, to: record.event) {
                    refuse(amendment, .invalidAmendment, problem)
                } else {
                    corrections[record.id, default: []].append((amendment.id, changes))
                }
            }
        }
        var included: [UInt32] = []
        included.reserveCapacity(records.count)
        var corrected: [UInt32: EffectiveEvent] = [:]
        // By index and field: binding each record would copy it, a million times for a large log.
        for index in records.indices where !records[index].kind.isAmendment && (retracted.isEmpty || !retracted.contains(records[index].id))
        {
            included.append(UInt32(index))
            guard !corrections.isEmpty, let applied = corrections[records[index].id] else { continue }
            let record = records[index]
            var event = record.event
            for correction in applied { event = Self.apply(correction.changes, to: event) }
            corrected[UInt32(index)] = EffectiveEvent(record: record, event: event, corrections: applied.map(\.id))
        }
        return (included, corrected, violations)
    }

    /// Why a correction does not fit its target, or `nil` when every field it sets applies.
    static func applicabilityProblem(of changes: Correction, to event: NewEvent) -> String? {
        var allowed: Set<String> = ["date"]
        switch event.payload {
        case .founding: allowed.formUnion(["place", "name"])
        case .accession, .withdrawal, .suspension, .reinstatement: allowed.insert("country")
        case .status: allowed.formUnion(["country", "status"])
        case .summit: allowed.formUnion(["place", "host", "name"])
        case .statement: allowed.formUnion(["country", "text", "speaker"])
        case .milestone: allowed.formUnion(["country", "text"])
        case .state: allowed.insert("name")
        case .succession: allowed.insert("country")
        case .reclassify, .dissolution, .merger, .breakup, .correction, .retraction: break
        }
        let set: [(String, Bool)] = [
            ("date", changes.date != nil), ("country", changes.country != nil), ("status", changes.status != nil),
            ("place", changes.place != nil), ("host", changes.host != nil), ("name", changes.name != nil),
            ("text", changes.text != nil), ("speaker", changes.speaker != nil),
        ]
        let misfits = set.filter { $0.1 && !allowed.contains($0.0) }.map(\.0)
        guard !misfits.isEmpty else { return nil }
        return
            "\(Article.with(event.kind.rawValue)) has no \(misfits.joined(separator: ", ")) to correct; it can take: \(allowed.sorted().joined(separator: ", "))"
    }

    /// The event with the correction's fields replaced.
    static func apply(_ changes: Correction, to original: NewEvent) -> NewEvent {
        var event = original
        if let date = changes.date { event.date = date }
        if !changes.alternatives.isEmpty { event.alternatives = AlternativeDate.merging(event.alternatives, changes.alternatives) }
        switch event.payload {
        case .founding(var founding):
            founding.place = changes.place ?? founding.place
            founding.name = changes.name ?? founding.name
            event.payload = .founding(founding)
        case .accession(let org, let country): event.payload = .accession(org: org, country: changes.country ?? country)
        case .withdrawal(let org, let country): event.payload = .withdrawal(org: org, country: changes.country ?? country)
        case .suspension(let org, let country): event.payload = .suspension(org: org, country: changes.country ?? country)
        case .reinstatement(let org, let country): event.payload = .reinstatement(org: org, country: changes.country ?? country)
        case .status(let org, let country, let status, let change):
            event.payload = .status(
                org: org, country: changes.country ?? country, status: changes.status ?? status,
                change: changes.status == nil ? change : nil)
        case .summit(var summit):
            summit.place = changes.place ?? summit.place
            summit.host = changes.host ?? summit.host
            summit.name = changes.name ?? summit.name
            event.payload = .summit(summit)
        case .statement(var statement):
            statement.country = changes.country ?? statement.country
            statement.text = changes.text ?? statement.text
            statement.speaker = changes.speaker ?? statement.speaker
            event.payload = .statement(statement)
        case .milestone(let org, let country, let text):
            event.payload = .milestone(org: org, country: changes.country ?? country, text: changes.text ?? text)
        case .state(var state):
            state.name = changes.name ?? state.name
            event.payload = .state(state)
        case .succession(let org, let country, let predecessor):
            event.payload = .succession(org: org, country: changes.country ?? country, predecessor: predecessor)
        case .reclassify, .dissolution, .merger, .breakup, .correction, .retraction: break
        }
        return event
    }
}
