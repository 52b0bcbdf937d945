/// The words the language gives a meaning to, found once by the lexer (in any case) so that the
/// parser compares a byte rather than a string: statement keywords, query verbs and clauses,
/// pipeline stages, operators and the words of appends.
///
/// A word that is none of these (an organization, a country, a variable) has no keyword; the
/// parser reads its text from the source when it needs it.
public enum Keyword: UInt8, CaseIterable, Sendable {
    // Statements.
    case `let`, `for`, `in`, `if`, `else`, print, append, `import`, begin, commit, rollback
    // Query verbs (those of `QueryVerb`) and their clauses.
    case members, roster, status, memberships, history, summits, statements, milestones, orgs, diff, why, replay, chart, export
    case verify, head
    case at, from, to, step, svg, html, into, known, seq, by, events, intervals
    // Pipeline stages.
    case `where`, sort, select, count, first, last, desc, asc
    // Operators and literals.
    case union, except, intersect, or, and, not, `true`, `false`
    // Appends.
    case also, on, source, url

    /// The keyword as written in lower case: `members`.
    public var text: String { Self.texts[Int(rawValue)] }

    private static let texts: [String] = allCases.map { String(describing: $0) }

    /// The keywords by length and first letter, with their bytes: a word is matched against the
    /// few of its length and initial, found by indexing rather than hashing (the lexer asks for
    /// every word of a script). Slot `length * 32 + initial % 32`.
    private static let candidates: [[(bytes: [UInt8], keyword: Keyword)]] = {
        var table = [[(bytes: [UInt8], keyword: Keyword)]](repeating: [], count: (longest + 1) * 32)
        for keyword in allCases {
            let bytes = Array(keyword.text.utf8)
            table[bytes.count * 32 + Int(bytes[0] & 0x1F)].append((bytes, keyword))
        }
        return table
    }()

    private static let longest = allCases.map(\.text.utf8.count).max() ?? 0

    /// The keyword `bytes` spell in any mix of cases, if any.
    static func find(_ bytes: ArraySlice<UInt8>) -> Keyword? {
        guard bytes.count <= longest, let first = bytes.first else { return nil }
        for candidate in candidates[bytes.count * 32 + Int(first & 0x1F)] {
            var matches = true
            var index = bytes.startIndex
            for expected in candidate.bytes {
                // Keywords are ASCII letters: OR-ing 0x20 lowers a capital and leaves a small one.
                if bytes[index] | 0x20 != expected {
                    matches = false
                    break
                }
                index += 1
            }
            if matches { return candidate.keyword }
        }
        return nil
    }
}
