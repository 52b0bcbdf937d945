import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// `export` then `import` into a fresh log reproduces the same answers.
@Suite("Export and import")
struct ExportImportTests {
    @Test("export intervals has the contract header and open intervals")
    func intervals() throws {
        let result = try timelineInRoot(["--format", "csv", "-c", "export intervals SCO"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "org,country,kind,status,from,to")
        #expect(lines.contains("SCO,BLR,country,dialogue-partner,2010-04,2015-07-10"))
        #expect(lines.contains("SCO,BLR,country,member,2024-07-04,"))
        #expect(lines.contains("SCO,MNG,country,observer,2004-06-17,2025-09-01"))
    }

    @Test("exported rows say which participants are organizations; an event's alternative dates are columns of their own")
    func kindsAndAlternatives() throws {
        let intervals = try timelineInRoot(["--format", "csv", "-c", "export intervals G20"])
        #expect(intervals.stdout.contains("G20,AU,organization,member,2023-09-09,"))
        #expect(intervals.stdout.contains("G20,ZAF,country,member,1999-12-15,"))
        let events = try timelineInRoot(["--format", "jsonl", "-c", "export events G20"])
        let rows = try events.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let africa = try #require(rows.first { $0["type"] as? String == "accession" && $0["country"] as? String == "AU" })
        #expect(africa["kind"] as? String == "organization")
        let founding = try #require(rows.first { $0["type"] as? String == "founding" })
        #expect(founding["also.announced"] as? String == "1999-09-25")
        #expect((founding["also.announced.url"] as? String)?.hasPrefix("http") == true)
    }

    @Test("events exported as JSON Lines or CSV import into a fresh log with the same ids and answers", arguments: ["jsonl", "csv"])
    func roundTrip(format: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let file = scratch.file("events.\(format)")
        let exported = try timelineInRoot(["--format", format, "-c", "export events"])
        #expect(exported.status == 0)
        writeBytes(Array(exported.stdout.utf8), to: file)
        let fresh = scratch.file("fresh.jsonl")
        let imported = try timelineInRoot(["--log", fresh, "-c", "import \"\(file)\""])
        #expect(imported.status == 0, "\(imported.stderr)")
        let original = try FileEventLog(path: packageRoot + "/Events/diplomacy.jsonl").read().records
        #expect(imported.stdout.contains("appended \(original.count) events"))
        let copy = try FileEventLog(path: fresh).read().records
        #expect(copy.map(\.id) == original.map(\.id))
        for query in [
            "roster SCO at 2024-07-04", "members SCO at 2017-06-09", "roster SCO at 2010-04-15", "history Belarus", "summits SCO",
            "orgs at 2000", "export intervals",
        ] {
            let a = try timelineInRoot(["--format", "csv", "-c", query])
            let b = try timelineInRoot(["--log", fresh, "--format", "csv", "-c", query])
            #expect(a.stdout == b.stdout, "\(query)")
        }
        // Importing again appends nothing.
        let again = try timelineInRoot(["--log", fresh, "-c", "import \"\(file)\""])
        #expect(again.stdout.contains("nothing appended"))
    }

    @Test("a bad row is reported with its line and nothing is written")
    func badRow() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let csv = scratch.file("bad.csv")
        try """
        type,date,org,name,founders,ladder,country,source
        founding,2000,TST,Test,CHN RUS,member,,x
        accession,2001,TST,,,,KAZ,x
        accession,2002-13-01,TST,,,,KGZ,x
        """.write(toFile: csv, atomically: true, encoding: .utf8)
        let log = scratch.file("log.jsonl")
        let result = try timeline(["--log", log, "-c", "import \"\(csv)\""])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(csv):4: field \"date\": month 13 is out of range"))
        #expect(result.stderr.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: log))
        let jsonl = scratch.file("bad.jsonl")
        try """
        {"type":"founding","date":"2000","org":"TST","name":"Test","founders":["CHN"],"ladder":["member"],"source":"x"}
        {"type":"accession","date":"2001","org":"TST","country":"CHN","source":"x"}
        """.write(toFile: jsonl, atomically: true, encoding: .utf8)
        let refused = try timeline(["--log", log, "-c", "import \"\(jsonl)\""])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(jsonl):2: refused: "))
        #expect(refused.stderr.contains("[rule already-member]"))
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test("import draws a progress bar on a terminal, and none through a pipe")
    func importProgress() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let generated = scratch.file("g.jsonl")
        #expect(try timeline(["--log", generated, "generate", "--events", "60000"]).status == 0)
        let exported = try timeline(["--log", generated, "--format", "jsonl", "-c", "export events"])
        let events = scratch.file("events.jsonl")
        writeBytes(Array(exported.stdout.utf8), to: events)
        let terminal = try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path,
            ["--log", scratch.file("fresh.jsonl"), "-c", "import \"\(events)\""],
            environment: ["TERM": "xterm", "HOME": scratch.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        let output = try terminal.expect("appended 60000 events", timeout: 120)
        #expect(output.contains("import █") || output.contains("import ░"), "no bar in: \(output.suffix(300))")
        #expect(try terminal.waitForExit() == 0)
        let piped = try timeline(["--log", scratch.file("fresh2.jsonl"), "-c", "import \"\(events)\""])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("records, "), "a bar off a terminal: \(piped.stderr.prefix(200))")
    }
}
