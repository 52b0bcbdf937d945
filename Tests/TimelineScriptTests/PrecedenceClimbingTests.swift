import Foundation
import Testing
import TimelineTestSupport

@testable import TimelineScript

/// The parser reads binary operators by precedence climbing, in one loop; the simple path reads
/// them one level of precedence at a time (`Parser+LevelChain.swift`). Both must read every
/// script to the same statements and the same errors: the project's scripts, the fuzzer's kept
/// inputs, well-formed expressions built at random from the grammar, and random runs of tokens.
@Suite("Precedence climbing reads what the levels one by one read")
struct PrecedenceClimbingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The program and the errors, as text: every node, name, literal and byte range.
    static func reading(_ text: String, usesLevelChain: Bool) -> String {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t.tl", text: text), usesLevelChain: usesLevelChain)
        return String(reflecting: program) + "\n" + diagnostics.map { "\($0.id.name) \($0.range) \($0.message)" }.joined(separator: "\n")
    }

    /// Whether both paths read `text` alike; records the script when they do not.
    @discardableResult
    static func agree(_ text: String, _ comment: Comment? = nil) -> Bool {
        let climbing = reading(text, usesLevelChain: false)
        let levels = reading(text, usesLevelChain: true)
        #expect(climbing == levels, "\(comment ?? "") read differently: \(text)")
        return climbing == levels
    }

    /// Every script of the project: the examples, the seeds, the corpus, the fixtures and the
    /// fuzzer's kept inputs, each with its folder and name.
    static func projectScripts() -> [(name: String, text: String)] {
        var scripts: [(name: String, text: String)] = []
        for folder in ["Examples", "seeds", "Tests/TimelineScriptTests/Corpus", "Tests/Fixtures", "Fuzz/corpus/script"] {
            let path = root.appendingPathComponent(folder).path
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
            for case let file as String in enumerator where folder.hasPrefix("Fuzz") || file.hasSuffix(".tl") {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    continue
                }
                scripts.append(("\(folder)/\(file)", String(decoding: readBytes(path + "/" + file), as: UTF8.self)))
            }
        }
        return scripts
    }

    /// The texts of `projectScripts()`.
    static func projectScriptTexts() -> [String] { projectScripts().map(\.text) }

    @Test("the examples, the seeds, the corpus and the fuzzer's inputs")
    func projectScripts() throws {
        let scripts = Self.projectScripts()
        for script in scripts { Self.agree(script.text, "\(script.name)") }
        #expect(scripts.count > 200, "only \(scripts.count) scripts found under \(Self.root.path)")
    }

    /// A small deterministic generator (SplitMix64), so a failure is the same on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let operands = [
        "a", "Count", "2001", "0", "2001-06-15", "2010-04?", "\"text\"", "true", "FALSE", "members SCO at 2001", "orgs",
        "count(members SCO at 2001)", "[1, 2]", "year(2001-01-01)", "status", "x.y",
    ]
    static let operators = [
        "union", "except", "intersect", "INTERSECT", "or", "and", "And", "==", "!=", "<", "<=", ">", ">=", "..", "+", "-", "*", "/",
    ]

    /// A well-formed expression of about `depth` levels, with prefixes and parentheses.
    static func expression(_ random: inout Random, depth: Int) -> String {
        if depth == 0 || random.next(4) == 0 { return random.pick(operands) }
        switch random.next(6) {
        case 0: return "not " + expression(&random, depth: depth - 1)
        case 1: return "-" + expression(&random, depth: depth - 1)
        case 2: return "(" + expression(&random, depth: depth - 1) + ")"
        default:
            let separator = random.next(8) == 0 ? "\n" : " "
            return expression(&random, depth: depth - 1) + " " + random.pick(operators) + separator + expression(&random, depth: depth - 1)
        }
    }

    @Test("well-formed expressions built at random from the grammar")
    func wellFormed() {
        var random = Random(state: 2026)
        var clean = 0
        for _ in 0..<3_000 {
            let shape = random.next(4)
            let body = Self.expression(&random, depth: 1 + random.next(6))
            let text =
                switch shape {
                case 0: "print " + body
                case 1: "let v = " + body
                case 2: "roster SCO | where " + body + " | first 2"
                default: "if " + body + " { print 1 }"
                }
            if Self.agree(text), Parser.parse(SourceFile(name: "t", text: text)).diagnostics.isEmpty { clean += 1 }
        }
        // The generator must reach the trees themselves, not only their errors.
        #expect(clean > 1_000, "only \(clean) of 3,000 expressions parsed without errors")
    }

    @Test("random runs of tokens, most of them malformed")
    func tokenSoup() {
        var random = Random(state: 7)
        let fragments = Self.operands + Self.operators + ["not", "=", "(", ")", "[", "]", ",", "|", "\n", ";", "{", "}", "--svg", "at"]
        for _ in 0..<4_000 {
            let count = 1 + random.next(12)
            let text = "print " + (0..<count).map { _ in random.pick(fragments) }.joined(separator: " ")
            Self.agree(text)
        }
    }

    @Test("non-associative operators leave a second one to the statement, which reports it")
    func nonAssociative() {
        for text in ["print 1 == 2 == 3", "print 1..2..3", "print not 1 == 2 == 3", "print 1 < 2 and 3 < 4 < 5", "print a = b"] {
            #expect(Self.agree(text))
            #expect(!Parser.parse(SourceFile(name: "t", text: text)).diagnostics.isEmpty, "\(text) parsed")
        }
    }
}
