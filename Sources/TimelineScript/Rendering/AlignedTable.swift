/// The aligned text form of a table: a header, a line per row, columns two spaces apart, numbers
/// right-aligned.
///
/// Given a width, the table fits it: when the natural layout is wider, long text columns (see
/// `ColumnFit`) narrow, the widest first, and their cells wrap onto further lines of the row or
/// are cut with "…"; key columns keep their full width. When even the narrowest layout cannot fit
/// (the key columns alone are too wide), there is no aligned form and the caller shows the table
/// as records.
struct AlignedTable {
    let table: Table
    let colour: Bool

    /// The narrowest a long text column becomes: its title, and at least this many characters.
    static let minimumTextWidth = 12
    static let separator = "  "

    /// The table as lines ending in a newline, at most `width` characters wide when a width is
    /// given; `nil` when it cannot fit that width.
    func text(width: Int?) -> String? {
        let titles = table.columns.map(TableRenderer.title)
        let cells = table.rows.map { $0.map(\.text) }
        var natural = titles.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() { natural[index] = max(natural[index], cell.count) }
        }
        let numeric = table.columns.indices.map { index in
            table.rows.allSatisfy { row in
                if case .number = row[index] { return true }
                if case .null = row[index] { return true }
                return false
            }
        }
        let spacing = Self.separator.count * max(0, table.columns.count - 1)
        var widths = natural
        var fits = Array(repeating: ColumnFit.fixed, count: table.columns.count)
        var fitted = false
        if let width, natural.reduce(spacing, +) > width {
            fitted = true
            fits = table.columns.indices.map { index in ColumnFit.of(key: table.columns[index], values: table.rows.lazy.map { $0[index] }) }
            guard let narrowed = Self.narrow(natural, titles: titles, fits: fits, to: width - spacing) else { return nil }
            widths = narrowed
        }

        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - value.count))
                if index == values.count - 1 && !numeric[index] {
                    parts.append(value)
                } else {
                    parts.append(numeric[index] ? padding + value : value + padding)
                }
            }
            return parts.joined(separator: Self.separator)
        }
        /// The lines of one row: a cell that wraps continues on lines whose other cells are blank.
        func lines(_ row: [String]) -> [String] {
            let columns: [[String]] = row.enumerated().map { index, cell in
                guard cell.count > widths[index] else { return [cell] }
                switch fits[index] {
                case .fixed: return [cell]
                case .wrap: return TextFitting.wrap(cell, width: widths[index])
                case .ellipsize: return [TextFitting.ellipsize(cell, width: widths[index])]
                }
            }
            let height = columns.map(\.count).max() ?? 1
            return (0..<height).map { number in
                let text = line(columns.map { number < $0.count ? $0[number] : "" })
                // A fitted table never ends a line in blanks (a terminal would count them).
                return number == 0 && !fitted ? text : String(text.reversed().drop { $0 == " " }.reversed())
            }
        }

        var out = ""
        let header = line(titles)
        out += (colour ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        let certainty = table.column("certainty")
        for (index, row) in cells.enumerated() {
            let possible = certainty.map { table.rows[index][$0].text == "possible" } ?? false
            for text in lines(row) {
                out += (colour && possible ? "\u{1B}[33m" + text + "\u{1B}[0m" : text) + "\n"
            }
        }
        if table.rows.isEmpty { out += "(no rows)\n" }
        return out
    }

    /// Column widths that fit `available` characters (separators excluded): the long text
    /// columns narrow one character at a time, the widest first, down to their minimum; `nil`
    /// when even their minimums do not fit.
    static func narrow(_ natural: [Int], titles: [String], fits: [ColumnFit], to available: Int) -> [Int]? {
        let minimum = natural.indices.map { index in
            fits[index] == .fixed ? natural[index] : min(natural[index], max(titles[index].count, minimumTextWidth))
        }
        guard minimum.reduce(0, +) <= available else { return nil }
        var widths = natural
        var total = widths.reduce(0, +)
        while total > available {
            // The widest column that can still give up a character.
            guard
                let index = widths.indices.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] })
            else { return nil }
            widths[index] -= 1
            total -= 1
        }
        return widths
    }
}
