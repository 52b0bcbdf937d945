extension NewEvent {
    /// A one-line summary in the language's own words: `accession SCO IND on 2017-06-09`.
    public var summary: String {
        let on = date.map { " on \($0)" } ?? ""
        switch payload {
        case .founding(let founding): return "founding \(founding.org)\(on)"
        case .accession(let org, let country): return "accession \(org) \(country)\(on)"
        case .status(let org, let country, let status, _): return "status \(org) \(country) \(status)\(on)"
        case .withdrawal(let org, let country): return "withdrawal \(org) \(country)\(on)"
        case .suspension(let org, let country): return "suspension \(org) \(country)\(on)"
        case .reinstatement(let org, let country): return "reinstatement \(org) \(country)\(on)"
        case .reclassify(let org, let from, let to):
            return "reclassify \(org) \(from.map(\.rawValue).joined(separator: " ")) as \(to)\(on)"
        case .summit(let summit): return "summit \(summit.org)\(on)" + (summit.place.map { " in \($0)" } ?? "")
        case .statement(let statement): return "statement \"\(statement.speaker)\"\(on)"
        case .milestone(let org, let country, let text):
            return "milestone \(org)\(country.map { " \($0)" } ?? "")\(on): \(text)"
        case .dissolution(let org): return "dissolution \(org)\(on)"
        case .state(let state): return "state \(state.code)\(on)"
        case .succession(let org, let country, let predecessor): return "succession \(org) \(country) from \(predecessor)\(on)"
        case .merger(let merger):
            return "merger \(merger.org) \(merger.members.joined(separator: " ")) into \(merger.result)\(on)"
        case .breakup(let breakup):
            return "breakup \(breakup.org) \(breakup.country) into \(breakup.successors.joined(separator: " "))\(on)"
        case .correction(let target, _): return "correction of \(target)"
        case .retraction(let target, _): return "retraction of \(target)"
        }
    }
}
