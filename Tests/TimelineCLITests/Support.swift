import Foundation
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The result of running one of the package's executables.
struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The folder holding the built products (next to the test bundle).
let productsDirectory: URL = {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return executable.deletingLastPathComponent()
}()

/// Starts a built executable with arguments, an environment and optional standard input.
func launch(_ product: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Process {
    let process = Process()
    process.executableURL = product.hasPrefix("/") ? URL(fileURLWithPath: product) : productsDirectory.appendingPathComponent(product)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["TIMELINE_LOG"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    return process
}

/// Runs a built executable to completion and collects its output.
func runProduct(
    _ product: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String? = nil
) throws -> ProcessResult {
    let process = try launch(product, arguments, environment: environment, directory: directory)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Runs `timeline` with arguments.
func timeline(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String? = nil) throws
    -> ProcessResult
{
    try runProduct("timeline", arguments, environment: environment, directory: directory, input: input)
}

/// The root of the package (where Events/, seeds/ and Examples/ are).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
/// The bundled log as it stood when the REPL tests were recorded (Tests/Fixtures/README.md).
let frozenLog = packageRoot + "/Tests/Fixtures/frozen-diplomacy.jsonl"
/// How many records the bundled log holds: its lines after the format header. Tests that copy
/// it count from there, so that new history does not re-record them.
let bundledRecordCount: Int = {
    let bytes = readBytes(packageRoot + "/Events/diplomacy.jsonl")
    return bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
}()

/// Runs `timeline` in the package root, on the bundled log unless told otherwise.
func timelineInRoot(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
    try timeline(arguments, environment: environment, directory: packageRoot, input: input)
}

/// A small valid log of two batches: an organization with two founders, then one accession.
func makeLog(at path: String) throws -> AppendReceipt {
    let org = OrganizationID("TST")!
    let source = Source(citation: "test fixture")!
    let founding = NewEvent(
        date: .day(2000, 1, 1),
        payload: .founding(
            Founding(
                org: org, name: "Test Organization", founders: ["CHN", "RUS"],
                ladder: StatusLadder([Status("observer")!, Status("member")!])!)), source: source)
    let accession = NewEvent(date: .day(2005, 5, 5), payload: .accession(org: org, country: "IND"), source: source)
    _ = try FileEventLog(path: path).append([founding], recordedAt: RecordedTime(milliseconds: 0))
    return try FileEventLog(path: path).append([accession], recordedAt: RecordedTime(milliseconds: 1000))
}
