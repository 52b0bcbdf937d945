import TimelineCore

/// What Tab should offer at a point in a statement, from the language's grammar and the log's
/// contents: keywords at the start, organization ids where an organization is expected, country
/// codes and names (quoted when they have spaces) where a country is, the statuses of that
/// organization's ladder, event types after `append`, clause keywords, files after `.read`.
public struct CompletionEngine {
    /// A suggestion: candidates replacing the last `replacing` characters before the cursor.
    public struct Suggestion: Equatable, Sendable {
        /// How many characters before the cursor the candidates replace.
        public let replacing: Int
        /// The completions to offer, quoted when they contain spaces; empty when nothing fits.
        public let candidates: [String]
        /// Appended after a unique candidate: a space, or nothing after a directory.
        public let suffix: String
        /// How many characters after the cursor a unique candidate also replaces: a closing
        /// quote already typed there, and a space already there that the suffix would double.
        public internal(set) var replacingAfter = 0
    }

    let timeline: Timeline?
    let registry: CountryRegistry
    let listDirectory: (String) -> [(name: String, isDirectory: Bool)]

    /// - Parameter listDirectory: the entries of a directory (injected: the library does no I/O).
    public init(
        timeline: Timeline?, registry: CountryRegistry = .standard, listDirectory: @escaping (String) -> [(name: String, isDirectory: Bool)]
    ) {
        self.timeline = timeline
        // The countries of the log: the registry with the states its events introduce.
        self.registry = timeline.map { $0.registry.introduced.isEmpty ? registry : registry.adding($0.registry.introduced) } ?? registry
        self.listDirectory = listDirectory
    }

    /// What may start a statement: the statement keywords, the REPL's transaction words, and
    /// every query verb.
    static let statementStarts =
        ["let", "for", "if", "print", "append", "begin", "commit", "rollback"] + QueryVerb.allCases.map(\.rawValue)
    /// The REPL's dot-commands.
    public static let dotCommands = [".help", ".read", ".format", ".pager", ".timer", ".cite", ".log", ".quit"]

    /// The suggestion for the text before the cursor, given the text after it: a unique
    /// candidate takes the place of a closing quote already typed after the cursor, and its
    /// suffix of a space already there, so that completing `status Saudi A` in
    /// `status Saudi A in SCO` gives `status "Saudi Arabia" in SCO`, one space before `in`.
    public func complete(_ before: String, after: String) -> Suggestion {
        var suggestion = complete(before)
        guard let candidate = suggestion.candidates.first, Set(suggestion.candidates).count == 1 else { return suggestion }
        var rest = Substring(after)
        if candidate.hasSuffix("\""), rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            suggestion.replacingAfter += 1
        }
        if !suggestion.suffix.isEmpty, rest.hasPrefix(suggestion.suffix) { suggestion.replacingAfter += suggestion.suffix.count }
        return suggestion
    }

    /// The suggestion for the text before the cursor.
    public func complete(_ before: String) -> Suggestion {
        let (words, partial, quoted, lastQuoted) = Self.split(before)
        // Right after a closing quote the word is whole: Tab only adds the space after it.
        if !quoted, partial.isEmpty, lastQuoted, before.hasSuffix("\""), let last = words.last {
            return Suggestion(replacing: last.count + 2, candidates: ["\"" + last + "\""], suffix: " ")
        }
        let lowered = words.map { $0.lowercased() }
        func offer(_ candidates: [String], replacing: String = partial, suffix: String = " ") -> Suggestion {
            let key = replacing.lowercased()
            let matches = candidates.filter { $0.lowercased().hasPrefix(key) }
            return Suggestion(
                replacing: replacing.count + (quoted ? 1 : 0), candidates: matches.map { quoted || $0.contains(" ") ? "\"\($0)\"" : $0 },
                suffix: suffix)
        }
        guard let first = lowered.first else {
            return partial.hasPrefix(".") ? offer(Self.dotCommands) : offer(Self.statementStarts)
        }
        switch first {
        case ".read", ".log": return files(partial)
        case ".format": return offer(OutputFormat.names)
        case ".timer", ".cite", ".pager": return offer(["on", "off"])
        case ".help": return offer(HelpTopics.names)
        default: break
        }
        // After `intersect`, `union` or `except`: another query, completed on its own.
        if let rest = Self.afterSetOperator(before) {
            if !rest.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) { return offer(QueryVerb.allCases.map(\.rawValue)) }
            return complete(rest)
        }
        // Inside a pipeline: the verbs after a "|".
        if lowered.last == "|" { return offer(["where", "sort", "select", "count", "first", "last"]) }
        if lowered.last == "known" { return offer(["at"]) }
        if lowered.suffix(2) == ["known", "at"] { return offer(["seq"]) }
        if first == "append" {
            return completeAppend(words: Array(words.dropFirst()), partial: partial, make: { offer($0, replacing: $1, suffix: $2) })
        }
        let position = words.count  // the index of the word being typed
        guard let verb = QueryVerb(rawValue: first) else { return Suggestion(replacing: 0, candidates: [], suffix: " ") }
        switch verb.subject {
        case .organization, .organizationAndTwoDates, .optionalOrganization:
            if position == 1 { return offer(organizations) }
            // The same clause words after every verb that names an organization first.
            return offer(["at", "from", "to", "known"] + Self.setOperatorWords(verb))
        case .countryInOrganization:
            if position == 1 { return countries(partial: partial, words: [], quoted: quoted) }
            if let inIndex = lowered.firstIndex(of: "in") {
                if position == inIndex + 1 { return offer(organizations) }
                return offer(Self.clauseWords(verb) + Self.setOperatorWords(verb))
            }
            if let names = unquotedCountryName(words: words, partial: partial, lastQuoted: lastQuoted, quoted: quoted) { return names }
            return offer(["in"])
        case .country:
            if position == 1 { return countries(partial: partial, words: [], quoted: quoted) }
            if let names = unquotedCountryName(words: words, partial: partial, lastQuoted: lastQuoted, quoted: quoted) { return names }
            return offer(Self.clauseWords(verb))
        case .countryOrOrganization, .optionalCountryOrOrganization:
            if position == 1 { return offer(organizations + countryWords(partial)) }
            return offer(Self.clauseWords(verb) + Self.setOperatorWords(verb))
        case .none where !verb.clauses.isEmpty:
            return offer(Self.clauseWords(verb))
        case .none, .exportKind:
            return Suggestion(replacing: 0, candidates: [], suffix: " ")
        }
    }

    /// `intersect`, `union` and `except` after a query whose answer has a `country` column to
    /// match rows by.
    static func setOperatorWords(_ verb: QueryVerb) -> [String] {
        switch verb {
        case .members, .roster, .status, .history, .diff, .statements: return SetOperator.allCases.map(\.rawValue)
        default: return []
        }
    }

    /// The text after the last `intersect`, `union` or `except` that follows a query (outside
    /// quotes), or `nil` when there is none: what Tab completes as a query of its own.
    static func afterSetOperator(_ text: String) -> String? {
        var inQuotes = false
        var word = ""
        var wordStart = text.startIndex
        var cut: String.Index?
        var index = text.startIndex
        while index <= text.endIndex {
            let character: Character? = index < text.endIndex ? text[index] : nil
            if let character, character == "\"" { inQuotes.toggle() }
            if let character, !inQuotes, !character.isWhitespace, character != "(" {
                if word.isEmpty { wordStart = index }
                word.append(character)
            } else {
                // A whole word, followed by a space: an operator only after something.
                if character != nil, SetOperator(rawValue: word.lowercased()) != nil, wordStart > text.startIndex {
                    cut = text.index(after: index)
                }
                word = ""
            }
            if index == text.endIndex { break }
            index = text.index(after: index)
        }
        return cut.map { String(text[$0...]) }
    }

    /// The clause words a verb takes, then `known` when it applies.
    static func clauseWords(_ verb: QueryVerb) -> [String] {
        verb.clauses.map(\.rawValue) + (verb.acceptsKnownAt ? ["known"] : [])
    }

    private var organizations: [String] { (timeline?.organizations.keys.map(\.rawValue) ?? []).sorted() }

    /// Codes and names of countries starting with the partial text (none for an empty one: 280
    /// names help nobody).
    private func countryWords(_ partial: String) -> [String] {
        guard !partial.isEmpty else { return [] }
        let key = NameKey.of(partial)
        var words: [String] = []
        for country in registry.countries {
            if country.alpha3.hasPrefix(partial.uppercased()) { words.append(country.alpha3) }
            words.append(contentsOf: Self.names(of: country).filter { NameKey.of($0).hasPrefix(key) })
        }
        return words
    }

    /// The names a country can be typed by: its name and its aliases (not the inverted ISO forms).
    static func names(of country: Country) -> [String] {
        [country.name] + country.otherNames.filter { !$0.contains(",") }
    }

    /// The countries a name with spaces may be, typed without quotes after the verb (`Saudi A`):
    /// `nil` when no such name begins with the words typed (a quoted name is whole).
    private func unquotedCountryName(words: [String], partial: String, lastQuoted: Bool, quoted: Bool) -> Suggestion? {
        let typed = Array(words.dropFirst())
        let key = NameKey.of((typed + [partial]).joined(separator: " "))
        guard !lastQuoted,
            registry.countries.contains(where: { Self.names(of: $0).contains { $0.contains(" ") && NameKey.of($0).hasPrefix(key) } })
        else { return nil }
        return countries(partial: partial, words: typed, quoted: quoted)
    }

    /// Countries, where the name being typed may already span several words (`United Ar`).
    private func countries(partial: String, words: [String], quoted: Bool) -> Suggestion {
        let phrase = (words + [partial]).joined(separator: " ")
        let key = NameKey.of(phrase)
        var candidates: [String] = []
        if !phrase.isEmpty {
            for country in registry.countries {
                if words.isEmpty, country.alpha3.hasPrefix(phrase.uppercased()) { candidates.append(country.alpha3) }
                candidates.append(contentsOf: Self.names(of: country).filter { NameKey.of($0).hasPrefix(key) })
            }
        }
        let replaced = phrase.count + (quoted ? 1 : 0)
        return Suggestion(replacing: replaced, candidates: candidates.map { $0.contains(" ") || quoted ? "\"\($0)\"" : $0 }, suffix: " ")
    }

    private func completeAppend(words: [String], partial: String, make: ([String], String, String) -> Suggestion) -> Suggestion {
        func offer(_ candidates: [String]) -> Suggestion { make(candidates, partial, " ") }
        guard let typeWord = words.first else { return offer(EventKind.allCases.map(\.rawValue)) }
        guard let kind = EventKind(rawValue: typeWord.lowercased()) else { return offer([]) }
        let form = kind.appendForm
        let arguments = Array(words.dropFirst())
        let clauses = form.clauses
        // Inside a clause: its values.
        if let clauseIndex = arguments.lastIndex(where: { Parser.appendClauses.contains($0.lowercased()) }) {
            let clause = arguments[clauseIndex].lowercased()
            let given = arguments.count - clauseIndex - 1
            switch clause {
            case "founders": return offer(countryWords(partial) + clauses)
            case "into" where kind == .breakup: return offer(countryWords(partial) + (given == 0 ? [] : clauses))
            case "host", "country", "from", "into": return given == 0 ? offer(countryWords(partial)) : offer(clauses)
            case "org", "predecessor": return given == 0 ? offer(organizations) : offer(clauses)
            case "change": return given == 0 ? offer(StatusChange.allCases.map(\.rawValue)) : offer(clauses)
            case "status", "as": return given == 0 ? offer(statuses(of: arguments.first)) : offer(clauses)
            default: return given == 0 ? offer([]) : offer(clauses)
            }
        }
        let position = arguments.count
        let roles = form.positional
        if position < roles.count {
            switch roles[position] {
            case .org: return kind == .founding ? offer([]) : offer(organizations)
            case .country, .optionalCountry: return offer(countryWords(partial) + (roles[position] == .optionalCountry ? clauses : []))
            case .status, .statuses: return offer(statuses(of: arguments.first))
            case .countries: return offer(countryWords(partial))
            default: return offer([])
            }
        }
        if roles.last == .statuses { return offer(statuses(of: arguments.first) + clauses) }
        if roles.last == .countries { return offer(countryWords(partial) + clauses) }
        return offer(clauses)
    }

    /// The statuses an organization's ladder has had: at its founding and after every change,
    /// since appends may be about any date.
    private func statuses(of org: String?) -> [String] {
        guard let org, let organization = try? timeline?.resolveOrganization(org) else { return [] }
        var statuses: [String] = []
        for ladder in [organization.foundingLadder] + organization.ladderChanges.map(\.ladder) {
            for rung in ladder.rungs where !statuses.contains(rung.rawValue) { statuses.append(rung.rawValue) }
        }
        return statuses
    }

    private func files(_ partial: String) -> Suggestion {
        let unquoted = partial.hasPrefix("\"") ? String(partial.dropFirst()) : partial
        let slash = unquoted.lastIndex(of: "/")
        let directory = slash.map { String(unquoted[...$0]) } ?? ""
        let prefix = slash.map { String(unquoted[unquoted.index(after: $0)...]) } ?? unquoted
        let entries = listDirectory(directory.isEmpty ? "." : directory).filter {
            $0.name.hasPrefix(prefix) && !$0.name.hasPrefix(".") || (prefix.hasPrefix(".") && $0.name.hasPrefix(prefix))
        }
        let candidates = entries.map { directory + $0.name + ($0.isDirectory ? "/" : "") }
        let onlyDirectory = entries.count == 1 && entries[0].isDirectory
        return Suggestion(replacing: unquoted.count, candidates: candidates, suffix: onlyDirectory ? "" : " ")
    }

    /// The words before the cursor, the partial word at it, whether it is inside quotes, and
    /// whether the last whole word was quoted.
    static func split(_ text: String) -> (words: [String], partial: String, quoted: Bool, lastQuoted: Bool) {
        var words: [String] = []
        var lastQuoted = false
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        for character in text {
            if inQuotes {
                if character == "\"" {
                    inQuotes = false
                    words.append(current)
                    lastQuoted = true
                    current = ""
                    wasQuoted = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                if !current.isEmpty {
                    words.append(current)
                    lastQuoted = false
                }
                current = ""
                inQuotes = true
                wasQuoted = true
            } else if character == " " || character == "\t" || character == "\n" {
                if !current.isEmpty {
                    words.append(current)
                    lastQuoted = false
                }
                current = ""
            } else if character == "|" || character == ";" || character == "{" || character == "(" {
                if !current.isEmpty { words.append(current) }
                current = ""
                lastQuoted = false
                // A new statement or pipeline stage starts here.
                words = character == "|" ? ["|"] : []
            } else {
                current.append(character)
            }
        }
        return (words, current, inQuotes && wasQuoted, lastQuoted)
    }
}
