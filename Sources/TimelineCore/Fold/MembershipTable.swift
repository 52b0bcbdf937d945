import Synchronization

/// Decodes one organization's memberships on demand, for a `MembershipTable` that defers them
/// (a snapshot's reader). Called under the table's lock, one section at a time.
public protocol MembershipSectionDecoder {
    /// The memberships of the table's organization number `index`.
    mutating func decode(_ index: Int) -> OrganizationMemberships

    /// The member-count step function of the table's organization number `index`, without
    /// decoding its memberships (what `count(members …)` needs).
    mutating func decodeMemberCountSteps(_ index: Int) -> (days: [Int32], counts: [Int32])
}

/// Each organization's participants and their transitions, by organization.
///
/// A fold builds them all at once. A snapshot's reader defers them: each organization is decoded
/// the first time a query asks for it, so that a start from a snapshot and one question about one
/// organization decodes that organization alone. Either way the answers are the same (tested).
public struct MembershipTable: Sendable {
    private let positions: [OrganizationID: Int]
    private let storage: Storage

    /// Memberships already built, as a fold makes them.
    public init(_ memberships: [OrganizationID: OrganizationMemberships]) {
        let ids = Array(memberships.keys)
        positions = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        storage = Storage(built: ids.map { memberships[$0] }, decoder: nil)
    }

    /// Memberships of the organizations `ids`, each decoded by `decoder` (with its place in `ids`)
    /// the first time it is asked for.
    public init(deferring ids: [OrganizationID], to decoder: sending any MembershipSectionDecoder) {
        positions = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        storage = Storage(built: Array(repeating: nil, count: ids.count), decoder: decoder)
    }

    /// The organization's memberships, or `nil` when it has none here.
    public subscript(org: OrganizationID) -> OrganizationMemberships? {
        guard let position = positions[org] else { return nil }
        return storage.memberships(at: position)
    }

    /// The organizations that have memberships here, in no particular order.
    public var keys: Dictionary<OrganizationID, Int>.Keys { positions.keys }

    /// The organization's member-count step function as a snapshot stores it, decoded without
    /// its memberships; `nil` when its memberships are built (their own steps answer then), when
    /// a fold built the table, or when the organization has none here.
    public func storedMemberCountSteps(of org: OrganizationID) -> (days: [Int32], counts: [Int32])? {
        guard let position = positions[org] else { return nil }
        return storage.storedMemberCountSteps(at: position)
    }

    /// How many organizations have memberships here.
    public var count: Int { positions.count }

    /// How many organizations' memberships are built so far (all of a fold's; those a snapshot's
    /// queries asked for).
    public var builtCount: Int { storage.builtCount }

    /// The built memberships, the step functions decoded on their own, and the decoder of those
    /// not yet built, under one lock.
    final class Storage: Sendable {
        private typealias Steps = (days: [Int32], counts: [Int32])
        private let state: Mutex<(built: [OrganizationMemberships?], steps: [Steps?], decoder: (any MembershipSectionDecoder)?)>

        init(built: [OrganizationMemberships?], decoder: sending (any MembershipSectionDecoder)?) {
            state = Mutex((built, Array(repeating: nil, count: decoder == nil ? 0 : built.count), decoder))
        }

        func storedMemberCountSteps(at position: Int) -> (days: [Int32], counts: [Int32])? {
            state.withLock { state in
                guard state.built[position] == nil, state.decoder != nil else { return nil }
                if let known = state.steps[position] { return known }
                let decoded = state.decoder!.decodeMemberCountSteps(position)
                state.steps[position] = decoded
                return decoded
            }
        }

        var builtCount: Int { state.withLock { state in state.built.count { $0 != nil } } }

        func memberships(at position: Int) -> OrganizationMemberships? {
            state.withLock { state in
                if let built = state.built[position] { return built }
                guard state.decoder != nil else { return nil }
                // Decoded in place: a copy of the decoder would copy the caches it keeps.
                let decoded = state.decoder!.decode(position)
                state.built[position] = decoded
                state.steps[position] = nil
                return decoded
            }
        }
    }
}
