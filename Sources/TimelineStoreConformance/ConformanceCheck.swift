/// One rule every event log must keep, run against a fresh log of the backend under test.
///
/// For example, in a backend's test target:
/// ```swift
/// @Test(arguments: StorageConformance.checks)
/// func conforms(_ check: ConformanceCheck) async throws {
///     let failures = try await check.run(factory)
///     #expect(failures.isEmpty, "\(failures)")
/// }
/// ```
public struct ConformanceCheck: Sendable, CustomStringConvertible {
    /// What the check pins down, as a sentence.
    public let name: String
    private let body: @Sendable (LogAccess, inout ConformanceFindings) async throws -> Void

    /// A check named `name`; `body` exercises one log through one access and records failures.
    public init(_ name: String, body: @escaping @Sendable (LogAccess, inout ConformanceFindings) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the check on a fresh log from `factory` for each form the log offers (async, and
    /// sync when it is an `EventLog`), each on a log of its own.
    /// - Returns: the failures, each prefixed with the backend and the form; empty when it passes.
    /// - Throws: what the factory or the log throws where the check expects no error.
    public func run(_ factory: LogFactory) async throws -> [String] {
        let probe = try await factory.makeLog()
        let forms = LogAccess.forms(of: probe.log)
        probe.cleanUp()
        var failures: [String] = []
        for form in forms {
            let made = try await factory.makeLog()
            defer { made.cleanUp() }
            var findings = ConformanceFindings()
            try await body(LogAccess(log: made.log, form: form), &findings)
            failures += findings.failures.map { "\(factory.name), \(form.rawValue): \($0)" }
        }
        return failures
    }

    /// The check's name.
    public var description: String { name }
}
