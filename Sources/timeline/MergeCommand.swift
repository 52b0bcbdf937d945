import ArgumentParser
import TimelineCore
import TimelineStore

/// `timeline merge ANCESTOR OURS THEIRS [PATH]`: git's merge driver for logs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two copies of a log that grew from a common ancestor (a git merge driver).",
        discussion: """
            Keeps the ancestor's records, then ours, then replays their batches added since the \
            ancestor on top, each re-validated like an append, re-sequenced and re-chained with \
            its id unchanged; an event both added is kept once. A replayed batch keeps its \
            recorded time unless that is earlier than the record before it, whose time it then \
            takes (recorded time never goes back). The result is written into OURS.

            Exits 0 when merged; 1 on a conflict (one of their events breaks a rule against \
            ours: the event, the rule and both records are named, OURS is left unchanged, and git \
            reports a conflict); 65 when a log is damaged or the ancestor is not where both start; \
            66 when a file is missing.

            Set up in a repository:
              echo 'Events/*.jsonl merge=timeline' >> .gitattributes
              echo '*.jsonl -text' >> .gitattributes
              git config merge.timeline.name "Timeline log merge"
              git config merge.timeline.driver "timeline merge %O %A %B %P"
            """
    )

    @Argument(help: ArgumentHelp("The common ancestor's log (git's %O; an empty file for none).", valueName: "ancestor"))
    var ancestor: String

    @Argument(help: ArgumentHelp("Our log (git's %A): the merged log is written here.", valueName: "ours"))
    var ours: String

    @Argument(help: ArgumentHelp("Their log (git's %B).", valueName: "theirs"))
    var theirs: String

    @Argument(help: ArgumentHelp("The log's path in the repository (git's %P), to name it in messages.", valueName: "path"))
    var path: String?

    func run() throws {
        let outcome: MergeOutcome
        do {
            outcome = try LogMerge.merge(LogMerge.Files(ancestor: ancestor, ours: ours, theirs: theirs, logName: path))
        } catch {
            throw CommandFailure(message: "timeline merge: \(path ?? ours): \(error.message)", exitCode: Self.exitCode(error.kind))
        }
        var summary =
            "merged \(path ?? ours): \(outcome.common) common records, \(outcome.ours) of ours, \(outcome.replayed.count) of theirs replayed"
        if !outcome.alreadyPresent.isEmpty { summary += " (\(outcome.alreadyPresent.count) already in ours, kept once)" }
        if outcome.batchesMovedForward > 0 {
            summary += "; \(outcome.batchesMovedForward) of their batches recorded before ours' head now carry the head's time"
        }
        Console.out(summary + "; head #\(outcome.head.count) \(outcome.head.hash.hex.prefix(12))")
    }

    /// 1 for a conflict (git's convention), 66 for a missing file, 65 for a bad log, 74 when the
    /// result could not be written.
    static func exitCode(_ kind: MergeError.Kind) -> Int32 {
        switch kind {
        case .conflict: 1
        case .unreadable(_, let error): error.code == .notFound ? 66 : 74
        case .damaged, .unfinishedAppend, .ancestorNotAPrefix: 65
        }
    }
}
