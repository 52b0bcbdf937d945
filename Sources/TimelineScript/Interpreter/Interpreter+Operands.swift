import TimelineCore

extension Interpreter {
    /// The text of a name-like operand: a variable's value, or the word or string itself.
    func text(of expression: Expression, what: String) throws -> String {
        try text(of: try evaluate(expression), at: expression, what: what)
    }

    /// The text of an operand's value (see `text(of:what:)`).
    private func text(of value: Value, at expression: Expression, what: String) throws -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return String(number)
        default: throw Diagnostic(InterpreterMessage.expectedType(what, found: value.typeName), at: expression.range)
        }
    }

    /// The text of an operand that names something: like `text(of:what:)`, and a row (from a
    /// loop over a table) gives the first of `columns` it has.
    func name(of expression: Expression, what: String, columns: [String]) throws -> String {
        let value = try evaluate(expression)
        guard case .row(let row) = value else { return try text(of: value, at: expression, what: what) }
        guard let name = row.name(from: columns) else {
            throw Diagnostic(
                InterpreterMessage.rowWithoutColumn(what: what, columns: columns, found: row.columns), at: expression.range)
        }
        return name
    }

    /// The columns a row names an organization by.
    static let organizationColumns = ["id", "org"]

    /// The organization an operand names, by id or full name.
    func organization(_ expression: Expression, in timeline: Timeline) throws -> Organization {
        let name = try name(of: expression, what: "an organization", columns: Self.organizationColumns)
        do {
            return try timeline.resolveOrganization(name)
        } catch {
            // Known now but not then: the query asked about the log as it stood earlier.
            if let current = try? self.timeline(), current.records.count != timeline.records.count,
                let later = try? current.resolveOrganization(name)
            {
                let first = current.records.first { $0.payload.organization == later.id }
                let message = InterpreterMessage.notYetRecorded(
                    org: "\(later.id)", records: timeline.records.count, firstRecorded: first?.recordedAt.description ?? "a later time",
                    firstSeq: first?.seq.value ?? 0)
                throw NotYetRecorded(organization: later.id, note: message.message)
            }
            throw Diagnostic(InterpreterMessage.unknownOrganization(reason: error.description), at: expression.range)
        }
    }

    /// The organization an operand names, or `nil` when it names none (it may name a country);
    /// an organization not yet recorded at `known at` is still reported.
    func organizationIfAny(_ expression: Expression, in timeline: Timeline) throws -> Organization? {
        do { return try organization(expression, in: timeline) } catch let notYet as NotYetRecorded { throw notYet } catch { return nil }
    }

    /// The organization an operand names, resolved against projections (those of the log as it
    /// stands, or, with `known at`, through the timeline as it stood then, which explains an
    /// organization not yet recorded).
    func organization(_ expression: Expression, in projections: Projections, known clause: KnownAtClause?) throws -> Organization {
        if clause != nil { return try organization(expression, in: try timeline(known: clause)) }
        let name = try name(of: expression, what: "an organization", columns: Self.organizationColumns)
        do { return try projections.resolveOrganization(name) } catch {
            throw Diagnostic(InterpreterMessage.unknownOrganization(reason: error.description), at: expression.range)
        }
    }

    /// The id of the organization an operand names in the projections of the log as it stands:
    /// `organization(_:in:known:)` without `known at`, and without copying the organization.
    func organizationID(_ expression: Expression, in projections: Projections) throws -> OrganizationID {
        let name = try name(of: expression, what: "an organization", columns: Self.organizationColumns)
        do { return try projections.resolveOrganizationID(name) } catch {
            throw Diagnostic(InterpreterMessage.unknownOrganization(reason: error.description), at: expression.range)
        }
    }

    /// The participant an operand names: a country by code, name or alias, else an
    /// organization of the log taking part in others, by id or name (`memberships EU`).
    func country(_ expression: Expression) throws -> Country {
        let name = try name(of: expression, what: "a country", columns: ["country"])
        do {
            return try registry.resolve(name)
        } catch {
            if let id = try? session.knownOrganization(name), let organization = try? session.projections().organizations[id] {
                return Country(organization: organization)
            }
            throw Diagnostic(InterpreterMessage.unknownCountry(reason: error.description), at: expression.range)
        }
    }

    /// The participant an operand names, as events record it: a country's alpha-3 code (by code,
    /// name or alias), else an organization's id (the EU, "African Union"); after the word
    /// `organization` (`forcedOrganization`), only an organization of the log (`organization AU`).
    func participant(_ expression: Expression, forcedOrganization: Bool = false) throws -> String {
        let name = try name(of: expression, what: "a country", columns: ["country"])
        if !forcedOrganization, let country = registry.lookup(name) { return country.alpha3 }
        if let id = try session.knownOrganization(name) { return id.rawValue }
        if forcedOrganization {
            throw Diagnostic(
                InterpreterMessage.unknownOrganization(reason: "no organization \"\(name)\" has been founded in the log"),
                at: expression.range)
        }
        return try country(expression).alpha3
    }

    /// The participants a list of operands names, where the word `organization` marks the
    /// operand after it as an organization (`founders ARG … USA organization EU`).
    func participants(_ expressions: [Expression]) throws -> [String] {
        var codes: [String] = []
        var forced = false
        for expression in expressions {
            if !forced, Self.isOrganizationMarker(expression) {
                forced = true
                continue
            }
            codes.append(try participant(expression, forcedOrganization: forced))
            forced = false
        }
        if forced, let last = expressions.last {
            throw Diagnostic(
                InterpreterMessage.unknownOrganization(reason: "expected an organization after \"organization\""), at: last.range)
        }
        return codes
    }

    /// Whether an operand is the bare word `organization` (no variable of that name).
    static func isOrganizationMarker(_ expression: Expression) -> Bool {
        if case .name(let word) = expression.kind { return word.lowercased() == "organization" }
        return false
    }

    /// The date an operand gives: a date literal, a year number, EDTF text.
    func date(_ expression: Expression) throws -> EDTFDate {
        let value = try evaluate(expression)
        if case .number(let year) = value, !(0...9999).contains(year) {
            throw Diagnostic(InterpreterMessage.yearOutOfRange(year), at: expression.range)
        }
        if case .string(let text) = value {
            do { return try EDTFDate.parse(text) } catch {
                throw Diagnostic(InterpreterMessage.invalidDateText(reason: error.description), at: expression.range)
            }
        }
        guard let date = value.asDate else {
            throw Diagnostic(InterpreterMessage.expectedDate(found: value.typeName), at: expression.range)
        }
        return date
    }

    /// The day a query asks about: the end of the given date at its precision, or today.
    func queryDay(_ expression: Expression?) throws -> CivilDay {
        guard let expression else { return today }
        return try date(expression).latest
    }

    /// The date conventions a query's `by` clauses name, in order.
    func conventions(of query: Query) throws -> [DateKind] {
        let kinds = try query.conventions.map { expression -> DateKind in
            let word = try text(of: expression, what: "a kind of date")
            guard let kind = DateKind(word: word) else {
                throw Diagnostic(InterpreterMessage.unknownConvention(word), at: expression.range)
            }
            return kind
        }
        let most = query.verb == .diff ? 2 : 1
        if kinds.count > most, let extra = query.conventions.dropFirst(most).first {
            throw Diagnostic(InterpreterMessage.tooManyConventions(verb: query.verb.rawValue, most: most), at: extra.range)
        }
        return kinds
    }

    /// The date convention a query asks under (`by decided`), or `nil` for each event's own date.
    func convention(of query: Query) throws -> DateKind? { try conventions(of: query).first }

    /// The timeline a query reads: as the log stands, or as it stood at `known at`; under the
    /// date convention `convention` when given.
    func timeline(known clause: KnownAtClause?, by convention: DateKind?) throws -> Timeline {
        guard let clause else { return try session.timeline(under: convention) }
        return try timeline(known: clause).under(convention)
    }

    /// The timeline a query reads: as the log stands, or as it stood at `known at`.
    func timeline(known clause: KnownAtClause?) throws -> Timeline {
        let current = try timeline()
        guard let clause else { return current }
        switch clause {
        case .seq(let expression):
            let value = try evaluate(expression)
            guard case .number(let seq) = value, seq >= 0 else {
                throw Diagnostic(InterpreterMessage.knownAtSeqNeedsNumber(found: value.typeName), at: expression.range)
            }
            return current.known(at: .seq(SequenceNumber(seq)))
        case .time(let expression):
            let value = try evaluate(expression)
            let text: String
            switch value {
            case .date(let date): text = date.description
            case .string(let string): text = string
            case .number(let year): text = String(year)
            default: throw Diagnostic(InterpreterMessage.knownAtNeedsTime(found: value.typeName), at: expression.range)
            }
            guard let time = RecordedTime.parse(text, endOfPeriod: true) else {
                throw Diagnostic(InterpreterMessage.invalidKnownTime(text: text), at: expression.range)
            }
            return current.known(at: .recorded(time))
        }
    }
}

/// A query `known at` a point before the log held the organization it asks about: the answer is
/// empty, with a note, so that a loop over recorded times runs through.
struct NotYetRecorded: Error {
    /// The organization, as the log knows it now.
    let organization: OrganizationID
    /// What to tell the user.
    let note: String
}
