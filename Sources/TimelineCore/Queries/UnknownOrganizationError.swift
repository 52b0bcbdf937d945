/// An organization id or name that no founding event introduced, with the nearest known ones.
public struct UnknownOrganizationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let suggestions: [String]

    public var description: String {
        var message = "unknown organization \"\(text)\": no founding event introduces it"
        if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        return message
    }
}
