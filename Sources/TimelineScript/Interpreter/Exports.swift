import TimelineCore

/// The tables `export` produces, for pandas, R and spreadsheets, and for `import`.
enum Exports {
    /// The columns of `export events`: every field any event type has, lists space-separated,
    /// a correction's new values as `set.FIELD`, and the alternative dates an event carries (or
    /// a correction adds) as `also.KIND`, `also.KIND.source` and `also.KIND.url`.
    static let eventColumns =
        [
            "seq", "recorded", "id", "type", "date", "org", "country", "kind", "status", "change", "name", "place", "founders", "ladder",
            "predecessor", "host", "number", "speaker", "text", "context", "from", "to", "until", "members", "successors", "target",
            "reason", "set.date", "set.country",
            "set.status", "set.place", "set.host", "set.name", "set.text", "set.speaker", "source", "url", "note",
        ] + DateKind.allCases.flatMap { ["also.\($0)", "also.\($0).source", "also.\($0).url"] }

    /// Every recorded event (corrections and retractions included, as recorded), in log order.
    static func events(_ timeline: Timeline, org: OrganizationID?) -> Table {
        var table = Table(columns: eventColumns)
        for record in timeline.records {
            if let org, record.payload.organization != org, !record.kind.isAmendment { continue }
            var fields = record.event.fields
            fields["id"] = .string(record.id.rawValue)
            var row: [Value] = []
            for column in eventColumns {
                switch column {
                case "seq": row.append(.number(record.seq.value))
                case "recorded": row.append(.string(record.recordedAt.description))
                case "kind":
                    // Which kind of participant `country` names (not a field of the event).
                    if case .string(let code)? = fields["country"] {
                        let organization = timeline.registry.country(code: code).map { $0.isOrganization && $0.alpha3 == code } ?? false
                        row.append(.string(organization ? "organization" : "country"))
                    } else {
                        row.append(.null)
                    }
                case _ where column.hasPrefix("also."):
                    // An event's own alternative dates, or those a correction adds.
                    let key = String(column.dropFirst(5))
                    var value: String?
                    if case .fields(let map)? = fields["also"] { value = map[key] }
                    if case .fields(let map)? = fields["set"] { value = value ?? map["also." + key] }
                    row.append(.optional(value))
                case _ where column.hasPrefix("set."):
                    if case .fields(let map)? = fields["set"], let value = map[String(column.dropFirst(4))] {
                        row.append(.string(value))
                    } else {
                        row.append(.null)
                    }
                default:
                    switch fields[column] {
                    case .string(let text)?: row.append(.string(text))
                    case .int(let number)?: row.append(.number(number))
                    case .list(let items)?: row.append(.string(items.joined(separator: " ")))
                    default: row.append(.null)
                    }
                }
            }
            table.rows.append(row)
        }
        return table
    }

    /// Status intervals `org,country,status,from,to`: one row per span of one status, `to`
    /// empty while it lasts (a suspension does not split a span).
    static func intervals(_ timeline: Timeline, org: OrganizationID?) -> Table {
        var table = Table(columns: ["org", "country", "status", "from", "to"])
        for id in timeline.organizations.keys.sorted() where org == nil || org == id {
            var rows: [(from: EDTFDate, cells: [Value])] = []
            for country in timeline.participants(of: id) {
                var open: (status: Status, from: EDTFDate)?
                for transition in timeline.transitions(of: country, in: id) where transition.after.status != open?.status {
                    if let current = open {
                        rows.append(
                            (
                                current.from,
                                [
                                    .string(id.rawValue), .string(country), .string(current.status.rawValue), .date(current.from),
                                    .date(transition.date),
                                ]
                            ))
                    }
                    open = transition.after.status.map { ($0, transition.date) }
                }
                if let current = open {
                    rows.append(
                        (
                            current.from,
                            [.string(id.rawValue), .string(country), .string(current.status.rawValue), .date(current.from), .null]
                        ))
                }
            }
            table.rows.append(
                contentsOf: rows.sorted { $0.from != $1.from ? $0.from < $1.from : $0.cells[1].text < $1.cells[1].text }.map(\.cells))
        }
        table.addParticipantKinds(registry: timeline.registry)
        return table
    }
}
