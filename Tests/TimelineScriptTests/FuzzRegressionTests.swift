import Foundation
import Testing
import TimelineScript
import TimelineTestSupport

/// Every input the fuzzer kept for the language front end (`Fuzz/corpus/script`, including any
/// that once crashed) parses to diagnostics, within the caps, without crashing.
@Suite("Fuzz regressions: scripts")
struct ScriptFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/script").path

    @Test("the kept inputs parse without crashing")
    func corpus() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory)) ?? []
        #expect(!files.isEmpty, "no fuzz corpus at \(Self.directory)")
        for file in files {
            let text = String(decoding: readBytes(Self.directory + "/" + file), as: UTF8.self)
            let (_, diagnostics) = Parser.parse(SourceFile(name: file, text: text))
            #expect(diagnostics.count <= Parser.maximumDiagnostics)
        }
    }
}
