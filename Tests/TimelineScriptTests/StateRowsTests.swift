import Foundation
import Testing
import TimelineCore
import TimelineScript
import TimelineStore

/// A members, roster or status answer that a statement shows goes to a host that asks for it as
/// its rows (`ScriptOutput.stateRows`), and CSV, JSON and JSON Lines are written from those rows
/// without a table of values. What is written must be exactly what the table gives.
@Suite("States answers written from their rows")
struct StateRowsTests {
    /// The bundled history: every kind of row (suspended, possible, an organization taking part).
    static let bundledLog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Events/diplomacy.jsonl").path

    /// Runs `script` on the bundled log, with a host that takes rows or one that takes tables.
    static func run(_ script: String, takesStateRows: Bool) -> (outputs: [ScriptOutput], diagnostics: [Diagnostic]) {
        final class Outputs: @unchecked Sendable { var all: [ScriptOutput] = [] }
        let outputs = Outputs()
        let host = IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31)) { outputs.all.append($0) }
        host.takesStateRows = takesStateRows
        let outcome = Interpreter(session: LogSession(log: FileEventLog(path: bundledLog)), host: host).run(
            SourceFile(name: "<test>", text: script))
        return (outputs.all, outcome.diagnostics)
    }

    /// The organizations of the bundled log, by id.
    static let organizations: [String] = {
        guard case .table(let table)? = run("orgs at 2025-12-31", takesStateRows: false).outputs.first else { return [] }
        return table.rows.map { $0[0].text }
    }()

    /// Days from the end of the war to today, and days inside imprecise dates.
    static let days =
        stride(from: 1945, through: 2025, by: 4).map { "\($0)-06-30" } + ["2001-06", "2010-04-15", "1991-12-26", "2022-03-16"]

    /// Members and rosters of every organization on every day, under the default dates and
    /// another convention; the status of a few countries; and queries the log cannot answer.
    static var script: String {
        var lines: [String] = []
        for org in organizations {
            for day in days {
                lines.append("members \(org) at \(day)")
                lines.append("print roster \(org) at \(day)")
            }
            lines.append("members \(org) at 2020-01-01 by decided")
            lines.append("members \(org) at 2020-01-01 known at seq 400")
            for country in ["RUS", "MLI", "GBR", "EU"] { lines.append("status \(country) in \(org) at 2023-01-01") }
        }
        return lines.joined(separator: "\n")
    }

    @Test("each answer's bytes, in every format, are its table's, notes included", arguments: OutputFormat.allCases)
    func sameBytesAsTable(format: OutputFormat) throws {
        let run = Self.run(Self.script, takesStateRows: true)
        #expect(run.diagnostics.isEmpty)
        let answers = run.outputs.compactMap { output -> StateRows? in
            if case .stateRows(let answer) = output { return answer }
            return nil
        }
        // Every statement shows its rows, but those asked known at a head before the log held
        // their organization, which show a table saying so.
        let notYet = run.outputs.filter { output in
            if case .table(let table) = output { return table.rows.isEmpty && table.notes.contains { $0.contains("not yet in the log") } }
            return false
        }
        #expect(answers.count + notYet.count == run.outputs.count)
        #expect(run.outputs.count == Self.organizations.count * (Self.days.count * 2 + 6))
        #expect(answers.count > 1_000)
        let printer = OutputPrinter(renderer: TableRenderer(format: format, colour: false, width: 100))
        for answer in answers {
            let fromRows = printer.bytes(for: .stateRows(answer))
            let fromTable = printer.bytes(for: .table(answer.table))
            #expect(fromRows.out == fromTable.out)
            #expect(fromRows.error == fromTable.error)
            #expect(answer.notes == answer.table.notes)
            #expect(answer.columns == answer.table.columns)
        }
        // The answers compared hold every kind of row.
        let rows = answers.flatMap(\.rows)
        #expect(rows.contains { $0.suspended })
        #expect(rows.contains { $0.certainty == .possible })
        #expect(rows.contains { $0.country == "EU" })
        #expect(rows.contains { $0.ordinal == nil })
        #expect(answers.contains { $0.rows.isEmpty && !$0.notes.isEmpty })
        #expect(answers.contains { answer in !answer.rows.isEmpty && !answer.rows.contains { $0.suspended } })
    }

    @Test("a run shows the same answers whether its host takes rows or tables")
    func sameRun() throws {
        let script = Self.script
        let rows = Self.run(script, takesStateRows: true)
        let tables = Self.run(script, takesStateRows: false)
        #expect(rows.outputs.count == tables.outputs.count)
        #expect(!tables.outputs.contains { if case .stateRows = $0 { true } else { false } })
        let printer = OutputPrinter(renderer: TableRenderer(format: .csv, colour: false))
        for (fromRows, fromTables) in zip(rows.outputs, tables.outputs) {
            let left = printer.bytes(for: fromRows)
            let right = printer.bytes(for: fromTables)
            #expect(left.out == right.out && left.error == right.error)
        }
    }

    @Test(
        "only a states query shown on its own comes as rows",
        arguments: [
            ("members SCO at 2020", true), ("print members SCO at 2020", true), ("roster AU at 2022-06-01", true),
            ("status RUS in COE at 2023", true), ("members SCO at 2020 | count", false), ("print members SCO at 2020, 1", false),
            ("let m = members SCO at 2020\nm", false), ("memberships CHN at 2020", false), ("orgs at 2020", false),
            ("members SCO at 2020 union members CSTO at 2020", false), ("history SCO from 2001 to 2002", false),
        ])
    func onlyStatesQueries(statement: String, asRows: Bool) throws {
        let run = Self.run(statement, takesStateRows: true)
        #expect(run.diagnostics.isEmpty)
        let kinds = run.outputs.map { output in if case .stateRows = output { "rows" } else { "other" } }
        #expect(kinds.contains("rows") == asRows, "\(kinds)")
    }

    @Test("a query asked known at a head before its organization was recorded keeps its table and its note")
    func notYetRecorded() throws {
        let run = Self.run("members AU at 2020 known at seq 1", takesStateRows: true)
        #expect(run.diagnostics.isEmpty)
        guard case .table(let table)? = run.outputs.first else {
            Issue.record("expected a table, got \(run.outputs)")
            return
        }
        #expect(table.rows.isEmpty)
        #expect(table.notes.count == 1)
    }
}
