extension QueryVerb {
    /// The verb's form, as `.help` shows it first: `members ORG [at DATE] [known at …]`.
    public var synopsis: String {
        switch self {
        case .members: return "members ORG [at DATE] [known at …]"
        case .roster: return "roster ORG [at DATE]"
        case .status: return "status COUNTRY in ORG [at DATE]"
        case .memberships: return "memberships COUNTRY [at DATE] [known at …]"
        case .history: return "history [COUNTRY|ORG] [from DATE] [to DATE] [known at …]"
        case .summits: return "summits ORG [from DATE] [to DATE]"
        case .statements: return "statements [COUNTRY|ORG] [from DATE] [to DATE]"
        case .milestones: return "milestones ORG [from DATE] [to DATE]"
        case .orgs: return "orgs [at DATE]"
        case .diff: return "diff ORG DATE1 DATE2 [by KIND]   or   diff ORG DATE by KIND [KIND]"
        case .why: return "why COUNTRY in ORG [at DATE]"
        case .replay: return "replay [ORG] [from DATE] to DATE"
        case .chart: return "chart ORG|COUNTRY [from DATE] [to DATE] [svg \"FILE\"] [html \"FILE\"]"
        case .export: return "export events|intervals [ORG] [into FILE]"
        case .verify: return "verify"
        case .head: return "head"
        }
    }

    /// What the verb answers, in a sentence.
    public var summary: String {
        switch self {
        case .members: return "The members (the top of the ladder) at the end of DATE, with their ordinal."
        case .roster: return "Every country with any status, highest status first."
        case .status: return "One country's standing, certain or possible."
        case .memberships: return "Every organization a country held a status in at the end of DATE, with the status and since when."
        case .history:
            return
                "Every event about a country or an organization, in time order, with sources; without one, the events of every organization (filter with | where type == accession)."
        case .summits: return "Summits with host, city and the decisions dated within them."
        case .statements: return "What was said, paraphrased, with the speaker."
        case .milestones: return "Dated facts that change no status (procedures, memoranda)."
        case .orgs: return "The organizations in existence."
        case .diff: return "Who joined, left or changed status between two dates."
        case .why: return "The events and sources behind an answer, and what makes it only possible."
        case .replay: return "The events in order, what each changed, running totals per status."
        case .chart:
            return
                "A swimlane chart in the terminal, or an SVG or HTML file: of an organization, a lane per country; of a country, a lane per organization."
        case .export:
            return
                "Every recorded event with all its fields (for import), or status intervals: org,country,status,from,to; into FILE writes .csv, .jsonl or .json."
        case .verify: return "The log's head and whether its rules hold."
        case .head: return "The log's head: its record count and hash, a state anyone can cite."
        }
    }

    /// A statement using the verb that runs against the bundled log.
    public var example: String {
        switch self {
        case .members: return "members SCO at 2017-06-09"
        case .roster: return "roster SCO at 2024-07-04 | where status == observer"
        case .status: return "status Belarus in SCO at 2010-04-15"
        case .memberships: return "memberships Belarus at 2024-07-04"
        case .history: return "history Belarus"
        case .summits: return "summits SCO from 2017 to 2024"
        case .statements: return "statements SCO from 2024-07-04 to 2024-07-04"
        case .milestones: return "milestones SCO | where country == IRN"
        case .orgs: return "orgs at 1999"
        case .diff: return "diff SCO 2015 2024"
        case .why: return "why BLR in SCO at 2024-07-05"
        case .replay: return "replay SCO to 2017"
        case .chart: return "chart SCO from 2001 to 2025"
        case .export: return "export intervals SCO"
        case .verify: return "verify"
        case .head: return "head"
        }
    }

    /// The text of the verb's `.help` topic: its form, what it answers, and the example.
    public var helpText: String { "\(synopsis)\n  \(summary)\n  Example: \(example)" }
}
