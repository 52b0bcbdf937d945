/// The identifier of an organization, `SCO` or `NATO`: compared without regard to case.
///
/// Identifiers are letters, digits, `-` and `_`, starting with a letter; they are stored in
/// upper case so that `sco` and `SCO` name the same organization.
public struct OrganizationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier in upper case.
    public let rawValue: String

    /// An identifier from user text, or `nil` if the text is not a valid identifier.
    public init?(_ text: String) {
        guard let first = text.utf8.first, Self.isLetter(first),
            text.utf8.allSatisfy({
                Self.isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "_")
            })
        else { return nil }
        // Identifiers read from a log are upper case already: keep their (shared) storage.
        rawValue = text.utf8.contains(where: { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) ? text.uppercased() : text
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// Orders identifiers alphabetically (they are upper case).
    public static func < (lhs: OrganizationID, rhs: OrganizationID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The identifier as answers show it: `SCO`.
    public var description: String { rawValue }
}
