import TimelineStore

/// Makes fresh, empty logs of the backend under test, one per conformance check.
///
/// For example, a file log's tests:
/// ```swift
/// let factory = LogFactory(name: "file") {
///     let scratch = ScratchDirectory()
///     return (FileEventLog(path: scratch.file("log.jsonl")), scratch.cleanUp)
/// }
/// ```
public struct LogFactory: Sendable {
    /// A log made for one check, and what removes it afterwards.
    public typealias Made = (log: any AsyncEventLog, cleanUp: @Sendable () -> Void)

    /// The backend's name, in failure messages.
    public let name: String
    private let make: @Sendable () async throws -> Made

    /// A factory named `name` whose `make` returns a new, empty log and its clean-up.
    public init(name: String, make: @escaping @Sendable () async throws -> Made) {
        self.name = name
        self.make = make
    }

    /// A new, empty log.
    /// - Throws: what the backend's `make` throws (a database it cannot reach …).
    public func makeLog() async throws -> Made { try await make() }
}
