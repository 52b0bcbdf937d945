import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The last head a writer committed, kept beside the log in `<log>.head`, so that a log that
/// lost records after an acknowledged append (a lost suffix, a lost directory entry after a power
/// failure) is noticed instead of silently answering from less.
///
/// The marker is written after the log is durable; it is advisory. Deleting it loses nothing and
/// disables the check until the next append.
struct HeadMarker: Equatable {
    let count: Int
    let hash: String

    /// The marker of `head`.
    init(_ head: LogHead) {
        self.init(count: head.count, hash: head.hash.hex)
    }

    /// A marker read from its file (`hash` is the text found there, 64 characters).
    init(count: Int, hash: String) {
        self.count = count
        self.hash = hash
    }

    /// Whether the marker names `head`.
    func names(_ head: LogHead) -> Bool { count == head.count && hash == head.hash.hex }

    static func path(for log: String) -> String { log + ".head" }

    /// The marker's text: `timeline-head 1 COUNT HASH`.
    var text: String { "timeline-head 1 \(count) \(hash)\n" }

    static func read(for log: String) -> HeadMarker? {
        guard let file = try? PosixFile.open(path(for: log), writable: false), let bytes = try? file.readAll() else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: " ").map { $0.trimmingCharacters(in: .newlines) }
        guard parts.count == 4, parts[0] == "timeline-head", parts[1] == "1", let count = Int(parts[2]), parts[3].utf8.count == 64 else {
            return nil
        }
        return HeadMarker(count: count, hash: parts[3])
    }

    /// Replaces the marker atomically (write a temporary file, rename it over).
    func write(for log: String) {
        let target = HeadMarker.path(for: log)
        let temporary = target + ".tmp-\(getpid())"
        guard let file = try? PosixFile.open(temporary, writable: true, create: true) else { return }
        do {
            try file.truncate(to: 0)
            try file.write(Array(text.utf8), at: 0)
            try file.sync()
            rename(temporary, target)
        } catch {
            unlink(temporary)
        }
    }

    /// What is wrong when the log does not reach this marker, or `nil` when it does.
    func problem(records: Int, hashAtMarker: ChainHash?, log: String) -> String? {
        if records < count {
            return
                "the log ends at record #\(records) but was last committed at #\(count): \(count - records) record\(count - records == 1 ? " was" : "s were") lost (a power failure, or a copy restored from before); restore the log from a copy, or delete \(HeadMarker.path(for: log)) to accept the loss"
        }
        if let hashAtMarker, hashAtMarker.hex != hash {
            return
                "record #\(count) is not the one last committed there (its hash differs from the .head marker): the log was replaced or rewritten; restore it from a copy, or delete \(HeadMarker.path(for: log)) to accept it"
        }
        return nil
    }
}
