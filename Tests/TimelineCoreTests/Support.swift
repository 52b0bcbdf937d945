import TimelineCore

/// Builds an event from short field text: lists are space-separated, a source is added when
/// missing. For example `event("type=accession org=SCO country=IND date=2017-06-09")`.
func event(_ fields: [String: String]) -> NewEvent {
    var map: [String: FieldValue] = [:]
    for (key, value) in fields {
        switch key {
        case "founders", "ladder", "from", "members", "successors": map[key] = .list(value.split(separator: " ").map(String.init))
        case "number": map[key] = .int(Int(value)!)
        default: map[key] = .string(value)
        }
    }
    if map["source"] == nil { map["source"] = .string("test fixture") }
    // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
    // swift-format-ignore: NeverUseForceTry
    return try! NewEvent(fields: map)
}

/// Records events in the given order, with sequence numbers from 1 and one second apart.
func record(_ events: [NewEvent], startingAt first: Int = 1) -> [RecordedEvent] {
    events.enumerated().map { index, event in
        RecordedEvent(seq: SequenceNumber(first + index), recordedAt: RecordedTime(milliseconds: Int64(first + index) * 1000), event: event)
    }
}

/// The last day of an EDTF date: what `at D` asks about.
// Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
// swift-format-ignore: NeverUseForceTry
func day(_ text: String) -> CivilDay { try! EDTFDate.parse(text).latest }

/// The SCO's founding with the standard ladder.
let scoFounding = event([
    "type": "founding", "org": "SCO", "name": "Shanghai Cooperation Organisation", "date": "2001-06-15",
    "founders": "CHN KAZ KGZ RUS TJK UZB", "ladder": "dialogue-partner observer member",
])

/// Sorted alpha-3 codes of an answer's rows.
func codes(_ rows: [StatusRow]) -> [String] { rows.map(\.country).sorted() }

/// What a check decided: "accepted", or the rule and event of the violation it threw (and its
/// message, when asked).
func verdict(_ check: () throws(InvariantViolation) -> Void, withMessage: Bool = false) -> String {
    do {
        try check()
        return "accepted"
    } catch {
        return "\(error.rule.rawValue) \(error.eventID)" + (withMessage ? ": \(error.message)" : "")
    }
}
