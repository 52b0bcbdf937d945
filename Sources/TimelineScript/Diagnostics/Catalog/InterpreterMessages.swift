import TimelineCore

/// The messages of running a script: values of the wrong type, unknown names, dates, functions,
/// pipelines and queries. Type names (`found`) are a value's `typeName`: `a number`, `a table` ….
public enum InterpreterMessage: DiagnosticMessage {
    /// A value of another type where `expected` (a country, a file name …) belongs.
    case expectedType(String, found: String)
    /// An organization the log as it stood then did not hold yet.
    case notYetRecorded(org: String, records: Int, firstRecorded: String, firstSeq: Int)
    /// A name no organization has; `reason` is the domain's message with suggestions.
    case unknownOrganization(reason: String)
    /// A name no country has; `reason` is the domain's message with suggestions.
    case unknownCountry(reason: String)
    /// A name neither a country nor an organization has, with the nearest names.
    case unknownName(String, suggestions: [String])
    /// A number used as a year outside 0…9999.
    case yearOutOfRange(Int)
    /// Text that is not an EDTF date; `reason` says why.
    case invalidDateText(reason: String)
    /// A value that is not a date where a date belongs.
    case expectedDate(found: String)
    /// `known at seq` with something other than a sequence number.
    case knownAtSeqNeedsNumber(found: String)
    /// `known at` with something other than a date or a time.
    case knownAtNeedsTime(found: String)
    /// `known at` with text that is no date or UTC time.
    case invalidKnownTime(text: String)
    /// Ctrl-C stopped the run between statements.
    case interrupted
    /// Ctrl-C stopped a replay.
    case replayInterrupted
    /// An assignment to a variable never declared.
    case undefinedVariable(String)
    /// `for … in` over something that is no list.
    case forNeedsList(found: String)
    /// `if` with a condition that is not true or false.
    case ifNeedsCondition(found: String)
    /// A unary operator on a value it does not apply to.
    case operatorNotApplicable(String, found: String)
    /// `a..b` with bounds that are not whole numbers.
    case rangeNeedsNumbers(from: String, to: String)
    /// `a..b` with more than a million numbers.
    case rangeTooLarge
    /// `and` or `or` with a side that is not true or false; `side` is `left` or `right`.
    case logicalOperand(String, side: String, found: String)
    /// A binary operator on values it does not apply to, with the bare words that are no column.
    case cannotApply(String, left: String, right: String, notColumns: [(name: String, suggestion: String?)])
    /// Division by zero.
    case divisionByZero
    /// A function called with too few arguments.
    case missingArgument(function: String, needed: Int)
    /// `count(…)` of something that has no count.
    case countNeedsCollection(found: String)
    /// `year(…)` of something that is no date.
    case yearNeedsDate(found: String)
    /// `date(…)` of text that is no EDTF date.
    case dateNeedsText(found: String)
    /// `join(…)` of a table of several columns.
    case joinNeedsOneColumn
    /// A function that does not exist, with the nearest one.
    case unknownFunction(String, suggestion: String?)
    /// A table verb after something that is no table.
    case stageNeedsTable(found: String)
    /// A column a table does not have, with the nearest one.
    case unknownColumn(String, columns: [String], suggestion: String?)
    /// `where` with a condition that is not true or false.
    case whereNeedsCondition(found: String)
    /// `first` or `last` with something other than a whole number.
    case rowCountNeedsNumber(found: String)
    /// A chart whose end comes before its start.
    case chartEndsBeforeStart(from: Int, to: Int)
    /// A chart over more years than a chart can draw.
    case chartTooLong(from: Int, to: Int)
    /// `by` with a word that is no kind of date.
    case unknownConvention(String)
    /// More `by` conventions than the verb compares.
    case tooManyConventions(verb: String, most: Int)
    /// `diff ORG D` with one date and no convention to compare.
    case diffNeedsConvention
    /// `export … into FILE` with a file name whose extension says no format.
    case unsupportedExportFile(path: String)
    /// A row (from a loop over a table) where an operand belongs, without a column naming it.
    case rowWithoutColumn(what: String, columns: [String], found: [String])
    /// `intersect`, `union` or `except` with a side that is no table; `side` is `left` or `right`.
    case setOperandNotTable(String, side: String, found: String)
    /// `intersect`, `union` or `except` with a table that has no `country` column to match rows by.
    case setOperandWithoutCountry(String, side: String, columns: [String])
    /// A failure of the program itself.
    case internalError(String)

    /// The message's id: run-time errors, except an internal failure.
    public var id: DiagnosticID {
        switch self {
        case .internalError: return DiagnosticID("internal", category: .internal)
        case .interrupted, .replayInterrupted: return DiagnosticID("interrupted", category: .runtime)
        case .notYetRecorded: return DiagnosticID("not-yet-recorded", category: .runtime)
        case .unknownOrganization: return DiagnosticID("unknown-organization", category: .runtime)
        case .unknownCountry: return DiagnosticID("unknown-country", category: .runtime)
        case .unknownName: return DiagnosticID("unknown-name", category: .runtime)
        case .yearOutOfRange, .invalidDateText, .dateNeedsText: return DiagnosticID("invalid-date", category: .runtime)
        case .invalidKnownTime: return DiagnosticID("invalid-time", category: .runtime)
        case .undefinedVariable: return DiagnosticID("undefined-variable", category: .runtime)
        case .rangeTooLarge: return DiagnosticID("range-too-large", category: .runtime)
        case .divisionByZero: return DiagnosticID("division-by-zero", category: .runtime)
        case .missingArgument: return DiagnosticID("missing-argument", category: .runtime)
        case .unknownFunction: return DiagnosticID("unknown-function", category: .runtime)
        case .unknownColumn: return DiagnosticID("unknown-column", category: .runtime)
        case .chartEndsBeforeStart, .chartTooLong: return DiagnosticID("invalid-range", category: .runtime)
        case .unknownConvention, .tooManyConventions, .diffNeedsConvention: return DiagnosticID("invalid-convention", category: .runtime)
        case .unsupportedExportFile: return DiagnosticID("export-format", category: .runtime)
        case .setOperandWithoutCountry, .rowWithoutColumn: return DiagnosticID("unknown-column", category: .runtime)
        case .expectedType, .expectedDate, .knownAtSeqNeedsNumber, .knownAtNeedsTime, .forNeedsList, .ifNeedsCondition,
            .operatorNotApplicable, .rangeNeedsNumbers, .logicalOperand, .cannotApply, .countNeedsCollection, .yearNeedsDate,
            .joinNeedsOneColumn, .stageNeedsTable, .whereNeedsCondition, .rowCountNeedsNumber, .setOperandNotTable:
            return DiagnosticID("type-error", category: .runtime)
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .expectedType(let what, let found): return "expected \(what), not \(found)"
        case .notYetRecorded(let org, let records, let firstRecorded, let firstSeq):
            return
                "\(org) was not yet in the log as it stood then (\(records) records); its first event was recorded at \(firstRecorded) (seq \(firstSeq))"
        case .unknownOrganization(let reason), .unknownCountry(let reason), .invalidDateText(let reason): return reason
        case .unknownName(let name, let suggestions):
            return "\"\(name)\" is neither a known country nor an organization"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.prefix(3).map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        case .yearOutOfRange(let year): return "\(year) is not a year between 0 and 9999"
        case .expectedDate(let found): return "expected a date (2024-07-04, 2024-07, 2024), not \(found)"
        case .knownAtSeqNeedsNumber(let found): return "known at seq needs a sequence number, not \(found)"
        case .knownAtNeedsTime(let found): return "known at needs a date or a UTC time, not \(found)"
        case .invalidKnownTime(let text):
            return "known at needs a date (2025-03-01) or a UTC time (\"2025-03-01T10:00:00Z\"), not \"\(text)\""
        case .interrupted: return "interrupted"
        case .replayInterrupted: return "replay interrupted"
        case .undefinedVariable(let name): return "\"\(name)\" is not defined; declare it first with let \(name) = …"
        case .forNeedsList(let found): return "for … in needs a list or a range such as 2001..2025, not \(found)"
        case .ifNeedsCondition(let found): return "if needs a condition that is true or false, not \(found)"
        case .operatorNotApplicable(let op, let found): return "\"\(op)\" does not apply to \(found)"
        case .rangeNeedsNumbers(let from, let to): return "a range needs two whole numbers, as in 2001..2025, not \(from) and \(to)"
        case .rangeTooLarge: return "a range may hold at most 1,000,000 numbers"
        case .logicalOperand(let op, let side, let found): return "\"\(op)\" needs true or false on its \(side), not \(found)"
        case .cannotApply(let op, let left, let right, let notColumns):
            var message = "cannot apply \"\(op)\" to \(left) and \(right)"
            for column in notColumns {
                message += "; \"\(column.name)\" is not a column" + (column.suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
            }
            return message
        case .divisionByZero: return "division by zero"
        case .missingArgument(let function, let needed): return "\(function)(…) needs \(needed) argument\(needed == 1 ? "" : "s")"
        case .countNeedsCollection(let found): return "count(…) needs a table, a list or a string, not \(found)"
        case .yearNeedsDate(let found): return "year(…) needs a date, not \(found)"
        case .dateNeedsText(let found): return "date(…) needs EDTF text such as \"2024-07-04\", not \(found)"
        case .joinNeedsOneColumn: return "join(…) needs a list or a table of one column (use select first)"
        case .unknownFunction(let name, let suggestion):
            return "unknown function \"\(name)\"; the functions are count, year, date, join and today"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .stageNeedsTable(let found): return "table verbs need a table on their left, not \(found)"
        case .unknownColumn(let name, let columns, let suggestion):
            return "no column \"\(name)\"; the columns are \(columns.joined(separator: ", "))"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .whereNeedsCondition(let found): return "where needs a condition that is true or false, not \(found)"
        case .rowCountNeedsNumber(let found): return "first and last need a whole number of rows, not \(found)"
        case .chartEndsBeforeStart(let from, let to): return "the chart ends (\(to)) before it starts (\(from))"
        case .chartTooLong(let from, let to):
            return
                "the chart would span \(to - from + 1) years (\(from) to \(to)); a chart draws at most \(SwimlaneChart.maximumYears): give from and to"
        case .unknownConvention(let word):
            return "\"\(word)\" is not a date convention; expected one of \(DateKind.words) (members SCO at 2009-12-31 by decided)"
        case .tooManyConventions(let verb, let most):
            return most == 1
                ? "\(verb) answers under one date convention: by KIND"
                : "\(verb) compares at most two date conventions: by decided effective"
        case .diffNeedsConvention:
            return
                "diff with one date compares two date conventions at it: diff SCO 2009-12-31 by decided (against the default), or by decided effective; between two dates, give both"
        case .unsupportedExportFile(let path): return "export writes .csv, .jsonl or .json files (import reads them back), not \(path)"
        case .rowWithoutColumn(let what, let columns, let found):
            return
                "expected \(what): a row stands for one by its \(columns.map { "\"\($0)\"" }.joined(separator: " or ")) column, and this one has only \(found.joined(separator: ", "))"
        case .setOperandNotTable(let op, let side, let found):
            return "\"\(op)\" needs a table on its \(side) (a query such as members SCO at 2025), not \(found)"
        case .setOperandWithoutCountry(let op, let side, let columns):
            return
                "\"\(op)\" matches rows by their \"country\" column, and the table on its \(side) has none (its columns are \(columns.joined(separator: ", ")))"
        case .internalError(let description): return description
        }
    }
}
