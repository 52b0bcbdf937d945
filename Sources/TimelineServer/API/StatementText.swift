import TimelineCore
import TimelineStore

/// Builds statements of the language from request parameters, each value checked first, so
/// that what a route runs is exactly the statement it reports (and a user can type it).
enum StatementText {
    /// The longest value a parameter may have.
    static let maximumValueLength = 200

    /// A name (an organization, a country) as a string literal of the language.
    static func name(_ value: String, parameter: String) throws(BadRequest) -> String {
        guard !value.isEmpty, value.utf8.count <= maximumValueLength,
            value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else {
            throw .parameter(
                parameter, value, expected: "a name or code of at most \(maximumValueLength) bytes, without control characters")
        }
        var out = "\""
        for character in value.unicodeScalars {
            if character == "\"" || character == "\\" { out += "\\" }
            out.unicodeScalars.append(character)
        }
        return out + "\""
    }

    /// A date, checked as EDTF (`2017`, `2017-06`, `2017-06-09`, with `?`, `~` or `%`).
    static func date(_ value: String, parameter: String) throws(BadRequest) -> String {
        guard value.utf8.count <= 40 else { throw .parameter(parameter, String(value.prefix(40)) + "…", expected: "an EDTF date") }
        // One date: an interval (`2024-07-03/2024-07-04`, `2030/..`) names no single point to ask at.
        guard !value.contains("/"), !value.contains("..") else {
            throw .parameter(parameter, value, expected: "one EDTF date such as 2017, 2017-06 or 2017-06-09, not an interval")
        }
        do {
            _ = try EDTFDate.parse(value)
        } catch {
            throw .parameter(parameter, value, expected: "an EDTF date such as 2017, 2017-06 or 2017-06-09 (\(error.message))")
        }
        return value
    }

    /// `known at seq N` or `known at "TIME"` for the `known` parameter: a sequence number or a
    /// UTC time.
    static func known(_ value: String) throws(BadRequest) -> KnownPoint {
        if let seq = Int(value), seq >= 0 { return .seq(seq) }
        if value.utf8.count <= 40, RecordedTime.parse(value) != nil { return .time(value) }
        throw .parameter("known", value, expected: "a sequence number (40) or a UTC time (2025-03-01 or 2025-03-01T12:00:00Z)")
    }

    /// A pinned head, `SEQ:HASH`.
    static func head(_ value: String) throws(BadRequest) -> CitedHead {
        guard let cited = CitedHead(value) else {
            throw .parameter(
                "head", value, expected: "SEQ:HASH, a record number and at least 12 hex digits of its hash, as in 97:3fa9c1d2e4b5")
        }
        return cited
    }
}

/// A point of the log a query asks from: `known at seq N` or `known at "TIME"`.
enum KnownPoint: Sendable, Equatable {
    case seq(Int)
    case time(String)

    /// The clause, with a leading space.
    var clause: String {
        switch self {
        case .seq(let seq): return " known at seq \(seq)"
        case .time(let time): return " known at \"\(time)\""
        }
    }
}
