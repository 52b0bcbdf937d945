import ArgumentParser
import TimelineCore
import TimelineStore

/// `timeline generate`: writes a deterministic synthetic log for benchmarks and scale tests.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic log: hundreds of organizations, ~200 countries, 1900–2025.",
        discussion: """
            The events are valid under every invariant; a few percent are appended out of historical \\
            order. The same --events and --seed give the same events; with --recorded-at, the same file.

            Examples:
              timeline generate --events 100000 --seed 7 --log /tmp/big.jsonl
              timeline generate --events 1000000 --seed 1 --log /tmp/1m.jsonl --recorded-at 2026-01-01T00:00:00Z
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "How many events to write.")
    var events: Int

    @Option(name: .long, help: "The seed of the generator.")
    var seed: UInt64 = 1

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be at least 1") }
        guard global.log != nil else { throw ValidationError("name the log to write with --log PATH") }
    }

    func run() throws {
        let path = global.location.path
        if Environment.fileExists(path) {
            throw CommandFailure.dataError("\(path): already exists; generate writes a new log")
        }
        let time = try global.fixedRecordedTime() ?? SystemClock.now
        // On a terminal, a bar while the events are made, then one while they are written.
        let making = ProgressBar("generate", total: events, quiet: global.quiet)
        let history = SyntheticHistory(events: events, seed: seed).events { making.update($0) }
        making.finish()
        var log = global.openLog(global.location)
        if var file = log as? FileEventLog {
            // Started now, so that its rate and time left count the check before the writing.
            let writing = ProgressBar("write", total: events, quiet: global.quiet)
            file.writeProgress = { done, total in
                writing.update(done, of: total)
                if done >= total { writing.finish() }
            }
            log = file
        }
        let receipt: AppendReceipt
        do throws(StoreError) {
            receipt = try log.append(history, recordedAt: time)
        } catch {
            // The generator promises valid events: a refusal is a bug in it.
            throw CommandFailure(message: error.description, exitCode: error.code == .invariant ? 70 : 74)
        }
        Console.out("wrote \(receipt.appended.count) events to \(path) (head \(receipt.head))")
    }
}
