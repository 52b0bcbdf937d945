import Dispatch
import Synchronization

/// The pure fold of effective events, in fold order, into organizations and membership
/// transitions, checking every invariant on the way.
///
/// An event that breaks a rule is recorded as a violation and otherwise skipped, so the fold
/// always completes; appends refuse any batch that adds a violation.
struct TimelineFold: Sendable {
    /// The countries, states and organizations participants are checked against; an
    /// organization founded in a batch checked after the timeline joins it.
    private(set) var registry: CountryRegistry
    private(set) var violations: [InvariantViolation] = []
    /// Each founded organization's number in `states`, by its id's text.
    private var numbers = StringNumbering()
    private(set) var states: [OrganizationFoldState] = []
    /// A number for each known country code met so far (unknown codes never get one).
    private var countries = StringNumbering()
    /// Per organization number, by country number: the participant's slot in its state, or -1.
    private var slots: [[Int32]] = []
    /// By country number: whether the country is a state the log introduced (checked by date).
    private var introducedNumbers: [Bool] = []
    /// The codes of the states introduced so far, each by its first `state` event.
    private var introducedStates: [String: EDTFDate] = [:]

    /// Every founding in the event set, to explain an event dated before its organization.
    var foundings: [OrganizationID: EDTFDate] = [:]

    /// The dissolutions of every organization in the event set, in fold order: each ends the
    /// memberships the dissolved organization holds in others (in whichever group of a
    /// partitioned fold those are kept), just after the dissolution in fold order.
    var dissolutions: [EffectiveEvent] = [] {
        didSet { nextDissolution = 0 }
    }
    /// The first of `dissolutions` not yet applied to the memberships held here.
    private var nextDissolution = 0

    /// An empty fold; one not `recordingTransitions` only checks and keeps the final state.
    init(registry: CountryRegistry, recordingTransitions: Bool = true) {
        self.registry = registry
        self.recordsTransitions = recordingTransitions
    }

    /// How many events will change a participant's standing, per organization, when known
    /// before the fold (see `PartitionedFold`): its list of transitions is given that much room
    /// when it is founded. More are still taken; this only spares the list growing by doubling.
    var expectedChanges: [OrganizationID: Int] = [:]

    /// Whether the fold records every transition (`false` for a fold kept only to check what
    /// comes next, or one whose transitions the projections took).
    private var recordsTransitions: Bool

    /// Every organization founded so far.
    var organizations: [OrganizationID: Organization] {
        Dictionary(uniqueKeysWithValues: states.map { ($0.organization.id, $0.organization) })
    }

    /// Each organization's memberships, from the transitions recorded (for the organizations
    /// that have any), built on several threads. The transitions are handed over and the fold
    /// records no more: each organization's are freed as soon as its columns are built, so that
    /// a large history never holds both in full.
    mutating func takeMemberships() -> [OrganizationID: OrganizationMemberships] {
        guard recordsTransitions else { return [:] }
        recordsTransitions = false
        var handed: [(id: OrganizationID, countries: [String], transitions: [ParticipantTransition])?] = []
        handed.reserveCapacity(states.count)
        for index in states.indices {
            handed.append((states[index].organization.id, states[index].countries, states[index].transitions))
            states[index].transitions = []
        }
        let pending = Mutex(handed)
        handed = []
        let registry = self.registry
        let built = Mutex<[OrganizationID: OrganizationMemberships]>([:])
        DispatchQueue.concurrentPerform(iterations: states.count) { number in
            // Taken out of the shared list, so that they are freed here, once built.
            guard
                let organization = pending.withLock({
                    slots -> (id: OrganizationID, countries: [String], transitions: [ParticipantTransition])? in
                    defer { slots[number] = nil }
                    return slots[number]
                }), !organization.countries.isEmpty
            else { return }
            let memberships = OrganizationMemberships(
                participants: organization.countries, recorded: organization.transitions, registry: registry)
            built.withLock { $0[organization.id] = memberships }
        }
        return built.withLock { $0 }
    }

    /// Combines folds of disjoint groups of organizations, each run over the events of its
    /// group in fold order, into the fold of all (see `PartitionedFold`). `positions[i]` holds
    /// the fold position of each violation of `parts[i]`, so that violations keep fold order.
    static func combining(_ parts: [TimelineFold], positions: [[Int]]) -> TimelineFold {
        var combined = parts[0]
        combined.violations = []
        var tagged = zip(positions[0], parts[0].violations).map { (position: $0, violation: $1) }
        for (part, partPositions) in zip(parts.dropFirst(), positions.dropFirst()) {
            for state in part.states {
                combined.numbers.add(state.organization.id.rawValue)
                combined.slots.append([])
                for (slot, country) in state.countries.enumerated() {
                    combined.setSlot(slot, of: country, in: combined.states.count)
                }
                combined.states.append(state)
            }
            tagged += zip(partPositions, part.violations).map { (position: $0, violation: $1) }
        }
        combined.violations = tagged.sorted { $0.position < $1.position }.map(\.violation)
        return combined
    }

    /// A violation of `rule` by `event`.
    private mutating func refuse(_ event: some FoldableEvent, _ rule: InvariantViolation.Rule, _ message: String) {
        violations.append(InvariantViolation(rule: rule, eventID: event.id, seq: event.seq, summary: event.summary, message: message))
    }

    private func name(_ code: String) -> String {
        registry.country(code: code).map { "\($0.name) (\($0.alpha3))" } ?? code
    }

    /// Ends the memberships that organizations dissolved before `event` (in fold order) held in
    /// the organizations of this fold; with no event, those of every dissolution left.
    private mutating func endMembershipsOfDissolved(before event: (some FoldableEvent)?) {
        while nextDissolution < dissolutions.count {
            let dissolution = dissolutions[nextDissolution]
            if let event,
                (dissolution.date.earliest.ordinal, dissolution.seq.value) >= (event.foldDate.earliest.ordinal, event.seq.value)
            {
                return
            }
            nextDissolution += 1
            guard case .dissolution(let org) = dissolution.payload, let member = countries.number(of: org.rawValue) else { continue }
            for number in states.indices {
                if let slot = slot(of: member, in: number), states[number].standing[slot].status != nil {
                    transition(number, org.rawValue, slot, to: .none, by: dissolution)
                }
            }
        }
    }

    /// Ends every membership of an organization dissolved after the last event: call once the
    /// fold has applied its events.
    mutating func finish() {
        endMembershipsOfDissolved(before: nil as EffectiveEvent?)
    }

    /// A participant's slot in an organization's state, or `nil` for a country no transition
    /// has reached yet.
    private typealias Slot = Int?

    /// Checks that a country code is known, and finds its slot in organization `number`;
    /// records a violation and answers `nil` for an unknown code. A country with a slot was
    /// checked when it got it.
    private mutating func checkCountry(_ code: String, in number: Int, _ event: some FoldableEvent) -> Slot? {
        if code == states[number].organization.id.rawValue {
            refuse(event, .selfMembership, "\(code) cannot take part in itself")
            return nil
        }
        guard let country = checkCountry(code, event) else { return nil }
        return .some(slot(of: country, in: number))
    }

    /// Checks that a country code is known, and answers its number; records a violation and
    /// answers `nil` otherwise.
    private mutating func checkCountry(_ code: String, _ event: some FoldableEvent) -> Int? {
        if let known = countries.number(of: code) {
            // A state the log introduced exists only between its dates: checked at every event.
            if known < introducedNumbers.count, introducedNumbers[known], !checkExists(code, event) { return nil }
            return known
        }
        guard let country = registry.country(code: code), country.alpha3 == code else {
            refuse(event, .unknownCountry, CountryLookupError(text: code, suggestions: registry.suggestions(for: code)).description)
            return nil
        }
        let number = countries.add(code)
        if country.isIntroduced {
            if introducedNumbers.count <= number { introducedNumbers += repeatElement(false, count: number + 1 - introducedNumbers.count) }
            introducedNumbers[number] = true
            if !checkExists(code, event) { return nil }
        }
        return number
    }

    /// Checks that a state the log introduced exists at the event's date.
    private mutating func checkExists(_ code: String, _ event: some FoldableEvent) -> Bool {
        guard let country = registry.country(code: code), let introduced = country.introduced else { return true }
        if country.exists(at: event.foldDate) { return true }
        if country.isOrganization {
            if event.foldDate.latest < introduced.earliest {
                refuse(
                    event, .organizationNotYetFounded,
                    "\(name(code)) is founded only on \(introduced), after this event's date \(event.foldDate); an organization takes part in others only while it exists"
                )
            } else {
                refuse(
                    event, .organizationDissolved,
                    "\(name(code)) was dissolved on \(country.ended!); its memberships ended then and it can take part in nothing after that"
                )
            }
            return false
        }
        if event.foldDate.latest < introduced.earliest {
            refuse(event, .stateNotYetExisting, "\(name(code)) exists only from \(introduced), after this event's date \(event.foldDate)")
        } else {
            refuse(event, .stateCeased, "\(name(code)) ceased to exist on \(country.ended!); nothing can happen to it after that")
        }
        return false
    }

    /// The slot of the country numbered `country` in organization `number`, if it has one.
    private func slot(of country: Int, in number: Int) -> Slot {
        let slots = self.slots[number]
        return country < slots.count && slots[country] >= 0 ? Int(slots[country]) : nil
    }

    /// Gives a known country its slot in organization `number`.
    private mutating func setSlot(_ slot: Int, of code: String, in number: Int) {
        let country = countries.add(code)
        if slots[number].count <= country { slots[number] += repeatElement(-1, count: country + 1 - slots[number].count) }
        slots[number][country] = Int32(slot)
    }

    /// Checks that the organization exists and is not dissolved at the event; returns its number.
    private mutating func checkOrganization(_ id: OrganizationID, _ event: some FoldableEvent) -> Int? {
        guard let number = numbers.number(of: id.rawValue) else {
            if let founded = foundings[id] {
                refuse(event, .organizationNotYetFounded, "\(id) is founded only on \(founded), after this event's date \(event.foldDate)")
                return nil
            }
            let known = (Set(foundings.keys)).map(\.rawValue).sorted()
            let nearest = NameKey.nearest(to: id.rawValue, among: known)
            let hint =
                nearest.isEmpty
                ? "; found it first with append founding" : "; did you mean " + nearest.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
            refuse(event, .unknownOrganization, "no organization \(id) has been founded\(hint)")
            return nil
        }
        if let dissolved = states[number].organization.dissolved {
            refuse(event, .organizationDissolved, "\(id) was dissolved on \(dissolved); nothing can happen to it after that")
            return nil
        }
        return number
    }

    private func state(_ number: Int, _ slot: Slot) -> MembershipState {
        guard let slot else { return .none }
        return states[number].standing[slot]
    }

    /// The date the participant's current status began.
    private func since(_ number: Int, _ slot: Slot) -> EDTFDate? {
        guard let slot else { return nil }
        return states[number].since[slot]
    }

    /// Moves a participant to `after`. Its status is held since the event's date, or since
    /// before when it keeps the status, or since `inherited` when it takes over a status held
    /// since then (a succession or a merger).
    private mutating func transition(
        _ number: Int, _ country: String, _ slot: Slot, to after: MembershipState, by event: some FoldableEvent,
        since inherited: EDTFDate? = nil
    ) {
        let before = state(number, slot)
        let start =
            inherited
            ?? (before.status == after.status && before.status != nil ? (since(number, slot) ?? event.foldDate) : event.foldDate)
        let transition =
            recordsTransitions
            ? MembershipTransition(
                eventID: event.id, seq: event.seq, date: event.foldDate, before: before, after: after,
                isMembership: after.status != nil && after.status == states[number].ladder.top, since: start) : nil
        let index: Int
        if let slot {
            index = slot
        } else {
            index = states[number].countries.count
            setSlot(index, of: country, in: number)
            states[number].countries.append(country)
            states[number].standing.append(after)
            states[number].since.append(start)
        }
        if let transition { states[number].transitions.append(ParticipantTransition(participant: Int32(index), transition: transition)) }
        states[number].standing[index] = after
        states[number].since[index] = start
    }

    /// Folds one effective event. Events must arrive in fold order.
    mutating func apply(_ event: some FoldableEvent) {
        if nextDissolution < dissolutions.count { endMembershipsOfDissolved(before: event) }
        guard event.ownDate != nil else {
            refuse(event, .missingDate, "\(Article.with(event.payload.kind.rawValue)) needs a date (on D)")
            return
        }
        switch event.payload {
        case .founding(let founding):
            if let existing = numbers.number(of: founding.org.rawValue) {
                refuse(
                    event, .duplicateFounding,
                    "\(founding.org) was already founded on \(states[existing].organization.founded); an organization is founded once")
                return
            }
            if let predecessor = founding.predecessor, numbers.number(of: predecessor.rawValue) == nil {
                refuse(event, .unknownPredecessor, "the predecessor \(predecessor) has no founding event before \(event.foldDate)")
                return
            }
            if founding.founders.contains(founding.org.rawValue) {
                refuse(event, .selfMembership, "\(founding.org) cannot be among its own founders")
                return
            }
            for founder in founding.founders where checkCountry(founder, event) == nil { return }
            let number = states.count
            if registry.country(code: founding.org.rawValue)?.alpha3 != founding.org.rawValue {
                registry = registry.adding([
                    Country(organization: founding.org, name: founding.name, founded: event.foldDate, dissolved: nil)
                ])
            }
            numbers.add(founding.org.rawValue)
            slots.append([])
            states.append(
                OrganizationFoldState(
                    organization: Organization(
                        id: founding.org, name: founding.name, founded: event.foldDate, place: founding.place,
                        founders: founding.founders, predecessor: founding.predecessor, ladder: founding.ladder)))
            if recordsTransitions, let changes = expectedChanges[founding.org] {
                states[number].transitions.reserveCapacity(changes + founding.founders.count)
            }
            for founder in founding.founders {
                transition(
                    number, founder, countries.number(of: founder).flatMap { slot(of: $0, in: number) },
                    to: MembershipState(status: founding.ladder.top), by: event)
            }
        case .accession(let org, let country):
            guard let number = checkOrganization(org, event), let slot = checkCountry(country, in: number, event) else { return }
            let ladder = states[number].ladder
            let current = state(number, slot)
            if current.status == ladder.top {
                refuse(
                    event, .alreadyMember,
                    "\(name(country)) is already a \(ladder.top) of \(org) (since \(since(number, slot) ?? event.foldDate))")
                return
            }
            transition(number, country, slot, to: MembershipState(status: ladder.top, suspended: current.suspended), by: event)
        case .status(let org, let country, let status, let change):
            guard let number = checkOrganization(org, event), let slot = checkCountry(country, in: number, event) else { return }
            let ladder = states[number].ladder
            guard let rank = ladder.rank(of: status) else {
                refuse(event, .statusNotOnLadder, "\(org) has no status \"\(status)\" at \(event.foldDate); its ladder is \(ladder)")
                return
            }
            let current = state(number, slot)
            if current.status == status {
                refuse(
                    event, .sameStatus,
                    "\(name(country)) already holds \(status) in \(org) (since \(since(number, slot) ?? event.foldDate))")
                return
            }
            let actual: StatusChange = current.status.flatMap { ladder.rank(of: $0) }.map { $0 < rank ? .elevation : .downgrade } ?? .grant
            if let change, change != actual {
                let held = current.status.map { "holds \($0)" } ?? "holds no status"
                refuse(
                    event, .wrongChangeKind,
                    "this is \(Article.with(actual.rawValue)), not \(Article.with(change.rawValue)): \(name(country)) \(held) in \(org)")
                return
            }
            transition(number, country, slot, to: MembershipState(status: status, suspended: current.suspended), by: event)
        case .withdrawal(let org, let country):
            guard let number = checkOrganization(org, event), let slot = checkCountry(country, in: number, event) else { return }
            if state(number, slot).status == nil {
                refuse(event, .notParticipating, "\(name(country)) holds no status in \(org) at \(event.foldDate), so it cannot withdraw")
                return
            }
            transition(number, country, slot, to: .none, by: event)
        case .suspension(let org, let country):
            guard let number = checkOrganization(org, event), let slot = checkCountry(country, in: number, event) else { return }
            let current = state(number, slot)
            if current.status == nil {
                refuse(
                    event, .notParticipating, "\(name(country)) holds no status in \(org) at \(event.foldDate), so it cannot be suspended")
            } else if current.suspended {
                refuse(event, .alreadySuspended, "\(name(country)) is already suspended from \(org)")
            } else {
                transition(number, country, slot, to: MembershipState(status: current.status, suspended: true), by: event)
            }
        case .reinstatement(let org, let country):
            guard let number = checkOrganization(org, event), let slot = checkCountry(country, in: number, event) else { return }
            let current = state(number, slot)
            if !current.suspended {
                refuse(
                    event, .notSuspended, "\(name(country)) is not suspended from \(org) at \(event.foldDate), so it cannot be reinstated")
            } else {
                transition(number, country, slot, to: MembershipState(status: current.status, suspended: false), by: event)
            }
        case .reclassify(let org, let from, let to):
            guard let number = checkOrganization(org, event) else { return }
            let ladder = states[number].ladder
            if let missing = from.first(where: { !ladder.contains($0) }) {
                refuse(event, .statusNotOnLadder, "\(org) has no status \"\(missing)\" at \(event.foldDate); its ladder is \(ladder)")
                return
            }
            if ladder.contains(to) && !from.contains(to) {
                refuse(
                    event, .reclassifyConflict,
                    "\(org) already has a status \"\(to)\"; name it among the merged statuses or choose a new name")
                return
            }
            let merged = ladder.merging(from, into: to)
            states[number].ladder = merged
            states[number].organization.ladderChanges.append((event.foldDate, merged))
            for (country, slot) in states[number].participantsByCode {
                let current = states[number].standing[slot]
                if let status = current.status, from.contains(status), status != to {
                    transition(number, country, slot, to: MembershipState(status: to, suspended: current.suspended), by: event)
                }
            }
        case .summit(let summit):
            guard let number = checkOrganization(summit.org, event) else { return }
            if let host = summit.host, checkCountry(host, in: number, event) == nil { return }
        case .statement(let statement):
            if let org = statement.org, checkOrganization(org, event) == nil { return }
            if let country = statement.country, checkCountry(country, event) == nil { return }
        case .milestone(let org, let country, _):
            guard let number = checkOrganization(org, event) else { return }
            if let country, checkCountry(country, in: number, event) == nil { return }
        case .dissolution(let org):
            guard let number = checkOrganization(org, event) else { return }
            for (country, slot) in states[number].participantsByCode where states[number].standing[slot].status != nil {
                transition(number, country, slot, to: .none, by: event)
            }
            states[number].organization.dissolved = event.foldDate
        case .state(let state):
            applyState(state, event)
        case .succession(let org, let country, let predecessor):
            applySuccession(org: org, country: country, predecessor: predecessor, event)
        case .merger(let merger):
            applyMerger(merger, event)
        case .breakup(let breakup):
            guard let number = checkOrganization(breakup.org, event), let slot = checkCountry(breakup.country, in: number, event)
            else { return }
            if state(number, slot).status == nil {
                refuse(
                    event, .notParticipating,
                    "\(name(breakup.country)) holds no status in \(breakup.org) at \(event.foldDate), so its membership cannot end")
                return
            }
            if breakup.successors.contains(breakup.country) {
                refuse(event, .invalidMerger, "\(name(breakup.country)) cannot be among its own successors")
                return
            }
            for successor in breakup.successors where checkCountry(successor, event) == nil { return }
            transition(number, breakup.country, slot, to: .none, by: event)
        case .correction, .retraction:
            break  // resolved before the fold
        }
    }

    /// A state event: its code must be new (no ISO country, no earlier state) and its end after
    /// its start.
    private mutating func applyState(_ state: StateIntroduction, _ event: some FoldableEvent) {
        if let known = registry.country(code: state.code), !known.isIntroduced {
            refuse(event, .stateCodeTaken, "\(state.code) is already the code of \(known.name) in ISO 3166; choose another code")
            return
        }
        if let first = introducedStates[state.code] {
            refuse(event, .stateCodeTaken, "a state \(state.code) was already introduced on \(first); a state is introduced once")
            return
        }
        introducedStates[state.code] = event.foldDate
        if let until = state.until, until.latest < event.foldDate.earliest {
            refuse(event, .invalidStateDates, "\(state.name) cannot cease on \(until), before it exists (\(event.foldDate))")
        }
    }

    /// A succession: the predecessor holds a status, the successor none; the successor takes
    /// the status over with the date it has been held since.
    private mutating func applySuccession(org: OrganizationID, country: String, predecessor: String, _ event: some FoldableEvent) {
        guard let number = checkOrganization(org, event), let predecessorSlot = checkCountry(predecessor, in: number, event),
            let slot = checkCountry(country, in: number, event)
        else { return }
        if country == predecessor {
            refuse(event, .invalidMerger, "\(name(country)) cannot succeed itself")
            return
        }
        let held = state(number, predecessorSlot)
        guard held.status != nil else {
            refuse(
                event, .notParticipating, "\(name(predecessor)) holds no status in \(org) at \(event.foldDate), so no one can succeed it")
            return
        }
        if let own = state(number, slot).status {
            refuse(
                event, .successorHoldsStatus,
                "\(name(country)) already holds \(own) in \(org) (since \(since(number, slot) ?? event.foldDate)); a successor takes over a status it does not hold"
            )
            return
        }
        let heldSince = since(number, predecessorSlot)
        transition(number, predecessor, predecessorSlot, to: .none, by: event)
        transition(number, country, slot, to: held, by: event, since: heldSince)
    }

    /// A merger: every merging member holds a status; the result, if not one of them, holds
    /// none. The result holds the highest merging status, since the earliest of them.
    private mutating func applyMerger(_ merger: Merger, _ event: some FoldableEvent) {
        guard let number = checkOrganization(merger.org, event) else { return }
        let absorbed = merger.members.contains(merger.result)
        if Set(merger.members).count != merger.members.count || merger.members.count < (absorbed ? 2 : 1) {
            refuse(
                event, .invalidMerger,
                "a merger names at least two different members, or one member absorbed into another: merger ORG A B into C")
            return
        }
        var merging: [(country: String, slot: Int, state: MembershipState, since: EDTFDate?)] = []
        for member in merger.members {
            guard let found = checkCountry(member, in: number, event) else { return }
            let current = state(number, found)
            guard current.status != nil, let slot = found else {
                refuse(
                    event, .notParticipating, "\(name(member)) holds no status in \(merger.org) at \(event.foldDate), so it cannot merge")
                return
            }
            merging.append((member, slot, current, since(number, slot)))
        }
        guard let resultSlot = checkCountry(merger.result, in: number, event) else { return }
        if !absorbed, let own = state(number, resultSlot).status {
            refuse(
                event, .successorHoldsStatus,
                "\(name(merger.result)) already holds \(own) in \(merger.org); name it among the merging members for an absorption")
            return
        }
        let ladder = states[number].ladder
        let rank = { (state: MembershipState) in state.status.flatMap { ladder.rank(of: $0) } ?? -1 }
        let best = merging.max { rank($0.state) < rank($1.state) }!.state
        let earliest = merging.compactMap(\.since).min { $0.earliest < $1.earliest }
        for member in merging where member.country != merger.result {
            transition(number, member.country, member.slot, to: .none, by: event)
        }
        let current = state(number, resultSlot)
        if current != best || since(number, resultSlot) != earliest {
            transition(number, merger.result, resultSlot, to: best, by: event, since: earliest)
        }
    }
}
