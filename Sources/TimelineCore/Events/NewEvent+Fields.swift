extension NewEvent {
    /// The event as named fields, the form the log stores (see `EventFields`).
    public var fields: [String: FieldValue] {
        Dictionary(uniqueKeysWithValues: sortedFields.map { ($0.key, $0.value) })
    }

    /// The event's fields sorted by key (each key once): what the log writes and ids are
    /// derived from, without building a dictionary.
    public var sortedFields: [(key: String, value: FieldValue)] {
        var fields: [(key: String, value: FieldValue)] = [("type", .string(kind.rawValue)), ("source", .string(source.citation))]
        fields.reserveCapacity(12)
        if let explicitID { fields.append(("id", .string(explicitID.rawValue))) }
        if let date { fields.append(("date", .string(date.description))) }
        if let url = source.url { fields.append(("url", .string(url))) }
        if let note { fields.append(("note", .string(note))) }
        if !alternatives.isEmpty { fields.append(("also", .fields(AlternativeDate.fields(of: alternatives)))) }
        func set(_ key: String, _ value: String?) { if let value { fields.append((key, .string(value))) } }
        switch payload {
        case .founding(let founding):
            set("org", founding.org.rawValue)
            set("name", founding.name)
            set("place", founding.place)
            fields.append(("founders", .list(founding.founders)))
            fields.append(("ladder", .list(founding.ladder.rungs.map(\.rawValue))))
            set("predecessor", founding.predecessor?.rawValue)
        case .accession(let org, let country), .withdrawal(let org, let country), .suspension(let org, let country),
            .reinstatement(let org, let country):
            set("org", org.rawValue)
            set("country", country)
        case .status(let org, let country, let status, let change):
            set("org", org.rawValue)
            set("country", country)
            set("status", status.rawValue)
            set("change", change?.rawValue)
        case .reclassify(let org, let from, let to):
            set("org", org.rawValue)
            fields.append(("from", .list(from.map(\.rawValue))))
            set("to", to.rawValue)
        case .summit(let summit):
            set("org", summit.org.rawValue)
            set("place", summit.place)
            set("host", summit.host)
            set("name", summit.name)
            if let number = summit.number { fields.append(("number", .int(number))) }
        case .statement(let statement):
            set("speaker", statement.speaker)
            set("org", statement.org?.rawValue)
            set("country", statement.country)
            set("text", statement.text)
            set("context", statement.context)
        case .milestone(let org, let country, let text):
            set("org", org.rawValue)
            set("country", country)
            set("text", text)
        case .dissolution(let org):
            set("org", org.rawValue)
        case .state(let state):
            set("country", state.code)
            set("name", state.name)
            set("until", state.until?.description)
        case .succession(let org, let country, let predecessor):
            set("org", org.rawValue)
            set("country", country)
            set("predecessor", predecessor)
        case .merger(let merger):
            set("org", merger.org.rawValue)
            fields.append(("members", .list(merger.members)))
            set("country", merger.result)
        case .breakup(let breakup):
            set("org", breakup.org.rawValue)
            set("country", breakup.country)
            fields.append(("successors", .list(breakup.successors)))
        case .correction(let target, let changes):
            set("target", target)
            var map: [String: String] = [:]
            if let date = changes.date { map["date"] = date.description }
            map["country"] = changes.country
            map["status"] = changes.status?.rawValue
            map["place"] = changes.place
            map["host"] = changes.host
            map["name"] = changes.name
            map["text"] = changes.text
            map["speaker"] = changes.speaker
            for (key, value) in AlternativeDate.fields(of: changes.alternatives) { map["also." + key] = value }
            fields.append(("set", .fields(map)))
        case .retraction(let target, let reason):
            set("target", target)
            set("reason", reason)
        }
        fields.sort { $0.key < $1.key }
        return fields
    }

    /// An event from named fields, as read from the log.
    /// - Throws: `EventFieldError` naming the missing or malformed field.
    public init(fields: [String: FieldValue]) throws(EventFieldError) {
        let reader = FieldReader(fields: fields)
        let typeName = try reader.string("type")
        guard let kind = EventKind(rawValue: typeName) else {
            throw EventFieldError(
                field: "type",
                message: "unknown event type \"\(typeName)\"; expected one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var id: EventID?
        if let text = try reader.optionalString("id") {
            guard let parsed = EventID(text) else {
                throw EventFieldError(field: "id", message: "\"\(text)\" is not a valid id (letters, digits, -, _ or ., at most 64)")
            }
            id = parsed
        }
        var date: EDTFDate?
        if let text = try reader.optionalString("date") {
            do { date = try EDTFDate.parse(text) } catch { throw EventFieldError(field: "date", message: error.message) }
        }
        guard let source = Source(citation: try reader.optionalString("source") ?? "", url: try reader.optionalString("url")) else {
            throw EventFieldError(field: "source", message: "every event needs a source (a citation: outlet, title, date or URL)")
        }
        let payload: EventPayload
        switch kind {
        case .founding:
            let ladderNames = try reader.list("ladder")
            let statuses = try ladderNames.map { name throws(EventFieldError) in try FieldReader.status(name, field: "ladder") }
            guard let ladder = StatusLadder(statuses) else {
                throw EventFieldError(field: "ladder", message: "a ladder needs at least one status and no status twice")
            }
            payload = .founding(
                Founding(
                    org: try reader.org("org"), name: try reader.string("name"), place: try reader.optionalString("place"),
                    founders: try reader.optionalList("founders") ?? [], ladder: ladder,
                    predecessor: try reader.optionalString("predecessor") == nil ? nil : try reader.org("predecessor")))
        case .accession: payload = .accession(org: try reader.org("org"), country: try reader.string("country"))
        case .withdrawal: payload = .withdrawal(org: try reader.org("org"), country: try reader.string("country"))
        case .suspension: payload = .suspension(org: try reader.org("org"), country: try reader.string("country"))
        case .reinstatement: payload = .reinstatement(org: try reader.org("org"), country: try reader.string("country"))
        case .status:
            var change: StatusChange?
            if let text = try reader.optionalString("change") {
                guard let parsed = StatusChange(rawValue: text) else {
                    throw EventFieldError(field: "change", message: "expected grant, elevation or downgrade, not \"\(text)\"")
                }
                change = parsed
            }
            payload = .status(
                org: try reader.org("org"), country: try reader.string("country"),
                status: try FieldReader.status(try reader.string("status"), field: "status"), change: change)
        case .reclassify:
            let from = try reader.list("from").map { name throws(EventFieldError) in try FieldReader.status(name, field: "from") }
            guard !from.isEmpty else { throw EventFieldError(field: "from", message: "name at least one status to reclassify") }
            payload = .reclassify(org: try reader.org("org"), from: from, to: try FieldReader.status(try reader.string("to"), field: "to"))
        case .summit:
            payload = .summit(
                Summit(
                    org: try reader.org("org"), place: try reader.optionalString("place"), host: try reader.optionalString("host"),
                    name: try reader.optionalString("name"), number: try reader.optionalInt("number")))
        case .statement:
            payload = .statement(
                SpokenStatement(
                    speaker: try reader.string("speaker"), org: try reader.optionalString("org") == nil ? nil : try reader.org("org"),
                    country: try reader.optionalString("country"), text: try reader.string("text"),
                    context: try reader.optionalString("context")))
        case .milestone:
            payload = .milestone(org: try reader.org("org"), country: try reader.optionalString("country"), text: try reader.string("text"))
        case .dissolution: payload = .dissolution(org: try reader.org("org"))
        case .state:
            var until: EDTFDate?
            if let text = try reader.optionalString("until") {
                do { until = try EDTFDate.parse(text) } catch { throw EventFieldError(field: "until", message: error.message) }
            }
            payload = .state(StateIntroduction(code: try reader.code("country"), name: try reader.string("name"), until: until))
        case .succession:
            payload = .succession(
                org: try reader.org("org"), country: try reader.string("country"), predecessor: try reader.string("predecessor"))
        case .merger:
            let members = try reader.list("members")
            guard !members.isEmpty else { throw EventFieldError(field: "members", message: "name the merging members") }
            payload = .merger(Merger(org: try reader.org("org"), members: members, result: try reader.string("country")))
        case .breakup:
            let successors = try reader.list("successors")
            guard !successors.isEmpty else { throw EventFieldError(field: "successors", message: "name the successor states") }
            payload = .breakup(Breakup(org: try reader.org("org"), country: try reader.string("country"), successors: successors))
        case .correction:
            guard case .fields(let map)? = fields["set"] else {
                throw EventFieldError(field: "set", message: "a correction needs the fields it sets, as an object")
            }
            var changes = Correction()
            var also: [String: String] = [:]
            for (key, value) in map {
                if key.hasPrefix("also.") {
                    also[String(key.dropFirst(5))] = value
                    continue
                }
                switch key {
                case "date":
                    do { changes.date = try EDTFDate.parse(value) } catch {
                        throw EventFieldError(field: "set.date", message: error.message)
                    }
                case "country": changes.country = value
                case "status": changes.status = try FieldReader.status(value, field: "set.status")
                case "place": changes.place = value
                case "host": changes.host = value
                case "name": changes.name = value
                case "text": changes.text = value
                case "speaker": changes.speaker = value
                default:
                    throw EventFieldError(
                        field: "set.\(key)",
                        message: "a correction can set date, country, status, place, host, name, text, speaker or also.KIND")
                }
            }
            changes.alternatives = try AlternativeDate.dates(from: also, field: "set.also")
            guard !changes.isEmpty else { throw EventFieldError(field: "set", message: "a correction must change at least one field") }
            payload = .correction(target: try reader.string("target"), changes: changes)
        case .retraction:
            payload = .retraction(target: try reader.string("target"), reason: try reader.string("reason"))
        }
        var alternatives: [AlternativeDate] = []
        switch fields["also"] {
        case nil: break
        case .fields(let map)?: alternatives = try AlternativeDate.dates(from: map, field: "also")
        default: throw EventFieldError(field: "also", message: "expected an object of alternative dates (KIND, KIND.source, KIND.url)")
        }
        self.init(
            id: id, date: date, payload: payload, source: source, note: try reader.optionalString("note"), alternatives: alternatives)
    }
}

/// Typed access to a field map, with errors that name the field.
struct FieldReader {
    let fields: [String: FieldValue]

    func optionalString(_ key: String) throws(EventFieldError) -> String? {
        switch fields[key] {
        case nil: return nil
        case .string(let text)?: return text
        default: throw EventFieldError(field: key, message: "expected a string")
        }
    }

    func string(_ key: String) throws(EventFieldError) -> String {
        guard let text = try optionalString(key), !text.isEmpty else {
            throw EventFieldError(field: key, message: "is required")
        }
        return text
    }

    func optionalList(_ key: String) throws(EventFieldError) -> [String]? {
        switch fields[key] {
        case nil: return nil
        case .list(let items)?: return items
        default: throw EventFieldError(field: key, message: "expected a list of strings")
        }
    }

    func list(_ key: String) throws(EventFieldError) -> [String] {
        guard let items = try optionalList(key) else { throw EventFieldError(field: key, message: "is required") }
        return items
    }

    func optionalInt(_ key: String) throws(EventFieldError) -> Int? {
        switch fields[key] {
        case nil: return nil
        case .int(let number)?: return number
        default: throw EventFieldError(field: key, message: "expected a whole number")
        }
    }

    func org(_ key: String) throws(EventFieldError) -> OrganizationID {
        let text = try string(key)
        guard let id = OrganizationID(text) else {
            throw EventFieldError(field: key, message: "\"\(text)\" is not an organization id (a letter, then letters, digits, - or _)")
        }
        return id
    }

    /// A new state's code: three capital letters A–Z.
    func code(_ key: String) throws(EventFieldError) -> String {
        let text = try string(key)
        guard StateIntroduction.isValidCode(text) else {
            throw EventFieldError(field: key, message: "\"\(text)\" is not a state code (three capital letters, such as TGA)")
        }
        return text
    }

    static func status(_ text: String, field: String) throws(EventFieldError) -> Status {
        guard let status = Status(text) else { throw EventFieldError(field: field, message: "\"\(text)\" is not a status name") }
        return status
    }
}
