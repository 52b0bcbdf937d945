import Foundation
import TimelineStore

/// How to cite an answer: the log head it was computed at, and the statement pinned to that head
/// (`… known at seq N` in each of its queries), which gives the same answer on any copy of the
/// log that holds that head, however much it has grown since.
///
/// For example, `members SCO at 2024 | count` on a log at `#97 28937a14d040` is cited as
/// `members SCO at 2024 known at seq 97 | count`, to be checked on a copy with
/// `timeline verify --contains 97:28937a14d040`.
public struct Citation: Hashable, Sendable {
    /// The head the answer was computed at.
    public let head: LogHead
    /// The statement with every query pinned to the head.
    public let statement: String

    /// The citation of `statement` (its text taken from `source`) answered at `head`; `nil` when
    /// it asks no query that `known at` can pin (an append, `verify`, a plain value).
    static func pinning(_ statement: Statement, in source: SourceFile, at head: LogHead) -> Citation? {
        let queries = Self.queries(in: statement)
        guard queries.contains(where: \.verb.acceptsKnownAt) else { return nil }
        let start = statement.range.lowerBound
        var bytes = Array(source.bytes[statement.range.clamped(to: 0..<source.bytes.count)])
        // From the last query back, so that earlier offsets stay put.
        for query in queries.sorted(by: { $0.range.upperBound > $1.range.upperBound })
        where query.known == nil && query.verb.acceptsKnownAt {
            let offset = query.range.upperBound - start
            guard (0...bytes.count).contains(offset) else { continue }
            bytes.insert(contentsOf: Array(" known at seq \(head.count)".utf8), at: offset)
        }
        return Citation(head: head, statement: String(decoding: bytes, as: UTF8.self))
    }

    /// The line shown under a cited answer.
    public var text: String {
        let quoted = "'" + statement.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return "cite: log head \(head); on any copy holding it (timeline verify --contains \(head.count):\(head.hash.hex.prefix(12))): "
            + "timeline -c \(quoted)"
    }

    /// Every query a statement asks, in source order, inside loops, conditions and pipelines too.
    static func queries(in statement: Statement) -> [Query] {
        switch statement.kind {
        case .let(_, let value), .assign(_, let value), .expression(let value), .importFile(let value): return queries(in: value)
        case .for(_, let sequence, let body): return queries(in: sequence) + body.flatMap(queries(in:))
        case .if(let condition, let then, let otherwise):
            return queries(in: condition) + then.flatMap(queries(in:)) + (otherwise ?? []).flatMap(queries(in:))
        case .print(let values): return values.flatMap(queries(in:))
        case .append, .transaction: return []
        }
    }

    /// Every query within an expression.
    static func queries(in expression: Expression) -> [Query] {
        switch expression.kind {
        case .number, .string, .date, .bool, .name: return []
        case .list(let items), .call(_, let items): return items.flatMap(queries(in:))
        case .unary(_, let operand): return queries(in: operand)
        case .binary(_, let left, let right), .range(let left, let right), .combine(_, let left, let right):
            return queries(in: left) + queries(in: right)
        case .query(let query): return [query]
        case .pipeline(let source, let stages):
            return queries(in: source)
                + stages.flatMap { stage -> [Query] in
                    switch stage.kind {
                    case .where(let condition): return queries(in: condition)
                    case .first(let count), .last(let count): return queries(in: count)
                    case .sort, .select, .count: return []
                    }
                }
        }
    }
}
