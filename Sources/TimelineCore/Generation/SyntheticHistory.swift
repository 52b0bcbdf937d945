/// A deterministic synthetic history, for benchmarks and scale tests: hundreds of organizations
/// with their own ladders, about 200 countries, accessions, status changes, withdrawals,
/// suspensions, summits and milestones from 1900 to 2025 — valid under every invariant, with a
/// few percent of events appended out of historical order.
///
/// For example:
/// ```swift
/// let events = SyntheticHistory(events: 10_000, seed: 7).events()
/// ```
public struct SyntheticHistory {
    /// How many events to produce.
    public let count: Int
    /// The seed: the same seed always gives the same events, in the same order.
    public let seed: UInt64

    /// A history of `count` events (none when it is negative), fixed by `seed`.
    public init(events count: Int, seed: UInt64) {
        self.count = max(0, count)
        self.seed = seed
    }

    static let rungPool = ["partner", "observer", "associate", "candidate"]

    /// The events, in append order; `progress` hears how many are made so far, now and then.
    /// - Complexity: O(n log n).
    public func events(progress: ((_ done: Int) -> Void)? = nil) -> [NewEvent] {
        var random = SplitMix64(seed: seed ^ 0x5EED)
        let countries = CountryRegistry.standard.countries.filter { !$0.isFormer }.prefix(200).map(\.alpha3)
        let organizations = max(1, min(500, count / 2500 + 1))
        // Each organization gets an even share; the first ones take the remainder.
        var events: [(day: Int, event: NewEvent)] = []
        events.reserveCapacity(count)
        let source = Source(citation: "synthetic history, seed \(seed)")!
        for index in 0..<organizations {
            let share = count / organizations + (index < count % organizations ? 1 : 0)
            guard share > 0 else { continue }
            let org = OrganizationID("ORG\(String(index + 1).leftPadded(to: 4))")!
            var rungs = Self.rungPool.filter { _ in random.chance(50) }
            rungs.append("member")
            let ladder = StatusLadder(rungs.compactMap(Status.init))!
            let founded = CivilDay(year: 1900 + random.below(80), month: 1 + random.below(12), day: 1 + random.below(28))
            let end = CivilDay(year: 2025, month: 12, day: 31)
            // Days spread evenly from the founding to the end of 2025, one event per day at most per
            // organization, so that no two events of a country share a day (their order is then
            // fixed by their dates, whatever order they are appended in).
            let days = end.ordinal - founded.ordinal
            var day = founded
            func date(_ day: CivilDay) -> EDTFDate {
                let (y, m, d) = day.components
                return .day(y, m, d)
            }
            var founders: [String] = []
            for country in countries where founders.count < 2 + random.below(7) && random.chance(5) { founders.append(country) }
            if founders.isEmpty { founders = [countries[random.below(countries.count)]] }
            events.append(
                (
                    day.ordinal,
                    NewEvent(
                        date: date(day),
                        payload: .founding(
                            Founding(
                                org: org, name: "Organization \(index + 1)", place: "City \(index + 1)", founders: founders, ladder: ladder)
                        ),
                        source: source)
                ))
            var standing: [String: (rank: Int, suspended: Bool)] = [:]
            for founder in founders { standing[founder] = (ladder.rungs.count - 1, false) }
            for step in 1..<share {
                day = CivilDay(ordinal: max(day.ordinal + 1, founded.ordinal + step * days / share))
                let country = countries[random.below(countries.count)]
                let current = standing[country]
                let roll = random.below(100)
                let payload: EventPayload
                var eventDate = date(day)
                switch roll {
                case 0..<35 where current == nil:
                    let rank = random.below(ladder.rungs.count)
                    payload =
                        rank == ladder.rungs.count - 1
                        ? .accession(org: org, country: country)
                        : .status(org: org, country: country, status: ladder.rungs[rank], change: .grant)
                    standing[country] = (rank, false)
                case 0..<35:
                    let (rank, suspended) = current!
                    if rank < ladder.rungs.count - 1 {
                        let target = rank + 1 + random.below(ladder.rungs.count - rank - 1)
                        payload =
                            target == ladder.rungs.count - 1
                            ? .accession(org: org, country: country)
                            : .status(org: org, country: country, status: ladder.rungs[target], change: .elevation)
                        standing[country] = (target, suspended)
                    } else if suspended {
                        payload = .reinstatement(org: org, country: country)
                        standing[country] = (rank, false)
                    } else {
                        payload = .suspension(org: org, country: country)
                        standing[country] = (rank, true)
                    }
                case 35..<45 where current != nil:
                    payload = .withdrawal(org: org, country: country)
                    standing[country] = nil
                case 45..<60:
                    let host = standing.keys.sorted().first ?? country
                    payload = .summit(Summit(org: org, place: "City \(random.below(500))", host: host, name: "Summit \(events.count)"))
                    // Some summits are known only to the month or the year.
                    let (y, m, _) = day.components
                    // (only when the whole month or year falls after the founding).
                    if random.chance(20) {
                        let vague: EDTFDate = random.chance(50) ? .single(PartialDate(year: y, month: m)) : .single(PartialDate(year: y))
                        if vague.earliest > founded { eventDate = vague }
                    }
                default:
                    payload = .milestone(org: org, country: random.chance(50) ? country : nil, text: "milestone \(events.count)")
                }
                events.append((day.ordinal, NewEvent(date: eventDate, payload: payload, source: source)))
                if events.count & 0x3FFF == 0 { progress?(events.count) }
            }
        }
        // Append order: by date, with about 3% of events held back and appended later.
        var order = events.enumerated().sorted {
            $0.element.day != $1.element.day ? $0.element.day < $1.element.day : $0.offset < $1.offset
        }.map(\.element.event)
        var late: [NewEvent] = []
        var kept: [NewEvent] = []
        kept.reserveCapacity(order.count)
        for event in order {
            if case .founding = event.payload {
                kept.append(event)
            } else if random.chance(3) {
                late.append(event)
            } else {
                kept.append(event)
            }
        }
        order = kept + late
        progress?(order.count)
        return order
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
