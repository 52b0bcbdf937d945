import Dispatch
import Synchronization

/// Runs the fold: on one thread, or for a large timeline on several.
///
/// The fold keeps state per organization, and an event touches only its own organization's
/// (a founding also looks at its predecessor's). So organizations are split into groups — an
/// organization always with its predecessors and successors — and each thread folds the events
/// of one group, in fold order; events that name no organization, or one never founded, go to
/// the first group. Combined, the folds are exactly the sequential fold: the same
/// organizations, transitions and violations, in the same order.
enum PartitionedFold {
    /// Folds `order` (record indexes in fold order) on `parts` threads (one: the plain fold,
    /// without groups). `events` are the effective events in that order; when `corrected` is
    /// `false` they equal the records, and the records are folded as they are.
    static func fold(
        records: [RecordedEvent], events: EffectiveEvents, order: [UInt32], corrected: Bool,
        foundings: [OrganizationID: EDTFDate], predecessors: [(OrganizationID, OrganizationID)],
        dissolutions: [EffectiveEvent] = [], registry: CountryRegistry, parts: Int, recordingTransitions: Bool = true
    ) -> TimelineFold {
        let (groupOf, changes) =
            parts == 1
            ? ([], [:]) : groups(of: order, in: records, foundings: foundings, predecessors: predecessors, parts: parts)
        let results = Mutex<[(fold: TimelineFold, positions: [Int])?]>(Array(repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var fold = TimelineFold(registry: registry, recordingTransitions: recordingTransitions)
            fold.foundings = foundings
            fold.expectedChanges = changes
            fold.dissolutions = dissolutions
            var positions: [Int] = []
            records.withRecordsInPlace { records in
                for position in order.indices where parts == 1 || groupOf[position] == UInt8(part) {
                    let known = fold.violations.count
                    if corrected { fold.apply(events[position]) } else { fold.apply(RecordInPlace(address: records[Int(order[position])])) }
                    if fold.violations.count > known { positions.append(position) }
                }
            }
            fold.finish()
            let result = (fold, positions)
            results.withLock { $0[part] = result }
        }
        let folds = results.withLock { $0.map { $0! } }
        return parts == 1 ? folds[0].fold : TimelineFold.combining(folds.map(\.fold), positions: folds.map(\.positions))
    }

    /// Each event's group (by position in fold order), found on all threads, a stretch of the
    /// fold order each; and how many events change a participant's standing in each founded
    /// organization, counted on the way, so that its fold keeps room for that many transitions
    /// from the start rather than growing the list by doubling (for a large history, most of
    /// the fold's memory).
    static func groups(
        of order: [UInt32], in records: [RecordedEvent], foundings: [OrganizationID: EDTFDate],
        predecessors: [(OrganizationID, OrganizationID)], parts: Int
    ) -> (groups: [UInt8], changes: [OrganizationID: Int]) {
        let entries = Array(groupNumbers(foundings: foundings.keys, predecessors: predecessors, parts: parts))
        let (numbering, groups) = entries.reduce(into: (StringNumbering(), [UInt8]())) { found, entry in
            found.0.add(entry.key.rawValue)
            found.1.append(UInt8(entry.value))
        }
        // Each event's group, found on all threads, a stretch of the fold order each.
        let stretch = (order.count + parts - 1) / parts
        let stretches = Mutex<[(groups: [UInt8], changes: [Int])]>(Array(repeating: ([], []), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var lastOrganization: OrganizationID?
            var lastNumber: Int?
            var lastGroup: UInt8 = 0
            var changes = [Int](repeating: 0, count: groups.count)
            let positions = min(part * stretch, order.count)..<min((part + 1) * stretch, order.count)
            // Records are read in place: a copy of one would retain its strings, shared by many
            // records, from both threads at once.
            let found = records.withRecordsInPlace { records in
                positions.map { position -> UInt8 in
                    // Corrections never change an event's organization: the record tells.
                    let payload = records[Int(order[position])].pointee.payload
                    guard let organization = payload.organization else { return 0 }
                    if organization != lastOrganization {
                        lastOrganization = organization
                        lastNumber = numbering.number(of: organization.rawValue)
                        lastGroup = lastNumber.map { groups[$0] } ?? 0
                    }
                    if let lastNumber, payload.kind.changesStanding { changes[lastNumber] += 1 }
                    return lastGroup
                }
            }
            stretches.withLock { $0[part] = (found, changes) }
        }
        let found = stretches.withLock { $0 }
        var changes: [OrganizationID: Int] = [:]
        for (number, entry) in entries.enumerated() {
            changes[entry.key] = found.reduce(0) { $0 + $1.changes[number] }
        }
        return (found.flatMap(\.groups), changes)
    }

    /// Each founded organization's group: organizations linked by predecessors share a group;
    /// groups are dealt to the `parts` threads in turn, in order of their first organization's id.
    static func groupNumbers(foundings: some Sequence<OrganizationID>, predecessors: [(OrganizationID, OrganizationID)], parts: Int)
        -> [OrganizationID: Int]
    {
        var parent: [OrganizationID: OrganizationID] = [:]
        func root(_ id: OrganizationID) -> OrganizationID {
            var current = id
            while let next = parent[current], next != current { current = next }
            return current
        }
        for (organization, predecessor) in predecessors {
            let (a, b) = (root(organization), root(predecessor))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var roots: [OrganizationID: Int] = [:]
        var groups: [OrganizationID: Int] = [:]
        for organization in Set(foundings).union(predecessors.flatMap { [$0.0, $0.1] }).sorted() {
            let top = root(organization)
            if roots[top] == nil { roots[top] = roots.count }
            groups[organization] = roots[top]! % parts
        }
        return groups
    }
}
