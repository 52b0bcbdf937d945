/// The pure fold of effective events, in fold order, into organizations and membership
/// transitions, checking every invariant on the way.
///
/// An event that breaks a rule is recorded as a violation and otherwise skipped, so the fold
/// always completes; appends refuse any batch that adds a violation.
struct TimelineFold: Sendable {
    let registry: CountryRegistry
    private(set) var organizations: [OrganizationID: Organization] = [:]
    private(set) var transitions: [OrganizationID: [String: [MembershipTransition]]] = [:]
    private(set) var violations: [InvariantViolation] = []
    private var standing: [OrganizationID: [String: MembershipState]] = [:]
    private var since: [OrganizationID: [String: EDTFDate]] = [:]
    private var ladders: [OrganizationID: StatusLadder] = [:]

    /// Every founding in the event set, to explain an event dated before its organization.
    var foundings: [OrganizationID: EDTFDate] = [:]

    init(registry: CountryRegistry) { self.registry = registry }

    /// Whether `transitions` records every change (`false` for a fold kept only to check what
    /// comes next: the projections already hold them).
    private var recordsTransitions = true

    /// Forgets the transitions recorded so far and records no more.
    mutating func stopRecordingTransitions() {
        transitions = [:]
        recordsTransitions = false
    }

    /// A violation of `rule` by `event`.
    private mutating func refuse(_ event: EffectiveEvent, _ rule: InvariantViolation.Rule, _ message: String) {
        violations.append(InvariantViolation(rule: rule, eventID: event.id, seq: event.seq, summary: event.event.summary, message: message))
    }

    private func name(_ code: String) -> String {
        registry.country(code: code).map { "\($0.name) (\($0.alpha3))" } ?? code
    }

    /// Checks that a country code is known; records a violation otherwise.
    private mutating func checkCountry(_ code: String, _ event: EffectiveEvent) -> Bool {
        if registry.country(code: code)?.alpha3 == code { return true }
        refuse(event, .unknownCountry, CountryLookupError(text: code, suggestions: registry.suggestions(for: code)).description)
        return false
    }

    /// Checks that the organization exists and is not dissolved at the event; returns its ladder.
    private mutating func checkOrganization(_ id: OrganizationID, _ event: EffectiveEvent) -> StatusLadder? {
        guard let organization = organizations[id], let ladder = ladders[id] else {
            if let founded = foundings[id] {
                refuse(event, .organizationNotYetFounded, "\(id) is founded only on \(founded), after this event's date \(event.date)")
                return nil
            }
            let known = (Set(foundings.keys)).map(\.rawValue).sorted()
            let nearest = NameKey.nearest(to: id.rawValue, among: known)
            let hint = nearest.isEmpty ? "; found it first with append founding" : "; did you mean " + nearest.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
            refuse(event, .unknownOrganization, "no organization \(id) has been founded\(hint)")
            return nil
        }
        if let dissolved = organization.dissolved {
            refuse(event, .organizationDissolved, "\(id) was dissolved on \(dissolved); nothing can happen to it after that")
            return nil
        }
        return ladder
    }

    private func state(_ org: OrganizationID, _ country: String) -> MembershipState {
        standing[org]?[country] ?? .none
    }

    private mutating func transition(_ org: OrganizationID, _ country: String, to after: MembershipState, by event: EffectiveEvent) {
        let before = state(org, country)
        let start = before.status == after.status && before.status != nil ? (since[org]?[country] ?? event.date) : event.date
        let ladder = ladders[org]
        if recordsTransitions {
            transitions[org, default: [:]][country, default: []].append(MembershipTransition(
                eventID: event.id, seq: event.seq, date: event.date, before: before, after: after,
                isMembership: after.status != nil && after.status == ladder?.top, since: start))
        }
        standing[org, default: [:]][country] = after
        since[org, default: [:]][country] = start
    }

    /// Folds one effective event. Events must arrive in fold order.
    mutating func apply(_ event: EffectiveEvent) {
        guard event.event.date != nil else {
            refuse(event, .missingDate, "\(Article.with(event.event.kind.rawValue)) needs a date (on D)")
            return
        }
        switch event.payload {
        case .founding(let founding):
            if let existing = organizations[founding.org] {
                refuse(event, .duplicateFounding, "\(founding.org) was already founded on \(existing.founded); an organization is founded once")
                return
            }
            if let predecessor = founding.predecessor, organizations[predecessor] == nil {
                refuse(event, .unknownPredecessor, "the predecessor \(predecessor) has no founding event before \(event.date)")
                return
            }
            for founder in founding.founders where !checkCountry(founder, event) { return }
            organizations[founding.org] = Organization(
                id: founding.org, name: founding.name, founded: event.date, place: founding.place,
                founders: founding.founders, predecessor: founding.predecessor, ladder: founding.ladder)
            ladders[founding.org] = founding.ladder
            for founder in founding.founders {
                transition(founding.org, founder, to: MembershipState(status: founding.ladder.top), by: event)
            }
        case .accession(let org, let country):
            guard let ladder = checkOrganization(org, event), checkCountry(country, event) else { return }
            let current = state(org, country)
            if current.status == ladder.top {
                refuse(event, .alreadyMember, "\(name(country)) is already a \(ladder.top) of \(org) (since \(since[org]?[country] ?? event.date))")
                return
            }
            transition(org, country, to: MembershipState(status: ladder.top, suspended: current.suspended), by: event)
        case .status(let org, let country, let status, let change):
            guard let ladder = checkOrganization(org, event), checkCountry(country, event) else { return }
            guard let rank = ladder.rank(of: status) else {
                refuse(event, .statusNotOnLadder, "\(org) has no status \"\(status)\" at \(event.date); its ladder is \(ladder)")
                return
            }
            let current = state(org, country)
            if current.status == status {
                refuse(event, .sameStatus, "\(name(country)) already holds \(status) in \(org) (since \(since[org]?[country] ?? event.date))")
                return
            }
            let actual: StatusChange = current.status.flatMap { ladder.rank(of: $0) }.map { $0 < rank ? .elevation : .downgrade } ?? .grant
            if let change, change != actual {
                let held = current.status.map { "holds \($0)" } ?? "holds no status"
                refuse(event, .wrongChangeKind, "this is \(Article.with(actual.rawValue)), not \(Article.with(change.rawValue)): \(name(country)) \(held) in \(org)")
                return
            }
            transition(org, country, to: MembershipState(status: status, suspended: current.suspended), by: event)
        case .withdrawal(let org, let country):
            guard checkOrganization(org, event) != nil, checkCountry(country, event) else { return }
            if state(org, country).status == nil {
                refuse(event, .notParticipating, "\(name(country)) holds no status in \(org) at \(event.date), so it cannot withdraw")
                return
            }
            transition(org, country, to: .none, by: event)
        case .suspension(let org, let country):
            guard checkOrganization(org, event) != nil, checkCountry(country, event) else { return }
            let current = state(org, country)
            if current.status == nil {
                refuse(event, .notParticipating, "\(name(country)) holds no status in \(org) at \(event.date), so it cannot be suspended")
            } else if current.suspended {
                refuse(event, .alreadySuspended, "\(name(country)) is already suspended from \(org)")
            } else {
                transition(org, country, to: MembershipState(status: current.status, suspended: true), by: event)
            }
        case .reinstatement(let org, let country):
            guard checkOrganization(org, event) != nil, checkCountry(country, event) else { return }
            let current = state(org, country)
            if !current.suspended {
                refuse(event, .notSuspended, "\(name(country)) is not suspended from \(org) at \(event.date), so it cannot be reinstated")
            } else {
                transition(org, country, to: MembershipState(status: current.status, suspended: false), by: event)
            }
        case .reclassify(let org, let from, let to):
            guard let ladder = checkOrganization(org, event) else { return }
            if let missing = from.first(where: { !ladder.contains($0) }) {
                refuse(event, .statusNotOnLadder, "\(org) has no status \"\(missing)\" at \(event.date); its ladder is \(ladder)")
                return
            }
            if ladder.contains(to) && !from.contains(to) {
                refuse(event, .reclassifyConflict, "\(org) already has a status \"\(to)\"; name it among the merged statuses or choose a new name")
                return
            }
            let merged = ladder.merging(from, into: to)
            ladders[org] = merged
            organizations[org]?.ladderChanges.append((event.date, merged))
            for (country, current) in (standing[org] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let status = current.status, from.contains(status), status != to {
                    transition(org, country, to: MembershipState(status: to, suspended: current.suspended), by: event)
                }
            }
        case .summit(let summit):
            guard checkOrganization(summit.org, event) != nil else { return }
            if let host = summit.host, !checkCountry(host, event) { return }
        case .statement(let statement):
            if let org = statement.org, checkOrganization(org, event) == nil { return }
            if let country = statement.country, !checkCountry(country, event) { return }
        case .milestone(let org, let country, _):
            guard checkOrganization(org, event) != nil else { return }
            if let country, !checkCountry(country, event) { return }
        case .dissolution(let org):
            guard checkOrganization(org, event) != nil else { return }
            for (country, current) in (standing[org] ?? [:]).sorted(by: { $0.key < $1.key }) where current.status != nil {
                transition(org, country, to: .none, by: event)
            }
            organizations[org]?.dissolved = event.date
        case .correction, .retraction:
            break  // resolved before the fold
        }
    }
}
