/// The identifier of an organization, `SCO` or `NATO`: compared without regard to case.
///
/// Identifiers are letters, digits, `-` and `_`, starting with a letter; they are stored in
/// upper case so that `sco` and `SCO` name the same organization.
public struct OrganizationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier in upper case.
    public let rawValue: String

    /// An identifier from user text, or `nil` if the text is not a valid identifier.
    public init?(_ text: String) {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else { return nil }
        rawValue = text.uppercased()
    }

    public static func < (lhs: OrganizationID, rhs: OrganizationID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
