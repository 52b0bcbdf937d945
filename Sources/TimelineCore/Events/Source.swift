import Foundation

/// Where a fact comes from: a citation (outlet, title, date) and optionally its address.
///
/// Provenance is mandatory: an event without a source is refused.
public struct Source: Hashable, Sendable, CustomStringConvertible {
    /// The citation as written: "Reuters, 'Belarus joins SCO', 2024-07-04".
    public let citation: String
    /// A URL for the citation, if one was given separately.
    public var url: String? {
        guard case .url(let url)? = storedURL else { return nil }
        return url
    }
    // Boxed: few sources have a URL, and every record of a large log holds a source.
    private let storedURL: BoxedURL?

    private enum BoxedURL: Hashable, Sendable {
        indirect case url(String)
    }

    /// A source; `nil` when the citation is empty or only spaces.
    public init?(citation: String, url: String? = nil) {
        let trimmed = Source.trimmed(citation)
        guard !trimmed.isEmpty else { return nil }
        self.citation = trimmed
        let cleanURL = url.map(Source.trimmed)
        self.storedURL = (cleanURL?.isEmpty ?? true) ? nil : cleanURL.map(BoxedURL.url)
    }

    /// The text without surrounding white space; the text itself (no copy) when it has none, as
    /// every citation read back from a log does.
    private static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The citation as answers show it, followed by the URL in angle brackets when there is one.
    public var description: String { url.map { "\(citation) <\($0)>" } ?? citation }
}
