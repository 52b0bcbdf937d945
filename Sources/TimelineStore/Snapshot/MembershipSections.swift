import TimelineCore

/// Decodes a snapshot's organizations one by one, as queries first ask for them
/// (`MembershipTable` calls it under its lock), and gives back each section's memory once read.
///
/// The snapshot's bytes were checked whole against their SHA-256 when it was loaded, so a
/// section that does not decode is a bug in the codec, not damage: it stops the program.
struct MembershipSections: MembershipSectionDecoder, Sendable {
    let reader: ByteReader
    let sections: [Range<Int>]
    var values: SnapshotValues

    mutating func decode(_ index: Int) -> OrganizationMemberships {
        let section = sections[index]
        var reader = reader.moved(to: section.lowerBound)
        do {
            let memberships = try ProjectionsCodec.memberships(&reader, values: &values, end: section.upperBound)
            reader.release(section)
            return memberships
        } catch {
            preconditionFailure("a snapshot section that passed its SHA-256 check does not decode (organization \(index))")
        }
    }
}
