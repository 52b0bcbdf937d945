/// One line of a stepped replay: `2017-06-09 (day)  accession  IND observer → member (7th)  [member 7, observer 5]`.
enum ReplayLine {
    static func text(_ row: [Value], columns: [String]) -> String {
        func cell(_ name: String) -> String { columns.firstIndex(of: name).map { row[$0].text } ?? "" }
        let date = cell("date") + (cell("precision").isEmpty ? "" : " (\(cell("precision")))")
        return "#\(cell("seq"))  \(date)  \(cell("type"))  \(cell("change"))" + (cell("totals").isEmpty ? "" : "  [\(cell("totals"))]")
    }
}
