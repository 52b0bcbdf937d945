import Foundation

/// Where a fact comes from: a citation (outlet, title, date) and optionally its address.
///
/// Provenance is mandatory: an event without a source is refused.
public struct Source: Hashable, Sendable, CustomStringConvertible {
    /// The citation as written: "Reuters, 'Belarus joins SCO', 2024-07-04".
    public let citation: String
    /// A URL for the citation, if one was given separately.
    public let url: String?

    /// A source; `nil` when the citation is empty or only spaces.
    public init?(citation: String, url: String? = nil) {
        let trimmed = citation.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.citation = trimmed
        let cleanURL = url?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.url = (cleanURL?.isEmpty ?? true) ? nil : cleanURL
    }

    public var description: String { url.map { "\(citation) <\($0)>" } ?? citation }
}
