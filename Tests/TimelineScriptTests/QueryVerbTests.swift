import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

@Suite("Query verbs and append forms")
struct QueryVerbTests {
    /// The query a statement asks, through a pipeline if there is one.
    static func query(of text: String) -> Query? {
        let (program, _) = Parser.parse(SourceFile(name: "t", text: text))
        guard case .expression(let expression) = program.statements.first?.kind else { return nil }
        switch expression.kind {
        case .query(let query): return query
        case .pipeline(let source, _):
            if case .query(let query) = source.kind { return query }
            return nil
        default: return nil
        }
    }

    @Test("every verb has its help topic and an example that parses as that verb", arguments: QueryVerb.allCases)
    func help(verb: QueryVerb) {
        #expect(!verb.synopsis.isEmpty && !verb.summary.isEmpty && !verb.example.isEmpty)
        #expect(verb.synopsis.hasPrefix(verb.rawValue))
        #expect(HelpTopics.text(verb.rawValue) == verb.helpText)
        #expect(Parser.parse(SourceFile(name: "t", text: verb.example)).diagnostics.isEmpty, "\(verb.example)")
        #expect(Self.query(of: verb.example)?.verb == verb)
    }

    @Test("every verb's example runs against the bundled log")
    func examplesRun() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        #expect(writeBytes(readBytes(CorpusTests.frozenLog), to: log))
        let interpreter = Interpreter(log: FileEventLog(path: log), today: CivilDay(year: 2025, month: 12, day: 31)) { _ in }
        for verb in QueryVerb.allCases {
            let outcome = interpreter.run(SourceFile(name: "t", text: verb.example))
            #expect(outcome.succeeded, "\(verb.example): \(outcome.diagnostics.map(\.message))")
        }
    }

    @Test("each set operator has a help topic whose example parses as that combination", arguments: SetOperator.allCases)
    func setOperatorHelp(op: SetOperator) throws {
        let text = try #require(HelpTopics.text(op.rawValue))
        #expect(text.contains(op.summary))
        let example = try #require(text.split(separator: "\n").last { $0.contains("Example: ") }?.components(separatedBy: "Example: ").last)
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: example))
        #expect(diagnostics.isEmpty)
        guard case .expression(let expression) = program.statements.first?.kind, case .pipeline(let source, _) = expression.kind,
            case .combine(let parsed, _, _) = source.kind
        else {
            Issue.record("\(example) does not parse as a combination in a pipeline")
            return
        }
        #expect(parsed == .intersect)
        // The same form with this operator parses as it.
        let (own, _) = Parser.parse(SourceFile(name: "t", text: "members SCO \(op.rawValue) members SCO at 2017"))
        guard case .expression(let combination) = own.statements.first?.kind, case .combine(let ownOperator, _, _) = combination.kind
        else {
            Issue.record("members SCO \(op.rawValue) … does not parse as a combination")
            return
        }
        #expect(ownOperator == op)
    }

    @Test("intersect binds tighter than union and except, which read left to right")
    func setOperatorPrecedence() throws {
        func shape(_ text: String) -> String {
            func describe(_ expression: Expression) -> String {
                switch expression.kind {
                case .combine(let op, let left, let right): return "(\(describe(left)) \(op.rawValue) \(describe(right)))"
                case .name(let name): return name
                default: return "?"
                }
            }
            guard case .expression(let expression) = Parser.parse(SourceFile(name: "t", text: text)).program.statements.first?.kind
            else { return "" }
            return describe(expression)
        }
        #expect(shape("a union b intersect c") == "(a union (b intersect c))")
        #expect(shape("a intersect b except c") == "((a intersect b) except c)")
        #expect(shape("a except b union c") == "((a except b) union c)")
        #expect(shape("a except b intersect c intersect d") == "(a except ((b intersect c) intersect d))")
    }

    @Test("the parser's query keywords and the help topics come from the verbs, in order")
    func derived() {
        #expect(Parser.queryKeywords == QueryVerb.allCases.map(\.rawValue))
        #expect(Array(HelpTopics.names.prefix(QueryVerb.allCases.count)) == QueryVerb.allCases.map(\.rawValue))
    }

    @Test("completion at the start of a statement offers exactly the statement keywords and the verbs")
    func statementStarts() {
        let engine = CompletionEngine(timeline: nil) { _ in [] }
        let expected = ["let", "for", "if", "print", "append", "begin", "commit", "rollback"] + QueryVerb.allCases.map(\.rawValue)
        #expect(engine.complete("").candidates == expected)
    }

    @Test("a clause a verb does not take ends the query", arguments: QueryVerb.allCases)
    func clauses(verb: QueryVerb) {
        for clause in QueryVerb.Clause.allCases where !verb.clauses.contains(clause) {
            let text = verb.example.split(separator: "|")[0] + " \(clause.rawValue) 2020"
            let ids = Parser.parse(SourceFile(name: "t", text: String(text))).diagnostics.map(\.id.name)
            #expect(ids == ["expected-end"], "\(text)")
        }
    }

    @Test("every event type's form has an example that parses as an append of that type", arguments: EventKind.allCases)
    func appendForms(kind: EventKind) {
        let form = kind.appendForm
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: form.example))
        #expect(diagnostics.isEmpty, "\(form.example)")
        guard case .append(let append) = program.statements.first?.kind else {
            Issue.record("\(form.example) is not an append")
            return
        }
        #expect(append.type == kind.rawValue)
        for clause in append.clauses { #expect(form.clauses.contains(clause.keyword), "\(clause.keyword) in \(form.example)") }
        for required in form.required { #expect(append.clauses.contains { $0.keyword == required }, "\(required) in \(form.example)") }
    }
}
