/// A country name or code that the registry does not know, with the nearest known names.
public struct CountryLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the user wrote.
    public let text: String
    /// The nearest names or codes, best first (at most three).
    public let suggestions: [String]

    /// The error for `text`, offering `suggestions` (best first).
    public init(text: String, suggestions: [String]) {
        self.text = text
        self.suggestions = suggestions
    }

    /// The message as the user reads it: `unknown country "Belrus": expected an ISO 3166 code …`, then
    /// the suggestions, if any.
    public var description: String {
        var message = "unknown country \"\(text)\": expected an ISO 3166 code (such as BLR) or a country name"
        if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        return message
    }
}
