import TimelineCore
import TimelineStore

extension StorageConformance {
    /// The chain's head, the same on every storage, and verification.
    static let headChecks: [ConformanceCheck] = [
        ConformanceCheck("an empty log's head is LogHead.empty") { log, findings in
            // A log that does not exist yet may say so; one that exists holds no record.
            if let head = try await log.readIfPresent()?.head {
                findings.expect(head == .empty, "a new log's head is \(head)")
            }
            let receipt = try await log.append([], recordedAt: ConformanceHistory.at(0))
            findings.expect(receipt.head == .empty && receipt.appended.isEmpty, "appending nothing gives \(receipt.head)")
            findings.expect(try await log.read().head == .empty, "after appending nothing, the head is not LogHead.empty")
        },
        ConformanceCheck("the same appends give the head of the chain rule and of the in-memory reference") { log, findings in
            let sco = try ConformanceHistory.events()
            let batches = [Array(sco[0..<5]), Array(sco[5...])]
            let reference = InMemoryEventLog()
            var expected = LogHead.empty
            var head = LogHead.empty
            for (index, batch) in batches.enumerated() {
                let receipt = try await log.append(batch, recordedAt: ConformanceHistory.at(Int64(index)))
                expected = try reference.append(batch, recordedAt: ConformanceHistory.at(Int64(index))).head
                // The head is the chain, by the rule, of the records the log says it wrote.
                let chained = chainHead(receipt.appended, after: head.hash)
                findings.expect(
                    chained == receipt.head,
                    "batch \(index + 1): its records chain to \(String(describing: chained)), the log says \(receipt.head)")
                head = receipt.head
            }
            findings.expect(head == expected, "head \(head), in memory \(expected)")
            findings.expect(try await log.read().head == expected, "head read back differs from the reference")
        },
        ConformanceCheck("every head a receipt gave stays citable: the chain hash at its seq, after later appends too") { log, findings in
            let sco = try ConformanceHistory.events()
            let first = try await log.append(Array(sco[0..<4]), recordedAt: ConformanceHistory.at(0))
            let second = try await log.append(Array(sco[4...]), recordedAt: ConformanceHistory.at(1))
            findings.expect(try await log.chainHash(at: 0) == ChainRule.genesis, "record 0 is not the genesis")
            for head in [first.head, second.head] {
                let hash = try await log.chainHash(at: head.count)
                findings.expect(hash == head.hash, "record \(head.count) has hash \(String(describing: hash)), its receipt said \(head)")
            }
            findings.expect(try await log.chainHash(at: second.head.count + 1) == nil, "a record past the head has a hash")
        },
        ConformanceCheck("verify finds an appended log intact, at the head it reads") { log, findings in
            let sco = try ConformanceHistory.events()
            let receipt = try await log.append(sco, recordedAt: ConformanceHistory.at(0))
            let report = try await log.verify(registry: .standard)
            findings.expect(report.isIntact, "not intact: \(String(describing: report.damage)) \(report.violations) \(report.warnings)")
            findings.expect(report.recordCount == sco.count, "verified \(report.recordCount) records")
            findings.expect(report.head == receipt.head, "verified head \(report.head), appended \(receipt.head)")
        },
    ]

    /// The head of `records`, one committed batch chained on `previous` by `ChainRule`, or `nil`
    /// when there are none.
    static func chainHead(_ records: [RecordedEvent], after previous: ChainHash) -> LogHead? {
        guard let last = records.last else { return nil }
        var hash = previous
        for (index, record) in records.enumerated() {
            hash = RecordEncoder.line(for: record, commit: index == records.count - 1, previousHash: hash).hash
        }
        return ChainRule.head(committing: last.seq, hash: hash)
    }
}
