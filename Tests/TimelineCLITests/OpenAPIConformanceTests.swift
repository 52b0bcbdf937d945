import Foundation
import Testing
import TimelineTestSupport

/// The live server answers as its OpenAPI document says: schemathesis (from PyPI, pinned in
/// `scripts/check-openapi`) sends every operation its examples, boundary values and generated
/// cases, and checks statuses, content types, schemas and headers.
///
/// Runs when CI is set (where it must pass) or when `TIMELINE_OPENAPI_CHECK=1`; its first run
/// makes a private Python environment, which takes a minute.
@Suite(
    "OpenAPI document against the live server",
    .enabled(
        if: ProcessInfo.processInfo.environment["CI"] == "true" || ProcessInfo.processInfo.environment["TIMELINE_OPENAPI_CHECK"] == "1"))
struct OpenAPIConformanceTests {
    @Test("schemathesis finds no answer that contradicts the document, on a server with appends on and one with them off")
    func schemathesis() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let before = readBytes(log)
        let token = scratch.file("token")
        _ = writeBytes(Array("openapi-check-token-0123456789\n".utf8), to: token)
        chmod(token, 0o600)
        for arguments in [["--token-file", token], []] {
            let server = try ServeProcess(log: log, arguments: arguments)
            // schemathesis's report goes to a file: a pipe read one stream at a time could fill.
            let report = scratch.file("report.txt")
            let check = try runProduct(
                "/bin/bash", ["-c", "\"$0\" \"$1\" > \"$2\" 2>&1", packageRoot + "/scripts/check-openapi", server.url, report])
            server.stop()
            let text = String(decoding: readBytes(report), as: UTF8.self)
            #expect(check.status == 0, "scripts/check-openapi \(arguments):\n\(text.suffix(8000))")
        }
        #expect(readBytes(log) == before, "the check changed the log")
    }
}
