import Testing
import TimelineCore
import TimelineScript
import TimelineStore

@Suite("Diagnostic catalog")
struct DiagnosticCatalogTests {
    @Test("each category has its exit code; an internal error outranks a failed write, which outranks bad input")
    func exitCodes() {
        #expect([DiagnosticCategory.syntax, .runtime, .refused, .logUnreadable].map(\.exitCode) == [65, 65, 65, 65])
        #expect(DiagnosticCategory.logIO.exitCode == 74)
        #expect(DiagnosticCategory.internal.exitCode == 70)
        let syntax = Diagnostic(ParserMessage.unexpectedBrace, at: 0..<1)
        let write = Diagnostic(unlocated: StoreMessage.appendFailed(StoreError(code: .io, message: "disk full")))
        let failure = Diagnostic(unlocated: InterpreterMessage.internalError("boom"))
        #expect(DiagnosticCategory.exitCode(for: []) == 0)
        #expect(DiagnosticCategory.exitCode(for: [syntax]) == 65)
        #expect(DiagnosticCategory.exitCode(for: [syntax, write]) == 74)
        #expect(DiagnosticCategory.exitCode(for: [write, failure, syntax]) == 70)
    }

    @Test("a store error's category comes from its code; its id keeps the store's code")
    func storeErrors() {
        func append(_ code: StoreError.Code) -> DiagnosticID { StoreMessage.appendFailed(StoreError(code: code, message: "m")).id }
        #expect(append(.io) == DiagnosticID("append-io", category: .logIO))
        #expect(append(.invariant).category == .refused)
        #expect(append(.idConflict) == DiagnosticID("append-id-conflict", category: .refused))
        #expect(append(.corrupt).category == .logUnreadable)
        #expect(append(.locked) == DiagnosticID("append-locked", category: .runtime))
        // A log that cannot be read is bad input, whatever the reason (exit 65, as before).
        let unreadable = StoreMessage.logUnreadable(StoreError(code: .io, message: "Permission denied", path: "x.jsonl"))
        #expect(unreadable.id == DiagnosticID("log-unreadable", category: .logUnreadable))
        #expect(unreadable.message == "x.jsonl: Permission denied")
        #expect(
            StoreMessage.appendRefused(StoreError(code: .idConflict, message: "id abc names other content")).message
                == "id abc names other content")
    }

    @Test("messages keep their stable codes and texts")
    func texts() {
        #expect(LexerMessage.unterminatedString.id == LexerMessage.unterminatedStringID)
        #expect(LexerMessage.nulByte.id == LexerMessage.binaryInputID && LexerMessage.invalidUTF8.id == LexerMessage.binaryInputID)
        #expect(
            ParserMessage.expectedSymbol("=", what: "after the variable name", found: "\"of\"").message
                == "expected \"=\" after the variable name, found \"of\"")
        #expect(ParserMessage.expectedClauseValue(keyword: "on", found: "the end of the line").id.name == "expected-value")
        #expect(InterpreterMessage.missingArgument(function: "join", needed: 2).message == "join(…) needs 2 arguments")
        #expect(
            InterpreterMessage.cannotApply(">", left: "a date", right: "a string", notColumns: [("sinse", "since")]).message
                == "cannot apply \">\" to a date and a string; \"sinse\" is not a column (did you mean \"since\"?)")
        #expect(AppendMessage.missingSource.id == DiagnosticID("missing-source", category: .refused))
        #expect(
            AppendMessage.unexpectedClause(kind: "accession", clause: "host", takes: ["on", "source"]).message
                == "an accession takes no \"host\"; it takes on, source")
        #expect("\(HostMessage.reading(HostError(.notFound, path: "x.csv")).id)" == "missing-file")
        #expect(HostMessage.reading(HostError(.notFound, path: "x.csv")).message == "cannot read x.csv: no such file, or not readable")
    }

    @Test("run-time errors carry their category: a refused append, a type error, a syntax error")
    func categoriesOfRuns() {
        let interpreter = Interpreter(log: InMemoryEventLog(), today: CivilDay(year: 2025, month: 1, day: 1)) { _ in }
        func category(_ text: String) -> DiagnosticCategory? {
            interpreter.run(SourceFile(name: "t", text: text)).diagnostics.first?.id.category
        }
        #expect(category("members SCO at") == .syntax)
        #expect(category("print 1 + \"a\" and true") == .runtime)
        #expect(category("append accession SCO IND on 2017 source \"x\"") == .refused)  // SCO was never founded here
        #expect(category("append accession SCO IND on 2017") == .refused)
    }
}
