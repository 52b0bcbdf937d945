/// Another date of the step an event records, under another convention, with its own source:
/// the summit decision of a status that took effect with a memorandum, the signature of a treaty
/// that entered into force later.
///
/// For example:
/// ```swift
/// let decided = AlternativeDate(kind: .decided, date: .day(2009, 6, 16), source: Source(citation: "Yekaterinburg declaration")!)
/// ```
public struct AlternativeDate: Hashable, Sendable {
    /// Which date of the step this is.
    public var kind: DateKind
    /// The date.
    public var date: EDTFDate
    /// Where it comes from.
    public var source: Source

    /// The `kind` date of a step, `date`, on the word of `source`.
    public init(kind: DateKind, date: EDTFDate, source: Source) {
        self.kind = kind
        self.date = date
        self.source = source
    }

    /// The field map the log stores an event's alternative dates in (`also`): for each kind, its
    /// date under the kind's name, its citation under `KIND.source` and its address under
    /// `KIND.url`.
    static func fields(of dates: [AlternativeDate]) -> [String: String] {
        var map: [String: String] = [:]
        for date in dates {
            map[date.kind.rawValue] = date.date.description
            map[date.kind.rawValue + ".source"] = date.source.citation
            if let url = date.source.url { map[date.kind.rawValue + ".url"] = url }
        }
        return map
    }

    /// The alternative dates a field map holds, sorted by kind.
    /// - Throws: `EventFieldError` naming the key that is not a date kind, a date that does not
    ///   parse, or a date without its source.
    static func dates(from map: [String: String], field: String) throws(EventFieldError) -> [AlternativeDate] {
        var dates: [AlternativeDate] = []
        // In key order, so that the first fault reported is the same every time.
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard let kind = DateKind(rawValue: parts[0]) else {
                throw EventFieldError(field: "\(field).\(key)", message: "expected a date kind: \(DateKind.words)")
            }
            if parts.count == 2 {
                guard parts[1] == "source" || parts[1] == "url" else {
                    throw EventFieldError(field: "\(field).\(key)", message: "expected \(kind).source or \(kind).url")
                }
                guard map[kind.rawValue] != nil else {
                    throw EventFieldError(field: "\(field).\(key)", message: "has no \(kind) date")
                }
                continue
            }
            let date: EDTFDate
            do { date = try EDTFDate.parse(value) } catch { throw EventFieldError(field: "\(field).\(key)", message: error.message) }
            guard let source = Source(citation: map[kind.rawValue + ".source"] ?? "", url: map[kind.rawValue + ".url"]) else {
                throw EventFieldError(field: "\(field).\(key).source", message: "every alternative date needs its own source")
            }
            dates.append(AlternativeDate(kind: kind, date: date, source: source))
        }
        return dates.sorted { $0.kind < $1.kind }
    }

    /// `dates` with `added` merged in: a date of a kind already present replaces it.
    static func merging(_ dates: [AlternativeDate], _ added: [AlternativeDate]) -> [AlternativeDate] {
        var byKind = Dictionary(dates.map { ($0.kind, $0) }, uniquingKeysWith: { $1 })
        for date in added { byKind[date.kind] = date }
        return byKind.values.sorted { $0.kind < $1.kind }
    }
}
