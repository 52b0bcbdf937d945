import Foundation
import TimelineCore
import TimelineScript

/// A host for tests whose scripts read and write real files (`import`, `chart … svg`), with a
/// fixed day and transaction time, collecting what the script shows.
final class LocalFilesHost: ScriptHost {
    let today: CivilDay
    let recordedAt: RecordedTime
    var output: (ScriptOutput) -> Void

    init(today: CivilDay, recordedAt: RecordedTime, output: @escaping (ScriptOutput) -> Void) {
        self.today = today
        self.recordedAt = recordedAt
        self.output = output
    }

    func show(_ output: ScriptOutput) { self.output(output) }

    func readFile(at path: String) throws(HostError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw HostError(.notFound, path: path) }
        return Array(data)
    }

    func writeFile(at path: String, contents: [UInt8]) throws(HostError) {
        do { try Data(contents).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw HostError(.failed, path: path, reason: error.localizedDescription)
        }
    }

    func now() -> RecordedTime { recordedAt }
}
