/// A script of questions across organizations on the bundled history, as the README's
/// "Questions across organizations" asks them, once a year from 1995 to 2024; and beside it a
/// script of as many questions about one organization each, on the same days.
///
/// Each year asks for a country's memberships, the members two organizations share (`intersect`,
/// counted, and across three), those of one and not the other (`except`), the members of either
/// (`union`, counted), every organization's member count (a loop over `orgs`) and the year's
/// accessions across the whole history. The one-organization script asks `members ORG at D`
/// for the first organization each of those names (the UN where a question names none).
///
/// For example, for 2024 the cross-organization script holds, among others:
/// ```
/// members NATO at 2024-07-01 intersect members EU at 2024-07-01 | count
/// ```
/// and the one-organization script, in its place, `members NATO at 2024-07-01`.
struct CrossOrganizationScript {
    /// The questions across organizations, one a line.
    let crossOrganization: String
    /// As many questions about one organization, one a line.
    let oneOrganization: String
    /// How many questions each holds.
    let count: Int

    init(years: ClosedRange<Int> = 1995...2024) {
        let countries = ["BLR", "TUR", "BRA", "IND", "NOR", "KAZ", "EGY", "JPN"]
        var across: [String] = []
        var single: [String] = []
        for (index, year) in years.enumerated() {
            let day = "\(year)-07-01"
            let pairs: [(String, String)] = [
                ("memberships \(countries[index % countries.count]) at \(day)", "UN"),
                ("members NATO at \(day) intersect members EU at \(day) | count", "NATO"),
                ("members NATO at \(day) except members EU at \(day) | select country, name, since", "NATO"),
                ("members G20 at \(day) intersect members OECD at \(day) intersect members COMMONWEALTH at \(day)", "G20"),
                ("members SCO at \(day) union members BRICS at \(day) | count", "SCO"),
                ("for o in orgs at \(day) { print o, count(members o at \(day)) }", "UN"),
                ("history from \(year) to \(year) | where type == accession | select date, org, country", "UN"),
            ]
            for (question, org) in pairs {
                across.append(question)
                single.append("members \(org) at \(day)")
            }
        }
        crossOrganization = across.joined(separator: "\n")
        oneOrganization = single.joined(separator: "\n")
        count = across.count
    }
}
