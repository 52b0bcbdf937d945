import TimelineCore

/// Plain-language descriptions of events for tables: "India (IND) becomes member (7th)".
enum EventDescription {
    static func describe(_ event: EffectiveEvent, in timeline: Timeline) -> String {
        let registry = timeline.registry
        func name(_ code: String) -> String { registry.country(code: code)?.name ?? code }
        switch event.payload {
        case .founding(let founding):
            var text = "\(founding.name) founded"
            if let place = founding.place { text += " in \(place)" }
            if !founding.founders.isEmpty { text += " by " + founding.founders.joined(separator: ", ") }
            if let predecessor = founding.predecessor { text += ", succeeding \(predecessor)" }
            return text
        case .accession(let org, let country):
            let ordinal = timeline.transitions(of: country, in: org).first(where: { $0.eventID == event.id && $0.isMembership })
                .flatMap { _ in timeline.ordinal(of: country, in: org) }
            return "\(name(country)) becomes a member of \(org)" + (ordinal.map { " (\(Ordinal.text($0)))" } ?? "")
        case .status(let org, let country, let status, _):
            let before = timeline.transitions(of: country, in: org).first { $0.eventID == event.id }?.before.status
            let change = before.map { "\($0) → \(status)" } ?? "granted \(status)"
            return "\(name(country)): \(change) in \(org)"
        case .withdrawal(let org, let country): return "\(name(country)) withdraws from \(org)"
        case .suspension(let org, let country): return "\(name(country)) suspended from \(org)"
        case .reinstatement(let org, let country): return "\(name(country)) reinstated in \(org)"
        case .reclassify(let org, let from, let to):
            return "\(org) merges \(from.map(\.rawValue).joined(separator: " and ")) into \(to)"
        case .summit(let summit):
            var text = summit.name ?? "\(summit.org) summit"
            if let place = summit.place { text += " in \(place)" }
            if let host = summit.host { text += " (host \(name(host)))" }
            if let number = summit.number { text += ", the \(Ordinal.text(number))" }
            return text
        case .statement(let statement):
            return "\(statement.speaker): \(statement.text)" + (statement.context.map { " (\($0))" } ?? "")
        case .milestone(_, let country, let text):
            return (country.map { "\(name($0)): " } ?? "") + text
        case .dissolution(let org): return "\(org) dissolved"
        case .state(let state):
            return "\(state.name) (\(state.code)) comes into being" + (state.until.map { ", until \($0)" } ?? "")
        case .succession(let org, let country, let predecessor):
            let since = timeline.transitions(of: country, in: org).first { $0.eventID == event.id }?.since
            return "\(name(country)) continues the place of \(name(predecessor)) in \(org)" + (since.map { " (held since \($0))" } ?? "")
        case .merger(let merger):
            let merging = merger.members.filter { $0 != merger.result }.map(name)
            if merger.members.contains(merger.result) {
                return merging.joined(separator: ", ") + " merged into \(name(merger.result)), which continues in \(merger.org)"
            }
            return merger.members.map(name).joined(separator: " and ") + " merge into \(name(merger.result)) in \(merger.org)"
        case .breakup(let breakup):
            return "\(name(breakup.country)) dissolves; its place in \(breakup.org) ends (successors: "
                + breakup.successors.map(name).joined(separator: ", ") + ")"
        case .correction, .retraction: return event.event.summary
        }
    }
}

/// English ordinals: 1st, 2nd, 3rd, 4th, 11th, 22nd.
enum Ordinal {
    static func text(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }
}
