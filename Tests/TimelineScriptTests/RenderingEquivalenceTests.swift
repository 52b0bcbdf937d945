import Foundation
import Testing
import TimelineCore
import TimelineScript

/// CSV, JSON and JSON Lines are written byte by byte into one buffer (`RenderedBytes`); the text
/// must be exactly that of the simple path they replaced (a string per cell, joined), for cells
/// that need quoting or escaping as well as plain ones.
@Suite("Rendering: the byte path equals the simple path")
struct RenderingEquivalenceTests {
    /// The simple path, cell by cell, as the renderer wrote it before.
    enum Simple {
        static func quote(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }

        static func json(_ value: Value) -> String {
            switch value {
            case .number(let number): return String(number)
            case .bool(let flag): return flag ? "true" : "false"
            case .null: return "null"
            case .list(let items): return "[" + items.map(json).joined(separator: ",") + "]"
            case .string, .date, .table, .row: return quote(value.text)
            }
        }

        static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }

        static func render(_ table: Table, as format: OutputFormat) -> String {
            switch format {
            case .csv:
                var out = table.columns.map(csvField).joined(separator: ",") + "\n"
                for row in table.rows { out += row.map { csvField($0.text) }.joined(separator: ",") + "\n" }
                return out
            case .json:
                guard !table.rows.isEmpty else { return "[]\n" }
                var out = "[\n"
                for (index, row) in table.rows.enumerated() {
                    let pairs = zip(table.columns, row).map { key, value in quote(key) + ":" + json(value) }
                    out += "  {" + pairs.joined(separator: ",") + "}" + (index == table.rows.count - 1 ? "\n" : ",\n")
                }
                return out + "]\n"
            default:
                return table.rows.map { row in
                    "{"
                        + zip(table.columns, row).compactMap { key, value in
                            if case .null = value { return nil }
                            return quote(key) + ":" + json(value)
                        }.joined(separator: ",") + "}\n"
                }.joined()
            }
        }
    }

    /// Texts that need no quoting and texts that do, in CSV or in JSON or both.
    static let texts = [
        "CHN", "China", "Côte d'Ivoire", "Bosnia and Herzegovina", "a, b", "say \"no\"", "two\nlines", "cr\rhere", "tab\there",
        "back\\slash", "bell\u{07}", "", "日本", "emoji 🇺🇳", "\"", ",",
    ]

    /// Dates of every precision and form: qualified, months, years, intervals open and unknown.
    static let dates = ["2010-04?", "1999", "2001-06~", "2017-06-09%", "2001/2005", "2010-04?/2012", "../2005", "2001/..", "0044-03-15"]
        .compactMap { try? EDTFDate.parse($0) }

    /// A table of `rows` rows with every kind of cell, drawn from a seeded generator.
    static func table(rows: Int, seed: UInt64) -> Table {
        var random = SplitMix64(seed: seed)
        var table = Table(columns: ["ordinal", "country", "name, quoted", "since", "flag", "list", "empty"])
        for _ in 0..<rows {
            let number = Int(bitPattern: UInt(random.next())) >> Int(random.next() % 64)
            let text = texts[Int(random.next() % UInt64(texts.count))]
            let day = 1 + Int(random.next() % 28)
            table.rows.append([
                random.next() % 5 == 0 ? .null : .number(random.next() % 7 == 0 ? Int.min : number), .string(text),
                .string(texts[Int(random.next() % UInt64(texts.count))] + text),
                .date(
                    random.next() % 4 == 0
                        ? dates[Int(random.next() % UInt64(dates.count))]
                        : .day(Int(random.next() % 10_000), 1 + Int(random.next() % 12), day)),
                .bool(random.next() % 2 == 0),
                .list([.number(day), .string(text), .null]), .null,
            ])
        }
        return table
    }

    @Test("CSV, JSON and JSON Lines are byte for byte the simple path's", arguments: [OutputFormat.csv, .json, .jsonl])
    func sameAsSimplePath(format: OutputFormat) {
        let renderer = TableRenderer(format: format, colour: false)
        for seed in 1...20 as ClosedRange<UInt64> {
            let table = Self.table(rows: Int(seed) * 7, seed: seed)
            #expect(renderer.render(table) == Simple.render(table, as: format), "seed \(seed)")
        }
        let empty = Table(columns: ["country"])
        #expect(renderer.render(empty) == Simple.render(empty, as: format))
        #expect(Self.dates.count == 9, "every date parses")
        // Cells far longer than the room reserved for a row: the buffer grows, several times over.
        let long = Table(
            columns: ["country", "text"],
            rows: (0..<3).map { row in [.string("CHN"), .string(String(repeating: Self.texts[row + 4], count: 20_000 * (row + 1)))] })
        #expect(renderer.render(long) == Simple.render(long, as: format))
        let bytes = renderer.renderBytes(Self.table(rows: 50, seed: 77))
        #expect(String(decoding: bytes, as: UTF8.self) == Simple.render(Self.table(rows: 50, seed: 77), as: format))
    }

    @Test("a CSV field holding a CRLF line break is quoted (the simple path's check by character missed it)")
    func crlfIsQuoted() {
        let table = Table(columns: ["text"], rows: [[.string("one\r\ntwo")], [.string("plain")]])
        #expect(TableRenderer(format: .csv, colour: false).render(table) == "text\n\"one\r\ntwo\"\nplain\n")
        #expect(Simple.render(table, as: .csv) == "text\none\r\ntwo\nplain\n")
        #expect(TableRenderer.csvField("a\r\nb") == "\"a\r\nb\"")
    }

    @Test("JSON output parses back to the cells")
    func jsonParsesBack() throws {
        let table = Self.table(rows: 200, seed: 99)
        let text = TableRenderer(format: .json, colour: false).render(table)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 200)
        for (row, object) in zip(table.rows, parsed) {
            if case .string(let country) = row[1] { #expect(object["country"] as? String == country) }
        }
    }
}
