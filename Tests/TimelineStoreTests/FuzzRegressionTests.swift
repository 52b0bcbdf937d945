import Foundation
import Testing
import TimelineStore
import TimelineTestSupport

/// Every input the fuzzer kept for the log reader (`Fuzz/corpus/log`, including any that once
/// crashed) is scanned into records, a torn tail or damage, without crashing.
@Suite("Fuzz regressions: logs")
struct LogFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/log").path

    @Test("the kept inputs scan without crashing")
    func corpus() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory)) ?? []
        #expect(!files.isEmpty, "no fuzz corpus at \(Self.directory)")
        for file in files {
            let bytes = readBytes(Self.directory + "/" + file)
            let scan = LogScanner.scan(bytes)
            #expect(scan.records.count <= bytes.filter { $0 == 0x0A }.count)
        }
    }
}
