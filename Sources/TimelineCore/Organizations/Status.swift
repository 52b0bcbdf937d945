/// A rung of an organization's status ladder, such as `dialogue-partner`, `observer` or `member`.
///
/// Statuses are lower-case words joined by `-`; `dialogue_partner` and `Dialogue Partner` are
/// read as `dialogue-partner`.
public struct Status: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalized name, `dialogue-partner`.
    public let rawValue: String

    /// A status from user text, or `nil` if it contains anything but letters, digits, spaces,
    /// `-` and `_`.
    public init?(_ text: String) {
        var name = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if scalar == "-" || scalar == "_" || scalar == " " {
                if !name.isEmpty && !name.hasSuffix("-") { name.append("-") }
            } else {
                return nil
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        guard !name.isEmpty else { return nil }
        rawValue = name
    }

    /// Orders statuses alphabetically by name (not by rank, which belongs to a ladder).
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The normalized name as answers show it: `dialogue-partner`.
    public var description: String { rawValue }
}
