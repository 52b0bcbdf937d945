import ArgumentParser
import TimelineCore
import TimelineScript
import TimelineStore

/// `timeline verify`: proves the log is untampered, or names the first bad line.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record's hash, the hash chain, sequence numbers and the domain's rules.",
        discussion: """
            Exits 0 when the log is intact (an unfinished append after the last batch is reported \
            but is not damage), 65 when a line is damaged or a rule is broken, 66 when there is no log.

            With --contains SEQ:HASH (a head as answers cite it, `#97 3fa9c1d2e4b5` written \
            97:3fa9c1d2e4b5, or with the full 64-digit hash): whether this log holds that state. \
            A log that has grown since still does; one whose history up to that record differs, \
            even with every hash recomputed, does not. Exits 0 or 65.

            Examples:
              timeline verify
              timeline verify --log Events/diplomacy.jsonl --format json
              timeline verify --contains 97:3fa9c1d2e4b5
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Check that the log holds a cited head: its record SEQ has this hash.", valueName: "seq:hash"))
    var contains: String?

    func validate() throws {
        if let contains, CitedHead(contains) == nil {
            throw ValidationError(
                "--contains takes SEQ:HASH, a record number and at least 12 hex digits of its hash, as in 97:3fa9c1d2e4b5")
        }
    }

    func run() throws {
        let location = global.location
        if let contains, let cited = CitedHead(contains) { return try check(cited, in: location) }
        let report: VerificationReport
        do {
            report = try global.openLog(location, task: "verify").verify(registry: .standard)
        } catch {
            throw CommandFailure.reading(error, missing: "\(location.shown): no log to verify")
        }
        switch global.format {
        case .json, .jsonl: Console.out(json(report).text)
        case .csv:
            Console.out(CSVLine.row(["path", "records", "head", "intact", "line", "problem"]))
            let problem = report.damage.map { ($0.line, $0.message) } ?? report.violations.first.map { (0, $0.description) }
            Console.out(
                CSVLine.row([
                    report.log, String(report.recordCount), report.head.hash.hex, String(report.isIntact),
                    problem.map { $0.0 > 0 ? String($0.0) : "" } ?? "", problem?.1 ?? "",
                ]))
        case .table, .records, .markdown:
            for warning in report.warnings { Console.out("\(report.log): incomplete: \(warning)") }
            if let damage = report.damage, damage.line == 0 {
                Console.out("\(report.log): damaged: \(damage.message)")
            } else if let damage = report.damage {
                Console.out("\(report.log):\(damage.line): damaged: \(damage.message)")
                let fix = damage.fix(for: report.log)
                if let fix { Console.out("Fix (no record is lost): \(fix)") }
                let records = report.recordCount == 1 ? "1 committed record" : "\(report.recordCount) committed records"
                if fix == nil || report.recordCount > 0 {
                    Console.out(
                        "The \(records) before line \(damage.line) \(report.recordCount == 1 ? "is" : "are") intact (head \(report.head)).")
                }
            } else {
                for violation in report.violations {
                    Console.out("\(report.log): rule broken: \(violation.description)")
                }
                if report.violations.isEmpty && report.warnings.isEmpty {
                    Console.out("\(report.log): ok, \(report.recordCount) events, head \(report.head)")
                }
            }
            if let tail = report.tornTail, report.damage == nil {
                Console.out("\(report.log):\(tail.line): note: \(tail.description)")
            }
        }
        if !report.isIntact { throw ExitCode(65) }
    }

    /// Whether the log holds a cited head: its record `seq` has the cited hash (a prefix of it).
    private func check(_ cited: CitedHead, in location: LogLocation) throws {
        let hash: ChainHash?
        do {
            hash = try global.openLog(location).chainHash(at: cited.seq)
        } catch {
            throw CommandFailure.reading(error, missing: "\(location.shown): no log to check")
        }
        let holds = hash.map(cited.matches) ?? false
        let message: String
        if holds {
            message =
                "\(location.shown): holds #\(cited.seq) \(cited.hashPrefix): record \(cited.seq) has the cited hash, so its first \(cited.seq) records are the cited ones"
        } else if let hash {
            message =
                "\(location.shown): does not hold #\(cited.seq) \(cited.hashPrefix): record \(cited.seq) has hash \(hash.hex.prefix(12)), so its history up to record \(cited.seq) is not the cited one"
        } else {
            message = "\(location.shown): does not hold #\(cited.seq) \(cited.hashPrefix): it has fewer than \(cited.seq) committed records"
        }
        switch global.format {
        case .json, .jsonl:
            Console.out(
                JSONValue.object([
                    ("path", .string(location.shown)), ("seq", .number(cited.seq)), ("cited", .string(cited.hashPrefix)),
                    ("hash", .optional(hash?.hex)), ("holds", .bool(holds)),
                ]).text)
        case .csv:
            Console.out(CSVLine.row(["path", "seq", "cited", "hash", "holds"]))
            Console.out(CSVLine.row([location.shown, String(cited.seq), cited.hashPrefix, hash?.hex ?? "", String(holds)]))
        case .table, .records, .markdown:
            Console.out(message)
        }
        if !holds { throw ExitCode(65) }
    }

    private func json(_ report: VerificationReport) -> JSONValue {
        .object([
            ("path", .string(report.log)),
            ("intact", .bool(report.isIntact)),
            ("records", .number(report.recordCount)),
            ("head", .object([("seq", .number(report.head.count)), ("hash", .string(report.head.hash.hex))])),
            (
                "damage",
                report.damage.map {
                    .object([("line", .number($0.line)), ("message", .string($0.message)), ("fix", .optional($0.fix(for: report.log)))])
                } ?? .null
            ),
            ("torn_tail", report.tornTail.map { .object([("line", .number($0.line)), ("bytes", .number($0.length))]) } ?? .null),
            ("warnings", .array(report.warnings.map { .string($0) })),
            (
                "violations",
                .array(
                    report.violations.map { violation in
                        .object([
                            ("id", .string(violation.eventID.rawValue)), ("seq", violation.seq.map { .number($0.value) } ?? .null),
                            ("rule", .string(violation.rule.rawValue)), ("message", .string(violation.description)),
                        ])
                    })
            ),
        ])
    }
}
