import TimelineCore
import TimelineStore

/// The history the checks append: the Shanghai Five and the SCO in 17 events (two foundings, a
/// dissolution, statuses, accessions), as plain event objects, one per line.
enum ConformanceHistory {
    /// The events, decoded afresh.
    /// - Throws: `RecordDecodingError` or the event's own error, were a line to go wrong.
    static func events() throws -> [NewEvent] {
        try lines.map { line in try NewEvent(fields: try RecordDecoder.eventFields(Array(line.utf8)[...])) }
    }

    /// A fixed transaction time: 2026-01-01T00:00:00Z plus `seconds`.
    static func at(_ seconds: Int64 = 0) -> RecordedTime { RecordedTime(milliseconds: 1_767_225_600_000 + seconds * 1000) }

    private static let lines: [String] = [
        #"{"type":"founding","org":"S5","name":"Shanghai Five","date":"1996-04-26","place":"Shanghai","founders":["CHN","KAZ","KGZ","RUS","TJK"],"ladder":["member"],"source":"Shanghai Five agreement on confidence-building in border regions, 1996-04-26"}"#,
        #"{"type":"accession","org":"S5","country":"UZB","date":"2001-06-14","source":"People's Daily, 2001-06-14"}"#,
        #"{"type":"founding","org":"SCO","name":"Shanghai Cooperation Organisation","date":"2001-06-15","place":"Shanghai","founders":["CHN","KAZ","KGZ","RUS","TJK","UZB"],"ladder":["dialogue-partner","observer","member"],"predecessor":"S5","source":"SCO Secretariat, About the SCO"}"#,
        #"{"type":"dissolution","org":"S5","date":"2001-06-15","source":"SCO Secretariat, About the SCO","note":"succeeded by the SCO"}"#,
        #"{"type":"status","org":"SCO","country":"IND","status":"observer","date":"2005-07-05","source":"Astana summit, 2005-07-05"}"#,
        #"{"type":"status","org":"SCO","country":"PAK","status":"observer","date":"2005-07-05","source":"Astana summit, 2005-07-05"}"#,
        #"{"type":"status","org":"SCO","country":"IRN","status":"observer","date":"2005-07-05","source":"Astana summit, 2005-07-05"}"#,
        #"{"type":"milestone","org":"SCO","country":"BLR","date":"2009-06-16","text":"dialogue partner status decided at the Yekaterinburg summit","source":"Sri Lanka PRIU, 2009-06-17"}"#,
        #"{"type":"status","org":"SCO","country":"BLR","status":"dialogue-partner","date":"2010-04","source":"Memorandum signed in Minsk, April 2010 (belarus.kz)"}"#,
        #"{"type":"status","org":"SCO","country":"BLR","status":"observer","change":"elevation","date":"2015-07-10","source":"Ufa summit, 2015-07-10 (TASS)"}"#,
        #"{"type":"accession","org":"SCO","country":"IND","date":"2017-06-09","source":"TASS, 2017-06-09"}"#,
        #"{"type":"accession","org":"SCO","country":"PAK","date":"2017-06-09","source":"TASS, 2017-06-09"}"#,
        #"{"type":"summit","org":"SCO","date":"2017-06-08/2017-06-09","place":"Astana","host":"KAZ","source":"SCO Secretariat, About the SCO"}"#,
        #"{"type":"accession","org":"SCO","country":"IRN","date":"2023-07-04","source":"Lokmat Times, 2023-07-04"}"#,
        #"{"type":"summit","org":"SCO","date":"2024-07-03/2024-07-04","place":"Astana","host":"KAZ","source":"Asia-Plus, 2024-07"}"#,
        #"{"type":"accession","org":"SCO","country":"BLR","date":"2024-07-04","source":"Astana Times, 2024-07: SCO welcomes Belarus as its 10th member state"}"#,
        #"{"type":"statement","speaker":"Xi Jinping","org":"SCO","country":"BLR","date":"2024-07-04","text":"welcomed Belarus as a full member of the family","context":"Astana summit","source":"RFE/RL, 2024-07-04"}"#,
    ]
}
