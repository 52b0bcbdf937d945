/// What one run of a conformance check found wrong, as messages: the library returns them, and
/// the backend's test target reports them (it does not import a test framework).
public struct ConformanceFindings: Sendable {
    /// The failures, in the order found.
    public private(set) var failures: [String] = []

    /// Findings with no failure yet.
    public init() {}

    /// Records `message` unless `condition` holds.
    public mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { failures.append(message()) }
    }

    /// Records a failure.
    public mutating func fail(_ message: String) { failures.append(message) }
}
