/// What Tab offers: candidates that replace the last `replacing` characters before the cursor.
///
/// One candidate completes; several complete their common prefix and are listed.
public struct Completion: Equatable, Sendable {
    /// How many characters before the cursor the candidates replace.
    public let replacing: Int
    /// The full texts that may stand there.
    public let candidates: [String]
    /// Appended after a unique candidate (a space, so the next word can follow).
    public let suffix: String
    /// How many characters after the cursor a unique candidate also replaces (a closing quote
    /// or a space already there).
    public let replacingAfter: Int

    /// A completion replacing `replacing` characters before the cursor and, when there is one
    /// candidate, `replacingAfter` after it.
    public init(replacing: Int, candidates: [String], suffix: String = " ", replacingAfter: Int = 0) {
        self.replacing = replacing
        self.candidates = candidates
        self.suffix = suffix
        self.replacingAfter = replacingAfter
    }

    /// The edit to make: characters to delete before and after the cursor, text to insert, and
    /// a listing to show.
    public var answer: (delete: Int, deleteAfter: Int, insert: String, listing: String)? {
        let unique = Array(Set(candidates)).sorted()
        guard !unique.isEmpty else { return nil }
        if unique.count == 1 { return (replacing, replacingAfter, unique[0] + suffix, "") }
        let prefix = Completion.commonPrefix(unique)
        let listing = Completion.columns(unique, width: 80)
        return (prefix.count >= replacing ? replacing : 0, 0, prefix.count >= replacing ? prefix : "", listing)
    }

    /// The longest common prefix, ignoring case differences after the first differing letter.
    static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let characters = Array(text)
            var length = 0
            while length < prefix.count, length < characters.count, prefix[length] == characters[length] { length += 1 }
            prefix = Array(prefix[0..<length])
        }
        return String(prefix)
    }

    /// Candidates laid out in columns.
    static func columns(_ items: [String], width: Int) -> String {
        let cell = (items.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var index = 0
        while index < items.count {
            let row = items[index..<min(index + perLine, items.count)]
            lines.append(row.map { $0 + String(repeating: " ", count: max(0, cell - $0.count)) }.joined().trimmingWhitespace)
            index += perLine
        }
        return lines.joined(separator: "\n")
    }
}
