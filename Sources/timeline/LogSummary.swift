import TimelineCore
import TimelineScript
import TimelineStore

/// The summary `timeline` prints without a subcommand: the log, its head, its organizations.
struct LogSummary {
    let options: GlobalOptions

    func run() throws {
        let location = options.location
        let contents: LogContents
        do {
            contents = try options.openLog(location).read()
        } catch {
            throw CommandFailure.reading(
                error, missing: "\(location.shown): no log yet (\(location.origin.rawValue)); the first append creates it")
        }
        let timeline = Timeline(records: contents.records)
        let today = Environment.today
        let organizations = timeline.organizations.values.sorted { $0.id < $1.id }
        func memberCount(_ organization: Organization) -> Int { timeline.members(of: organization.id, at: today).rows.count }
        switch options.format {
        case .json, .jsonl:
            Console.out(
                JSONValue.object([
                    ("log", .string(location.shown)),
                    ("head", .object([("seq", .number(contents.head.count)), ("hash", .string(contents.head.hash.hex))])),
                    (
                        "organizations",
                        .array(
                            organizations.map { organization in
                                .object([
                                    ("id", .string(organization.id.rawValue)), ("name", .string(organization.name)),
                                    ("founded", .string(organization.founded.description)),
                                    ("dissolved", .optional(organization.dissolved?.description)),
                                    ("ladder", .array(organization.currentLadder.rungs.map { .string($0.rawValue) })),
                                    ("members", .number(memberCount(organization))),
                                ])
                            })
                    ),
                ]).text)
        case .csv:
            Console.out(CSVLine.row(["id", "name", "founded", "dissolved", "ladder", "members"]))
            for organization in organizations {
                Console.out(
                    CSVLine.row([
                        organization.id.rawValue, organization.name, organization.founded.description,
                        organization.dissolved?.description ?? "", organization.currentLadder.description,
                        String(memberCount(organization)),
                    ]))
            }
        case .table, .records, .markdown:
            Console.out("Log    \(location.shown) (\(location.origin.rawValue))")
            Console.out("Head   \(contents.head), \(contents.records.count) events")
            if let tail = contents.tornTail { Console.out("Note   \(tail.description)") }
            for warning in contents.warnings { Console.error("warning: \(warning)") }
            Console.out("")
            let rows = organizations.map { organization -> [Value] in
                let members = organization.dissolved.map { "dissolved \($0)" } ?? String(memberCount(organization))
                return [
                    .string(organization.id.rawValue), .string(organization.name), .string(organization.founded.description),
                    .string(members), .string(organization.currentLadder.description),
                ]
            }
            let table = Table(columns: ["id", "name", "founded", "members", "ladder"], rows: rows)
            Console.write(TableRenderer(format: options.format, colour: false, width: Environment.tableWidth).render(table))
            Console.out("\nAsk it something: timeline -c 'members SCO at 2024-07-04'   (timeline --help for more)")
        }
    }
}
