import TimelineCore

/// Decodes a snapshot's organizations one by one (or only their member-count steps), as queries first ask for them
/// (`MembershipTable` calls it under its lock), and gives back each section's memory once read.
///
/// The snapshot's bytes were checked whole against their SHA-256 when it was loaded, so a
/// section that does not decode is a bug in the codec, not damage: it stops the program.
struct MembershipSections: MembershipSectionDecoder, Sendable {
    let reader: ByteReader
    /// Each organization's two sections: its member-count steps, then its memberships.
    let sections: [(steps: Range<Int>, memberships: Range<Int>)]
    var values: SnapshotValues

    mutating func decode(_ index: Int) -> OrganizationMemberships {
        let section = sections[index].memberships
        var reader = reader.moved(to: section.lowerBound)
        do {
            let memberships = try ProjectionsCodec.memberships(
                &reader, values: &values, end: section.upperBound, steps: decodeMemberCountSteps(index))
            reader.release(section)
            return memberships
        } catch {
            preconditionFailure("a snapshot section that passed its SHA-256 check does not decode (organization \(index))")
        }
    }

    mutating func decodeMemberCountSteps(_ index: Int) -> (days: [Int32], counts: [Int32]) {
        let section = sections[index].steps
        var reader = reader.moved(to: section.lowerBound)
        do {
            return try ProjectionsCodec.memberCountSteps(&reader, end: section.upperBound)
        } catch {
            preconditionFailure("a snapshot section that passed its SHA-256 check does not decode (organization \(index))")
        }
    }
}
