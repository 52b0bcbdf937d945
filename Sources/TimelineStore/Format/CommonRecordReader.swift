import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the log's most common records — status changes, accessions, withdrawals, suspensions,
/// reinstatements, milestones and summits, written the way `RecordEncoder` writes them —
/// straight into a `RecordedEvent`, without the field map the general path builds.
///
/// It is a fast path, never a second definition of the format: for anything it does not
/// recognize (another event type, white space, an escape or a byte outside printable ASCII, an
/// unknown, repeated or malformed field, a value the general path would refuse) it answers
/// `nil`, and `RecordDecoder` reads the line the general way, so the result and every error
/// message are the general path's. Tests compare both paths record by record.
///
/// Values derived from text (organization ids, statuses, dates, sources, event types) are
/// computed once per distinct string and kept in arrays indexed by the interner's numbers.
struct CommonRecordReader: Sendable {
    private var strings = StringInterner()
    private var kinds = DerivedValues<EventKind>()
    private var organizations = DerivedValues<OrganizationID>()
    private var statuses = DerivedValues<Status>()
    private var dates = DerivedValues<EDTFDate>()
    private var sources = DerivedValues<Source>()
    private var lastTime: (text: [UInt8], time: RecordedTime)?

    /// A record read by the fast path (a tuple, so that its parts move out without copies).
    typealias Common = (record: RecordedEvent, commit: Bool, previousHash: ChainHash)

    /// The fields the fast path knows.
    private enum Key {
        case at, id, type, date, change, country, org, source, status, url, note, prev, text, place, host, name
    }

    /// The byte ranges of the fields found on a line.
    private struct Fields {
        var seq: Int?
        var number: Int?
        var commit: Bool?
        var at, id, type, date, change, country, org, source, status, url, note, prev, text, place, host, name: Range<Int>?

        subscript(key: Key) -> Range<Int>? {
            get {
                switch key {
                case .at: at
                case .id: id
                case .type: type
                case .date: date
                case .change: change
                case .country: country
                case .org: org
                case .source: source
                case .status: status
                case .url: url
                case .note: note
                case .prev: prev
                case .text: text
                case .place: place
                case .host: host
                case .name: name
                }
            }
            set {
                switch key {
                case .at: at = newValue
                case .id: id = newValue
                case .type: type = newValue
                case .date: date = newValue
                case .change: change = newValue
                case .country: country = newValue
                case .org: org = newValue
                case .source: source = newValue
                case .status: status = newValue
                case .url: url = newValue
                case .note: note = newValue
                case .prev: prev = newValue
                case .text: text = newValue
                case .place: place = newValue
                case .host: host = newValue
                case .name: name = newValue
                }
            }
        }
    }

    /// Reads `line[..<bodyEnd]`, the part of a record before its `,"hash":…` (already checked).
    mutating func read(_ line: ArraySlice<UInt8>, bodyEnd: Int) -> Common? {
        // In place: a slice of the line per field would retain the log's buffer each time.
        line.withUnsafeBufferPointer { read($0, bodyEnd: bodyEnd - line.startIndex) }
    }

    private mutating func read(_ line: UnsafeBufferPointer<UInt8>, bodyEnd: Int) -> Common? {
        guard let fields = Self.scan(line, bodyEnd: bodyEnd) else { return nil }
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[range]) }
        guard let seq = fields.seq, let atRange = fields.at, let idRange = fields.id, let typeRange = fields.type,
            let prevRange = fields.prev, let orgRange = fields.org, let sourceRange = fields.source
        else { return nil }
        // The chain and the record's identity.
        guard let previous = ChainHash(hex: bytes(prevRange)),
            let time = recordedTime(bytes(atRange)), let id = Self.eventID(bytes(idRange))
        else { return nil }
        // The content.
        guard let kind = kinds.value(for: strings.intern(bytes(typeRange)), { EventKind(rawValue: $0) }),
            let org = organizations.value(for: strings.intern(bytes(orgRange)), { OrganizationID($0) })
        else { return nil }
        // An optional string may be empty, a required one may not (as on the general path).
        // Codes and places repeat and are interned; texts and names are mostly unique.
        func optional(_ range: Range<Int>?, interned: Bool = true) -> String? {
            range.map { interned ? strings.intern(bytes($0)).text : String(decoding: bytes($0), as: UTF8.self) }
        }
        func required(_ range: Range<Int>?, interned: Bool = true) -> String? {
            optional(range, interned: interned).flatMap { $0.isEmpty ? nil : $0 }
        }
        var date: EDTFDate?
        if let dateRange = fields.date {
            guard let parsed = dates.value(for: strings.intern(bytes(dateRange)), { try? EDTFDate.parse($0) }) else { return nil }
            date = parsed
        }
        let source: Source
        if let urlRange = fields.url {
            guard
                let withURL = Source(
                    citation: strings.intern(bytes(sourceRange)).text, url: String(decoding: bytes(urlRange), as: UTF8.self))
            else { return nil }
            source = withURL
        } else {
            guard let cited = sources.value(for: strings.intern(bytes(sourceRange)), { Source(citation: $0) }) else { return nil }
            source = cited
        }
        let payload: EventPayload
        switch kind {
        case .accession, .withdrawal, .suspension, .reinstatement:
            guard let country = required(fields.country) else { return nil }
            switch kind {
            case .accession: payload = .accession(org: org, country: country)
            case .withdrawal: payload = .withdrawal(org: org, country: country)
            case .suspension: payload = .suspension(org: org, country: country)
            default: payload = .reinstatement(org: org, country: country)
            }
        case .milestone:
            guard let text = required(fields.text, interned: false) else { return nil }
            payload = .milestone(org: org, country: optional(fields.country), text: text)
        case .summit:
            payload = .summit(
                Summit(
                    org: org, place: optional(fields.place), host: optional(fields.host),
                    name: optional(fields.name, interned: false), number: fields.number))
        case .status:
            guard let country = required(fields.country) else { return nil }
            guard let statusRange = fields.status, let status = statuses.value(for: strings.intern(bytes(statusRange)), { Status($0) })
            else { return nil }
            var change: StatusChange?
            if let changeRange = fields.change {
                guard let parsed = StatusChange(rawValue: String(decoding: bytes(changeRange), as: UTF8.self)) else { return nil }
                change = parsed
            }
            payload = .status(org: org, country: country, status: status, change: change)
        default: return nil
        }
        let note = fields.note.map { String(decoding: bytes($0), as: UTF8.self) }
        let event = NewEvent(id: id, date: date, payload: payload, source: source, note: note)
        return (RecordedEvent(seq: SequenceNumber(seq), recordedAt: time, id: id, event: event), fields.commit ?? false, previous)
    }

    /// The recorded time; the records of one batch share it, so the last one is kept.
    private mutating func recordedTime(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordedTime? {
        if let last = lastTime, last.text.count == bytes.count,
            last.text.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
        {
            return last.time
        }
        guard let time = RecordedTime.parse(String(decoding: bytes, as: UTF8.self)) else { return nil }
        lastTime = (Array(bytes), time)
        return time
    }

    /// An id: 16 lower-case hex digits become a derived id without making text.
    private static func eventID(_ bytes: UnsafeBufferPointer<UInt8>) -> EventID? {
        if bytes.count == 16 {
            var value: UInt64 = 0
            var isHex = true
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte &- UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte &- UInt8(ascii: "a") &+ 10)
                default: isHex = false
                }
            }
            if isHex { return EventID(derivedValue: value) }
        }
        return EventID(String(decoding: bytes, as: UTF8.self))
    }

    /// Finds the fields of `{"key":value,…` up to `bodyEnd`, in the exact form the writer uses:
    /// no white space, strings of printable ASCII without escapes, whole numbers without sign or
    /// leading zero, booleans. `nil` for anything else, or a key that is unknown or repeated.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, bodyEnd: Int) -> Fields? {
        guard bodyEnd > 1, bytes[0] == UInt8(ascii: "{") else { return nil }
        var fields = Fields()
        var index = 1
        while true {
            // The key.
            guard index < bodyEnd, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let keyStart = index + 1
            index = keyStart
            while index < bodyEnd, bytes[index] != UInt8(ascii: "\"") {
                guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) else { return nil }
                index += 1
            }
            guard index + 1 < bodyEnd, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
            let key = keyStart..<index
            index += 2
            guard index < bodyEnd else { return nil }
            // The value.
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < bodyEnd, bytes[index] != UInt8(ascii: "\"") {
                    guard bytes[index] >= 0x20, bytes[index] < 0x7F, bytes[index] != UInt8(ascii: "\\") else { return nil }
                    index += 1
                }
                guard index < bodyEnd else { return nil }
                let value = start..<index
                index += 1
                guard set(value, for: key, in: bytes, of: &fields) else { return nil }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                var number = 0
                var digits = 0
                while index < bodyEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    guard digits < 18 else { return nil }
                    number = number * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                    digits += 1
                    index += 1
                }
                if matches(bytes, key, "seq"), fields.seq == nil {
                    fields.seq = number
                } else if matches(bytes, key, "number"), fields.number == nil {
                    fields.number = number
                } else {
                    return nil
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                let flag = bytes[index] == UInt8(ascii: "t")
                let word: StaticString = flag ? "true" : "false"
                guard index + word.utf8CodeUnitCount <= bodyEnd, matches(bytes, index..<index + word.utf8CodeUnitCount, word),
                    matches(bytes, key, "commit"), fields.commit == nil
                else { return nil }
                fields.commit = flag
                index += word.utf8CodeUnitCount
            default:
                return nil
            }
            if index == bodyEnd { return fields }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    /// Records a string value under its key; `false` for an unknown or repeated key.
    private static func set(_ value: Range<Int>, for key: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, of fields: inout Fields) -> Bool
    {
        guard let name = Self.key(key, in: bytes), fields[name] == nil else { return false }
        fields[name] = value
        return true
    }

    /// The field a key names, if the fast path knows it.
    private static func key(_ key: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        switch (key.count, bytes[key.lowerBound]) {
        case (2, UInt8(ascii: "a")) where matches(bytes, key, "at"): .at
        case (2, UInt8(ascii: "i")) where matches(bytes, key, "id"): .id
        case (4, UInt8(ascii: "t")) where matches(bytes, key, "type"): .type
        case (4, UInt8(ascii: "t")) where matches(bytes, key, "text"): .text
        case (4, UInt8(ascii: "d")) where matches(bytes, key, "date"): .date
        case (6, UInt8(ascii: "c")) where matches(bytes, key, "change"): .change
        case (7, UInt8(ascii: "c")) where matches(bytes, key, "country"): .country
        case (3, UInt8(ascii: "o")) where matches(bytes, key, "org"): .org
        case (6, UInt8(ascii: "s")) where matches(bytes, key, "source"): .source
        case (6, UInt8(ascii: "s")) where matches(bytes, key, "status"): .status
        case (3, UInt8(ascii: "u")) where matches(bytes, key, "url"): .url
        case (4, UInt8(ascii: "n")) where matches(bytes, key, "note"): .note
        case (4, UInt8(ascii: "n")) where matches(bytes, key, "name"): .name
        case (4, UInt8(ascii: "p")) where matches(bytes, key, "prev"): .prev
        case (5, UInt8(ascii: "p")) where matches(bytes, key, "place"): .place
        case (4, UInt8(ascii: "h")) where matches(bytes, key, "host"): .host
        default: nil
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != expected[offset] { return false }
        return true
    }
}

/// Values derived from interned strings, each computed on the string's first sight and kept by
/// its number.
private struct DerivedValues<Value: Sendable>: Sendable {
    private var values: [Value??] = []

    /// The value for an interned string; `nil` when the string is empty or `derive` refuses it.
    mutating func value(for string: (text: String, number: Int?), _ derive: (String) -> Value?) -> Value? {
        guard !string.text.isEmpty else { return nil }
        guard let number = string.number else { return derive(string.text) }
        if number >= values.count { values.append(contentsOf: repeatElement(nil, count: number + 1 - values.count)) }
        if let known = values[number] { return known }
        let value = derive(string.text)
        values[number] = .some(value)
        return value
    }
}
