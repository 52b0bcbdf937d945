import Foundation

/// The history the project ships (`Events/diplomacy.jsonl`): the log a user starts with, and
/// the one `timeline serve` and the README's questions across organizations are measured on.
enum BundledHistory {
    /// The bundled log in the checkout these benchmarks were built from.
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TimelineBenchmarks
        .deletingLastPathComponent()  // Benchmarks/Benchmarks
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()  // the main package
        .appendingPathComponent("Events/diplomacy.jsonl").path

    /// A fresh copy of the bundled log at `directory/name`, without a snapshot or head marker
    /// beside it: benchmarks read copies, so the checkout's log is never written beside.
    static func copy(into directory: String, named name: String) -> String {
        let target = directory + "/" + name
        for path in [target, target + ".head", target + ".snapshot"] { try? FileManager.default.removeItem(atPath: path) }
        do {
            try FileManager.default.copyItem(atPath: path, toPath: target)
        } catch {
            // A checkout without its bundled log is broken; the benchmarks that need it say so.
            print("timeline benchmarks: cannot copy \(path): \(error)")
        }
        return target
    }
}
