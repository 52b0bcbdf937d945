import Foundation
import Testing
import TimelineCore
import TimelineStore

@testable import TimelineScript

@Suite("Lexer")
struct LexerTests {
    func kinds(_ text: String) -> [Lexeme] {
        Lexer.lexemes(SourceFile(name: "t", text: text)).lexemes.filter { $0 != .end }
    }

    @Test("dates, year ranges and arithmetic are told apart")
    func datesAndNumbers() {
        let range = kinds("2001..2025")
        #expect(range == [.number(2001), .symbol(".."), .number(2025)])
        guard case .date(let literal) = kinds("2024-07-03/2024-07-04").first else {
            Issue.record("not a date")
            return
        }
        #expect(literal.date.description == "2024-07-03/2024-07-04")
        if case .date(let qualified) = kinds("2010?").first {
            #expect(qualified.text == "2010?")
        } else {
            Issue.record("2010? is not a date")
        }
        #expect(kinds("2017 - 1") == [.number(2017), .symbol("-"), .number(1)])
        #expect(kinds("x - y") == [.word("x"), .symbol("-"), .word("y")])
    }

    @Test("every symbol, two-byte ones before their first byte alone, and an option-style word")
    func symbols() {
        let all = ["==", "!=", "<=", ">=", "..", "|", ",", "(", ")", "{", "}", "[", "]", "=", "<", ">", "+", "-", "*", "/", ";"]
        #expect(kinds(all.joined(separator: " ")) == all.map { .symbol($0) })
        #expect(kinds("a<=b==c") == [.word("a"), .symbol("<="), .word("b"), .symbol("=="), .word("c")])
        #expect(kinds("<>=") == [.symbol("<"), .symbol(">=")])
        #expect(kinds("chart --svg") == [.word("chart"), .word("--svg")])
        #expect(Lexer.tokenize(SourceFile(name: "t", text: "a ! b")).diagnostics.map(\.id.name) == ["unexpected-character"])
    }

    @Test("statuses with hyphens, names with accents, strings with escapes")
    func wordsAndStrings() {
        #expect(kinds("dialogue-partner Türkiye") == [.word("dialogue-partner"), .word("Türkiye")])
        #expect(kinds(#""a \"quoted\" word\n""#) == [.string("a \"quoted\" word\n")])
        #expect(kinds("a # comment\nb") == [.word("a"), .newline, .word("b")])
        #expect(kinds("a \\\n b") == [.word("a"), .word("b")])
    }

    @Test("keywords are found in any case, and only whole")
    func keywords() {
        for keyword in Keyword.allCases {
            let text = keyword.text
            for spelling in [text, text.uppercased(), text.prefix(1).uppercased() + text.dropFirst()] {
                let tokens = Lexer.tokenize(SourceFile(name: "t", text: spelling)).tokens
                #expect(tokens.first?.keyword == keyword, "\(spelling)")
                #expect(tokens.first?.isWord(keyword) == true)
            }
            // Longer, shorter, or with a digit, the word is a name.
            for other in [text + "s", String(text.dropLast()), text + "2", "x" + text]
            where Keyword.allCases.allSatisfy({ $0.text != other }) {
                #expect(Lexer.tokenize(SourceFile(name: "t", text: other)).tokens.first?.keyword == nil, "\(other)")
            }
        }
        // `--svg` is an option-style word: its keyword that of the rest, yet not the word itself.
        let option = Lexer.tokenize(SourceFile(name: "t", text: "--SVG")).tokens[0]
        #expect(option.keyword == .svg && option.isOption && !option.isWord(.svg))
        #expect(Lexer.tokenize(SourceFile(name: "t", text: "Türkiye members_ at")).tokens.map(\.keyword) == [nil, nil, .at, nil])
    }

    @Test("every word the parser gives a meaning to is a keyword")
    func vocabulary() {
        let texts = Set(Keyword.allCases.map(\.text))
        #expect(texts.count == Keyword.allCases.count)
        let words =
            QueryVerb.allCases.map(\.rawValue) + QueryVerb.Clause.allCases.map(\.rawValue) + SetOperator.allCases.map(\.rawValue)
            + TransactionCommand.allCases.map(\.rawValue) + Parser.statementKeywords + Parser.stageNames + [
                "known", "seq", "by", "events", "intervals",
            ]
        for word in words { #expect(texts.contains(word), "\(word) is not a keyword") }
        for verb in QueryVerb.allCases { #expect(QueryVerb(keyword: Keyword.allCases.first { $0.text == verb.rawValue }!) == verb) }
        for clause in QueryVerb.Clause.allCases {
            #expect(QueryVerb.Clause(keyword: Keyword.allCases.first { $0.text == clause.rawValue }!) == clause)
        }
    }

    @Test("a token is plain bytes: copying one retains nothing")
    func plainTokens() {
        #expect(_isPOD(Token.self))
        #expect(MemoryLayout<Token>.stride <= 32)
    }

    @Test("numbers up to Int.max, and larger ones refused")
    func largeNumbers() {
        #expect(kinds("123456789012345678 9223372036854775807") == [.number(123_456_789_012_345_678), .number(Int.max)])
        let (lexemes, diagnostics) = Lexer.lexemes(SourceFile(name: "t", text: "9223372036854775808"))
        #expect(lexemes.first == .number(0))
        #expect(diagnostics.map(\.id.name) == ["number-too-large"])
    }

    @Test("a long script's strings and dates stay right as the parser forgets the tokens before them")
    func literalsOfALongScript() {
        let lines = (0..<3_000).map { "print \"s\($0)\", \(1000 + $0 % 1000)-01-\(String(format: "%02d", 1 + $0 % 28))" }
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: lines.joined(separator: "\n")))
        #expect(diagnostics.isEmpty)
        #expect(program.statements.count == lines.count)
        for (index, statement) in program.statements.enumerated() {
            guard case .print(let values) = statement.kind, values.count == 2, case .string(let text) = values[0].kind,
                case .date(let date) = values[1].kind
            else {
                Issue.record("statement \(index) is not a print of a string and a date")
                return
            }
            #expect(text == "s\(index)")
            #expect(date.text == "\(1000 + index % 1000)-01-\(String(format: "%02d", 1 + index % 28))")
        }
    }

    @Test("lexical errors carry their id and byte range")
    func errors() {
        // Strings may span lines, so an unclosed one runs to the end of the input.
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "print 1 \nmembers SCO at 2024-13-01 @ \"open"))
        #expect(diagnostics.map(\.id.name) == ["invalid-date", "unexpected-character", "unterminated-string"])
        // The date's error points at the month: byte 29 of the text.
        #expect(diagnostics[0].range == 29..<34)
        #expect(diagnostics[1].range == 35..<36)
        #expect(diagnostics[2].range == 37..<38)
    }
}

@Suite("Parser")
struct ParserTests {
    @Test("one run reports every syntax error, each at its statement")
    func recovery() {
        let source = SourceFile(name: "t.tl", text: "members SCO at\nprint 1\nlet = 2\nroster SCO | wher x\nfor x in [1] { print x")
        let (program, diagnostics) = Parser.parse(source)
        #expect(diagnostics.map(\.id.name) == ["expected-value", "expected-name", "unknown-stage", "unterminated-block"])
        #expect(diagnostics.map { source.location(of: $0.range.lowerBound).line } == [1, 3, 4, 5])
        #expect(program.statements.count == 1)  // print 1
    }

    @Test("10,000 nested parentheses are one error, not a crash")
    func deepNesting() {
        let text = "print " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let (_, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        #expect(diagnostics.map(\.id.name) == ["too-deep"])
        let blocks = String(repeating: "if true { ", count: 5_000)
        let nested = Parser.parse(SourceFile(name: "t", text: blocks)).diagnostics
        #expect(nested.contains { $0.id == ParserMessage.tooDeepID })
        #expect(nested.count <= Parser.maximumDiagnostics)
    }

    @Test("query keywords are column names where no subject follows")
    func keywordsAsColumns() {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: "roster SCO | where status == partner | sort status desc"))
        #expect(diagnostics.isEmpty)
        guard case .expression(let expression)? = program.statements.first?.kind, case .pipeline(_, let stages) = expression.kind else {
            Issue.record("not a pipeline")
            return
        }
        #expect(stages.count == 2)
    }

    @Test("appends split positional values from clauses")
    func appendShape() {
        let (program, diagnostics) = Parser.parse(
            SourceFile(name: "t", text: "append reclassify SCO observer dialogue-partner as partner on 2025-09-01 source \"x\""))
        #expect(diagnostics.isEmpty)
        guard case .append(let append)? = program.statements.first?.kind else {
            Issue.record("not an append")
            return
        }
        #expect(append.type == "reclassify")
        #expect(append.positional.count == 3)
        #expect(append.clauses.map(\.keyword) == ["as", "on", "source"])
    }
}

@Suite("Values")
struct ValueTests {
    @Test("dates compare by their bounds: after means entirely after")
    func dateComparison() throws {
        let april = Value.date(try EDTFDate.parse("2010-04"))
        #expect(april.compare(">", .number(2010)) == false)
        #expect(april.compare("<", .number(2011)) == true)
        #expect(april.compare(">=", .number(2010)) == true)
        #expect(Value.date(try EDTFDate.parse("2011-01-01")).compare(">", .number(2010)) == true)
        #expect(april.equals(.string("2010-04")) == true)
        #expect(Value.string("a").compare("<", .number(1)) == nil)
    }
}

@Suite("Input caps")
struct InputCapTests {
    @Test("a script over 16 MB is refused with a clear error, before parsing")
    func tooLarge() {
        let text = String(repeating: "print 1\n", count: (16 << 20) / 8 + 1)
        let interpreter = Interpreter(log: InMemoryEventLog(), today: CivilDay(year: 2025, month: 1, day: 1)) { _ in }
        let outcome = interpreter.run(SourceFile(name: "big.tl", text: text))
        #expect(outcome.diagnostics.map(\.id.name) == ["script-too-large"])
        #expect(outcome.diagnostics.first?.message.hasPrefix("the script is 16 MB; scripts may be at most 16 MB") == true)
    }
}
