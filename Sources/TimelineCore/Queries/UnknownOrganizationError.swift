/// An organization id or name that no founding event introduced, with the nearest known ones.
public struct UnknownOrganizationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the user wrote.
    public let text: String
    /// The nearest organization ids and names, best first (at most three).
    public let suggestions: [String]

    /// The message as the user reads it: `unknown organization "SOC": no founding event introduces it`,
    /// then the suggestions, if any.
    public var description: String {
        var message = "unknown organization \"\(text)\": no founding event introduces it"
        if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        return message
    }
}
