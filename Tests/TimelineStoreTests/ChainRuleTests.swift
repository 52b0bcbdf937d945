import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The chain rule, applied by hand, reproduces the bundled log line by line: its hashes, its
/// links, its head, and the very bytes of every record, as a second backend must.
@Suite("Chain rule")
struct ChainRuleTests {
    @Test("the genesis is the header's hash and the head of an empty log")
    func genesis() {
        #expect(ChainRule.genesis.hex == LogFormat.sha256Hex(Array(ChainRule.header.utf8)))
        #expect(LogHead.empty == LogHead(count: 0, hash: ChainRule.genesis))
        #expect(LogHead.empty.description == "#0 \(ChainRule.genesis.hex.prefix(12))")
    }

    @Test("every line of the bundled log hashes, links and re-encodes by the rule, up to its head")
    func bundledLog() throws {
        let lines = readBytes(CorruptionTests.bundled).split(separator: 0x0A)
        #expect(lines.first.map { Array($0) } == Array(ChainRule.header.utf8))
        var head = LogHead.empty
        var previous = ChainRule.genesis
        for line in lines.dropFirst() {
            let body = try #require(ChainRule.bodyEnd(of: line))
            let stored = try #require(ChainRule.storedHash(of: line))
            #expect(ChainRule.hash(ofBody: line[..<body]) == stored)
            let decoded = try RecordDecoder.decode(line)
            #expect(ChainRule.links(decoded.previousHash, to: previous))
            #expect(RecordEncoder.line(for: decoded.record, commit: decoded.commit, previousHash: previous).bytes == Array(line))
            previous = stored
            if decoded.commit { head = ChainRule.head(committing: decoded.record.seq, hash: stored) }
        }
        #expect(head.count == lines.count - 1)
        #expect(head == (try FileEventLog(path: CorruptionTests.bundled).read().head))
    }
}
