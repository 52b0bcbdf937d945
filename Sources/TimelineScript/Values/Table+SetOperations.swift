extension Table {
    /// The note a table carries when a row is only possible.
    static let possibleNote = "possible: an event behind the row has a date that may fall after the day asked about"

    /// Two tables combined by their `country` column (both must have one):
    ///
    /// - `intersect`: the rows of `self` whose country is in `other`, in `self`'s columns;
    /// - `except`: the rows of `self` whose country is not in `other`;
    /// - `union`: the rows of `self`, then those of `other` whose country `self` lacks, in the
    ///   columns both tables share (in `self`'s order).
    ///
    /// A row with no country matches nothing. Answers stay three-valued when both tables have a
    /// `certainty` column: a country in both is only possible in an intersection when either row
    /// is; a country whose only rows on the right are possible stays in a difference, as possible;
    /// a country in both is certain in a union when either row is. The notes of both sides are
    /// kept, once each.
    func combined(_ op: SetOperator, with other: Table) -> Table {
        let country = column("country")!
        let otherCountry = other.column("country")!
        let certainty = column("certainty")
        let otherCertainty = other.column("certainty")
        // Per country on the right: whether some row of it is certain.
        var right: [String: Bool] = [:]
        for row in other.rows {
            guard case .string(let code) = row[otherCountry] else { continue }
            let certain = otherCertainty.map { row[$0].text != "possible" } ?? true
            right[code] = (right[code] ?? false) || certain
        }
        var result = Table(columns: columns)
        // A column both sides hide (a `kind` of countries only) stays hidden.
        result.hiddenInText = hiddenInText.intersection(other.hiddenInText)
        switch op {
        case .intersect, .except:
            for var row in rows {
                let code: String? = if case .string(let code) = row[country] { code } else { nil }
                let match = code.flatMap { right[$0] }
                switch (op, match) {
                case (.intersect, nil), (.except, true?): continue
                case (.intersect, false?), (.except, false?):
                    // Only possibly in the right table: only possibly in the answer.
                    if let certainty, otherCertainty != nil { row[certainty] = .string("possible") }
                default: break
                }
                result.rows.append(row)
            }
        case .union:
            let shared = columns.filter { other.column($0) != nil }
            result.columns = shared
            let mine = shared.map { column($0)! }
            let theirs = shared.map { other.column($0)! }
            var seen: [String: Int] = [:]
            for row in rows {
                if case .string(let code) = row[country] { seen[code] = result.rows.count }
                result.rows.append(mine.map { row[$0] })
            }
            let sharedCertainty = result.column("certainty")
            for row in other.rows {
                if case .string(let code) = row[otherCountry], let index = seen[code] {
                    // In both: certain when either side is.
                    if let sharedCertainty, right[code] == true { result.rows[index][sharedCertainty] = .string("certain") }
                    continue
                }
                result.rows.append(theirs.map { row[$0] })
            }
        }
        var notes: [String] = []
        for note in self.notes + other.notes where !notes.contains(note) && note != Self.possibleNote { notes.append(note) }
        if let index = result.column("certainty"), result.rows.contains(where: { $0[index].text == "possible" }) {
            notes.append(Self.possibleNote)
        }
        if result.rows.isEmpty {
            switch op {
            case .intersect: notes.append("no country is in both tables")
            case .except: notes.append("every country of the left table is in the right one")
            case .union: notes.append("both tables are empty")
            }
        }
        result.notes = notes
        return result
    }
}
