import Foundation
import TimelineCore

/// A swimlane chart, years across, a glyph per status: of an organization (a lane per country)
/// or of a country (a lane per organization it held a status in).
///
/// The terminal form fits a given width; the SVG form is a standalone file with an axis, a
/// legend, and a hover title on every span giving its dates and source.
struct SwimlaneChart {
    /// The most years one chart spans (a chart of the whole era of a long-lived organization
    /// fits; one to the end of time does not).
    static let maximumYears = 1_000

    /// What a chart is about.
    enum Subject {
        /// An organization: a lane per country that held a status in it.
        case organization(OrganizationID)
        /// A country (its alpha-3 code): a lane per organization it held a status in.
        case country(String)
    }

    /// One row of the chart: what it is about, and its status at the end of each year.
    struct Lane {
        /// The country code (in an organization's chart) or organization id (in a country's).
        let key: String
        /// The organization whose statuses the lane shows.
        let org: OrganizationID
        /// Each year's status, `nil` when none was held.
        let cells: [StatusRow?]
    }

    let timeline: Timeline
    let subject: Subject
    let fromYear: Int
    let toYear: Int

    /// Glyphs from the top rung down; uncertain years use the light shade.
    static let glyphs: [Character] = ["█", "▓", "▒", "▞", "▚", "▪"]
    static let uncertainGlyph: Character = "?"
    /// Years in which the participant was suspended (it keeps its status, but not its rights).
    static let suspendedGlyph: Character = "×"
    /// The terminal colour of suspended years (red).
    static let suspendedColour = "31"

    /// The chart's subject as a short label (`SCO`, `BLR`) and its full name.
    var title: (id: String, name: String) {
        switch subject {
        case .organization(let org): return (org.rawValue, timeline.organizations[org]?.name ?? org.rawValue)
        case .country(let code): return (code, timeline.registry.country(code: code)?.name ?? code)
        }
    }

    /// The SVG attribute that names a lane: `data-country` in an organization's chart,
    /// `data-org` in a country's.
    var laneAttribute: String {
        if case .country = subject { return "data-org" }
        return "data-country"
    }

    /// The status (and certainty) of each lane at the end of each year: in an organization's
    /// chart, its participants by ordinal; in a country's, the organizations by the year it
    /// first held a status in them.
    func lanes() -> [Lane] {
        let years = Array(fromYear...toYear)
        func endOfYear(_ year: Int) -> CivilDay { CivilDay(year: year, month: 12, day: 31) }
        func firstYear(_ lane: Lane) -> Int { lane.cells.firstIndex { $0 != nil } ?? 0 }
        switch subject {
        case .organization(let org):
            return timeline.participants(of: org).compactMap { country in
                let cells = years.map { timeline.status(of: country, in: org, at: endOfYear($0)) }
                return cells.contains { $0 != nil } ? Lane(key: country, org: org, cells: cells) : nil
            }.sorted { left, right in
                let a = timeline.ordinal(of: left.key, in: org) ?? Int.max
                let b = timeline.ordinal(of: right.key, in: org) ?? Int.max
                if a != b { return a < b }
                return firstYear(left) != firstYear(right) ? firstYear(left) < firstYear(right) : left.key < right.key
            }
        case .country(let code):
            return timeline.organizations.keys.compactMap { org in
                let cells = years.map { timeline.status(of: code, in: org, at: endOfYear($0)) }
                return cells.contains { $0 != nil } ? Lane(key: org.rawValue, org: org, cells: cells) : nil
            }.sorted { firstYear($0) != firstYear($1) ? firstYear($0) < firstYear($1) : $0.key < $1.key }
        }
    }

    /// Every status that appears, highest first: an organization's by its ladder; a country's
    /// by their height on the ladders they come from (every top rung first), then by name.
    func statuses(in lanes: [Lane]) -> [Status] {
        var rank: [Status: Int] = [:]
        for org in Set(lanes.map(\.org)) {
            let ladder = timeline.organizations[org]?.foundingLadder.rungs.reversed().map { $0 } ?? []
            for (index, status) in ladder.enumerated() { rank[status] = min(rank[status] ?? Int.max, index) }
        }
        let used = Set(lanes.flatMap { $0.cells.compactMap { $0?.status } })
        return used.sorted { left, right in
            let a = rank[left] ?? Int.max
            let b = rank[right] ?? Int.max
            return a != b ? a < b : left.rawValue < right.rawValue
        }
    }

    /// ANSI colours by rung, highest first (blue, cyan, green, magenta, yellow, white).
    static let ansiColours = ["34", "36", "32", "35", "33", "37"]

    /// The chart as text, at most `width` columns wide; with `colour`, each status also has its
    /// terminal colour and possible years are dimmed.
    func text(width: Int, colour: Bool = false) -> String {
        let lanes = lanes()
        guard !lanes.isEmpty else {
            switch subject {
            case .organization(let org): return "(no country held a status in \(org) between \(fromYear) and \(toYear))"
            case .country(let code):
                return "(\(title.name) (\(code)) held no status in any organization between \(fromYear) and \(toYear))"
            }
        }
        let statuses = statuses(in: lanes)
        let years = toYear - fromYear + 1
        // Country codes take 3 columns; organization ids up to 10.
        let label = min(10, max(4, (lanes.map(\.key.count).max() ?? 0) + 1))
        let available = max(10, width - label - 1)
        let step = max(1, Int((Double(years) / Double(available)).rounded(.up)))
        let columns = (years + step - 1) / step
        func glyph(_ row: StatusRow?) -> String {
            guard let row else { return " " }
            let index = min(statuses.firstIndex(of: row.status) ?? 0, Self.glyphs.count - 1)
            let character = row.certainty == .possible ? Self.uncertainGlyph : row.suspended ? Self.suspendedGlyph : Self.glyphs[index]
            guard colour else { return String(character) }
            let code = row.suspended && row.certainty != .possible ? Self.suspendedColour : Self.ansiColours[index]
            return "\u{1B}[\(row.certainty == .possible ? "2;" : "")\(code)m\(character)\u{1B}[0m"
        }
        var lines: [String] = []
        // The axis: the first year of each decade that falls on a column.
        var axis = [Character](repeating: " ", count: columns)
        var column = 0
        while column < columns {
            let year = fromYear + column * step
            if column == 0 || year % 10 == 0 || (step > 1 && year % 10 < step) {
                let text = Array(String(year))
                if column + text.count <= columns {
                    for (offset, character) in text.enumerated() { axis[column + offset] = character }
                    column += text.count + 1
                    continue
                }
            }
            column += 1
        }
        lines.append(String(repeating: " ", count: label + 1) + String(axis))
        for lane in lanes {
            var cells = ""
            for index in 0..<columns { cells += glyph(lane.cells[min(index * step, years - 1)]) }
            lines.append(String(lane.key.prefix(label)).padding(toLength: label, withPad: " ", startingAt: 0) + " " + cells)
        }
        var legend = statuses.enumerated().map { index, status in
            let glyph = String(Self.glyphs[min(index, Self.glyphs.count - 1)])
            return (colour ? "\u{1B}[\(Self.ansiColours[min(index, Self.ansiColours.count - 1)])m\(glyph)\u{1B}[0m" : glyph) + " \(status)"
        }
        if lanes.contains(where: { $0.cells.contains { $0?.suspended == true } }) {
            legend.append(
                (colour ? "\u{1B}[\(Self.suspendedColour)m\(Self.suspendedGlyph)\u{1B}[0m" : String(Self.suspendedGlyph)) + " suspended")
        }
        legend.append("\(Self.uncertainGlyph) possible")
        if step > 1 { legend.append("one column = \(step) years") }
        let legendWidths = legend.map(Self.visibleWidth)
        lines.append("")
        // The legend, wrapped to the width (escape codes take no room on screen).
        var line = ""
        var shown = 0
        for (item, visible) in zip(legend, legendWidths) {
            if shown > 0 && shown + 3 + visible > width {
                lines.append(line)
                line = ""
                shown = 0
            }
            line += (shown > 0 ? "   " : "") + item
            shown += (shown > 0 ? 3 : 0) + visible
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Text made safe for XML and HTML content and attributes.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The width of text on screen, not counting ANSI escape sequences.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if scalar == "m" { inEscape = false }
            } else {
                width += 1
            }
        }
        return width
    }

    static let colours = ["#1f4e9c", "#2a9d8f", "#e9b949", "#9b6ac1", "#e76f51", "#6b8e23"]

    /// The longest a lane's label is in the SVG; a longer country name is cut with "…" and
    /// given whole in the label's hover title.
    static let longestLabel = 32

    /// A lane's label in the SVG and HTML: the country's (or, in a country's chart, the
    /// organization's) name and its code, "Belarus (BLR)"; the code alone for a code nothing
    /// names. The second value is the whole label when the first is cut.
    func label(of key: String) -> (shown: String, full: String?) {
        let known: String?
        switch subject {
        case .organization: known = timeline.registry.country(code: key)?.name
        case .country: known = OrganizationID(key).flatMap { timeline.organizations[$0]?.name }
        }
        guard let name = known, name != key else { return (key, nil) }
        let full = "\(name) (\(key))"
        guard full.count > Self.longestLabel else { return (full, nil) }
        // Cut at a word when there is one to cut at.
        let room = Self.longestLabel - key.count - 4
        var cut = name.prefix(room)
        if name.dropFirst(room).first != " ", let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return (cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;")) + "… (\(key))", full)
    }

    func svg() -> String {
        let lanes = lanes()
        let statuses = statuses(in: lanes)
        let years = toYear - fromYear + 1
        let labels = lanes.map { label(of: $0.key) }
        // Room for the longest label at about 7 pixels a character (12-pixel sans-serif).
        let left = max(64.0, 16.0 + 7.0 * Double(labels.map(\.shown.count).max() ?? 0))
        let top = 40.0
        let rowHeight = 22.0
        // The years share what the labels leave of about a thousand pixels.
        let yearWidth = max(8.0, min(40.0, (964.0 - left) / Double(years)))
        let legendWidth = left + statuses.reduce(0.0) { $0 + 24 + Double($1.rawValue.count) * 7 } + 120
        let width = max(left + Double(years) * yearWidth + 20, legendWidth)
        let height = top + Double(lanes.count) * rowHeight + 60
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <title>\(Self.escape(title.id)) \(fromYear)–\(toYear)</title>
            <defs><pattern id="suspended" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/><rect width="3" height="6" fill="#c0392b"/></pattern></defs>
            <rect width="100%" height="100%" fill="white"/>

            """
        for year in fromYear...toYear where year == fromYear || year % 5 == 0 {
            let x = left + Double(year - fromYear) * yearWidth
            out += "<line x1=\"\(x)\" y1=\"\(top - 6)\" x2=\"\(x)\" y2=\"\(top + Double(lanes.count) * rowHeight)\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(x)\" y=\"\(top - 10)\" text-anchor=\"middle\">\(year)</text>\n"
        }
        for (index, lane) in lanes.enumerated() {
            let y = top + Double(index) * rowHeight
            out += "<g class=\"lane\" \(laneAttribute)=\"\(Self.escape(lane.key))\">\n"
            let label = labels[index]
            out += "<text class=\"label\" x=\"\(left - 8)\" y=\"\(y + rowHeight * 0.7)\" text-anchor=\"end\">\(Self.escape(label.shown))"
            out += (label.full.map { "<title>\(Self.escape($0))</title>" } ?? "") + "</text>\n"
            var start = 0
            while start < lane.cells.count {
                guard let row = lane.cells[start] else {
                    start += 1
                    continue
                }
                var end = start
                while end + 1 < lane.cells.count, let next = lane.cells[end + 1], next.status == row.status,
                    next.certainty == row.certainty,
                    next.suspended == row.suspended
                { end += 1 }
                let colour = Self.colours[min(statuses.firstIndex(of: row.status) ?? 0, Self.colours.count - 1)]
                let source = timeline.event(row.eventID)?.event.source.description ?? ""
                let x = left + Double(start) * yearWidth
                var opacity = row.certainty == .possible ? " fill-opacity=\"0.45\" stroke-dasharray=\"3,2\" stroke=\"\(colour)\"" : ""
                // A suspended span is hatched, edged in its status's colour.
                if row.suspended { opacity += " data-suspended=\"true\" stroke=\"\(colour)\" stroke-width=\"2\"" }
                let fill = row.suspended ? "url(#suspended)" : colour
                out +=
                    "<rect class=\"span\" data-status=\"\(row.status)\" data-from=\"\(fromYear + start)\" data-to=\"\(fromYear + end)\" x=\"\(x)\" y=\"\(y + 3)\" width=\"\(Double(end - start + 1) * yearWidth)\" height=\"\(rowHeight - 6)\" fill=\"\(fill)\"\(opacity)>"
                out +=
                    "<title>\(Self.escape("\(label.full ?? label.shown) \(row.status)\(row.suspended ? ", suspended" : "") since \(row.since) (\(row.certainty)); source: \(source)"))</title></rect>\n"
                start = end + 1
            }
            out += "</g>\n"
        }
        var x = left
        let legendY = top + Double(lanes.count) * rowHeight + 30
        for (index, status) in statuses.enumerated() {
            out +=
                "<rect x=\"\(x)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\" fill=\"\(Self.colours[min(index, Self.colours.count - 1)])\"/>"
            out += "<text x=\"\(x + 16)\" y=\"\(legendY)\">\(Self.escape(status.rawValue))</text>\n"
            x += 24 + Double(status.rawValue.count) * 7
        }
        if lanes.contains(where: { $0.cells.contains { $0?.suspended == true } }) {
            out += "<rect x=\"\(x)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\" fill=\"url(#suspended)\"/>"
            out += "<text x=\"\(x + 16)\" y=\"\(legendY)\">suspended</text>\n"
            x += 24 + 9 * 7
        }
        out += "<text x=\"\(x)\" y=\"\(legendY)\" fill=\"#555\">faded: possible</text>\n</svg>\n"
        return out
    }
}
