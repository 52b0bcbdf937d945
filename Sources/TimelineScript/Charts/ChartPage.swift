import Foundation

/// A self-contained HTML page: the swimlane chart (inline SVG) and the table of events behind
/// it, with no external resources, so it opens anywhere and can be mailed or archived.
enum ChartPage {
    static func html(chart: SwimlaneChart, events: Table) -> String {
        let escape = SwimlaneChart.escape
        let svg = chart.svg().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        let (id, name) = chart.title
        let columns = ["date", "type", chart.laneAttribute == "data-org" ? "org" : "country", "status", "what", "source"]
        let indices = columns.compactMap { events.column($0) }
        var rows = ""
        for row in events.rows {
            rows += "<tr>" + indices.map { "<td>\(escape(row[$0].text))</td>" }.joined() + "</tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(name)) \(chart.fromYear)–\(chart.toYear)</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            h1 { font-size: 1.4em; }
            table { border-collapse: collapse; font-size: 0.85em; margin-top: 1.5em; width: 100%; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            td { overflow-wrap: anywhere; }
            td:nth-child(1) { white-space: nowrap; }
            svg { max-width: 100%; height: auto; }
            </style>
            </head>
            <body>
            <h1>\(escape(name)) (\(escape(id))), \(chart.fromYear)–\(chart.toYear)</h1>
            <p>One row per \(chart.laneAttribute == "data-org" ? "organization" : "country"), one column per year; the colour is the status held at the end of the year. Hover a span for its dates and source.</p>
            \(svg)
            <table>
            <thead><tr>\(columns.map { "<th>\($0)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </body>
            </html>

            """
    }
}
