import Foundation

/// The REPL's `.help`: one topic per statement and concept, each with an example.
public enum HelpTopics {
    /// Topic names, for `.help TOPIC` and its completion.
    public static var names: [String] { topics.map(\.name) }

    /// The text of a topic, or `nil` when there is none by that name.
    public static func text(_ name: String) -> String? {
        topics.first { $0.name == name.lowercased().trimmingCharacters(in: [".", " "]) }?.text
    }

    /// The overview `.help` prints.
    public static var overview: String {
        """
        Ask about diplomatic history at any date; every answer is backed by sourced events.

          members SCO at 2024-07-04        roster SCO at 2024-07-04        status BLR in SCO at 2015
          history Belarus                  summits SCO from 2017 to 2024   orgs at 1999
          diff SCO 2015 2024               why BLR in SCO at 2024-07-05    replay SCO to 2017
          chart SCO from 2001 to 2025      members SCO at 2017 known at seq 40
          memberships Belarus at 2024      chart Belarus                   history from 2004 to 2004
          members SCO at 2025 intersect members BRICS at 2025             (also union, except)

        Statements end at the end of a line; an open {, (, [ or quote, or a trailing |, continues
        on the next. Tab completes; Ctrl-R searches the history; Ctrl-C cancels; Ctrl-D leaves.

        Dot-commands: .help [topic]  .read FILE  .format table|records|markdown|json|jsonl|csv  .pager on|off
                      .timer on|off  .cite on|off  .log PATH  .quit
        Topics: \(names.joined(separator: " "))
        """
    }

    /// The topic of `intersect`, `union` and `except`, under each name.
    static func setOperationsTopic(_ name: String) -> (name: String, text: String) {
        let forms = SetOperator.allCases.map { "  TABLE \($0.rawValue) TABLE   \($0.summary)" }.joined(separator: "\n")
        return (
            name,
            "TABLE intersect|union|except TABLE   (rows matched by their country column)\n\(forms)\n"
                + "  intersect binds tighter than union and except; a pipeline after them applies to the result;\n"
                + "  a row only possible on either side is only possible in the answer.\n"
                + "  Example: members SCO at 2025-01-06 intersect members BRICS at 2025-01-06 | select country, name"
        )
    }

    /// One topic per query verb (from `QueryVerb`), then the statements and concepts.
    static let topics: [(name: String, text: String)] =
        QueryVerb.allCases.map { ($0.rawValue, $0.helpText) } + [
            (
                "known",
                "… known at seq N   or   … known at DATE-OR-TIME\n  Any query as the log stood at an earlier record or recorded time.\n  Example: members SCO at 2024 known at seq 40"
            ),
            (
                "by",
                "… by KIND   (decided, signed, ratified, deposited, announced, effective)\n  A query under another date convention: each event that gives a date of that kind is dated by it,\n  the others by their own. diff ORG DATE by KIND shows where it and the default disagree.\n  Example: roster SCO at 2009-12-31 by decided"
            ),
            (
                "append",
                "append TYPE … on DATE … source \"…\" [url \"…\"] [note \"…\"] [id \"…\"] [also KIND on DATE source \"…\"]\n  Types: founding accession status withdrawal suspension reinstatement reclassify summit statement milestone dissolution state succession merger breakup correction retraction.\n  Example: append accession SCO IND on 2017-06-09 source \"TASS, 2017-06-09\"\n  Every append needs a source; a script's appends land together or not at all."
            ),
            (
                "transactions",
                "begin … commit   or   begin … rollback\n  Statements, in the REPL and in scripts. Each statement (a script: each run) commits on its own;\n  between begin and commit appends wait, across lines, and land as one batch. Leaving the REPL\n  with an open transaction asks, or rolls back."
            ),
            setOperationsTopic("intersect"), setOperationsTopic("union"), setOperationsTopic("except"),
            (
                "pipelines",
                "QUERY | where COND | sort COL [desc] | select COL, … | first N | last N | count\n  Example: members SCO at 2024 | where since > 2010 | sort since | select country, since"
            ),
            (
                "dates",
                "Dates are EDTF: 2024, 2024-07, 2024-07-04, 2010?, 2010~, 2024-07-03/2024-07-04.\n  \"at D\" means the end of D. Dates compare by their bounds: since > 2010 means after 2010."
            ),
            (
                "let",
                "let NAME = VALUE; NAME = VALUE; for X in LIST { … }; if COND { … } else { … }; print A, B\n  Example: for y in 2001..2025 { print y, count(members SCO at y) }\n  A loop over a table of several columns gives its rows; a row stands for its id, org or country\n  where one is expected, and prints as it.\n  Example: for o in orgs at 2000 { print o, count(members o at 2000) }"
            ),
            (
                "format",
                ".format table|records|markdown|json|jsonl|csv   (or --format on the command line)\n  table: aligned, fitted to the terminal's width (COLUMNS when set): long text wraps in its column,\n    addresses are cut with …, codes, statuses and dates never are; a row that cannot fit is shown\n    as records.\n  records: one field per line, each row headed -[ RECORD n ] (like psql's \\x).\n  markdown: a GitHub-flavoured table for pasting into an article (| escaped).\n  json, jsonl, csv: every cell whole, for programs; notes go to standard error."
            ),
            (
                "pager",
                ".pager on|off\n  Output longer than the screen goes through $PAGER (default: less -FRX; PAGER= empty: none),\n  only when standard output is a terminal. On at the start; quitting the pager early stops the statement."
            ),
            ("read", ".read FILE\n  Runs a script file; its appends land together or not at all."),
            ("log", ".log PATH\n  Switches to another log (created by its first append)."),
            ("timer", ".timer on|off\n  Shows how long each statement took."),
            (
                "cite",
                ".cite on|off   (or --cite on the command line)\n  Follows every answer with its citation: the log head, and the statement pinned to it\n  (… known at seq N) that gives the same answer on any copy holding that head."
            ),
        ]
}
