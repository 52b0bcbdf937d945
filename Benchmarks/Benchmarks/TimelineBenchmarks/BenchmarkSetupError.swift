/// Why a benchmark could not set up, or check, what it measures.
struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
