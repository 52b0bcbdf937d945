import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

// The merge as a git merge driver runs it: three files in, the result written into ours'.
extension LogMerge {
    /// The three files of a merge, and the name messages give the log.
    public struct Files: Sendable {
        /// The common ancestor's file (git's `%O`).
        public let ancestor: String
        /// Ours (git's `%A`): the merged log is written into this file.
        public let ours: String
        /// Theirs (git's `%B`).
        public let theirs: String
        /// The log's path in the repository (git's `%P`), when known: messages name the sides by it.
        public let logName: String?

        /// The files of a merge.
        public init(ancestor: String, ours: String, theirs: String, logName: String? = nil) {
            self.ancestor = ancestor
            self.ours = ours
            self.theirs = theirs
            self.logName = logName
        }
    }

    /// Merges the files and, on success, replaces ours' file with the merged log (written
    /// beside it, made durable, then renamed over it). On failure ours' file is left as it was,
    /// which is what git expects of a driver reporting a conflict.
    /// - Throws: `MergeError`, with `.unreadable` when a file cannot be read or the result written.
    public static func merge(_ files: Files, registry: CountryRegistry = .standard) throws(MergeError) -> MergeOutcome {
        func input(_ side: MergeSide, _ path: String) throws(MergeError) -> MergeInput {
            let name = files.logName ?? path
            do throws(StoreError) {
                guard let file = try PosixFile.open(path, writable: false) else {
                    throw StoreError(code: .notFound, message: "no such file", path: path)
                }
                return MergeInput(side: side, name: name, bytes: try file.readAll())
            } catch {
                throw MergeError(kind: .unreadable(side, error), message: "\(side.rawValue): \(error.description)")
            }
        }
        let outcome = try merge(
            ancestor: try input(.ancestor, files.ancestor), ours: try input(.ours, files.ours), theirs: try input(.theirs, files.theirs),
            registry: registry)
        do throws(StoreError) {
            try replace(files.ours, with: outcome.bytes)
        } catch {
            throw MergeError(kind: .unreadable(.ours, error), message: "ours: \(error.description); the file is unchanged")
        }
        return outcome
    }

    /// Writes `bytes` beside `path`, durably, and renames the new file over it.
    private static func replace(_ path: String, with bytes: [UInt8]) throws(StoreError) {
        let temporary = path + ".merging-\(getpid())"
        unlink(temporary)
        guard let file = try PosixFile.open(temporary, writable: true, create: true, exclusive: true) else {
            throw StoreError(code: .io, message: "cannot create \(temporary)", path: path)
        }
        do throws(StoreError) {
            try file.write(bytes, at: 0)
            try file.sync()
            guard rename(temporary, path) == 0 else { throw PosixFile.failure("rename \(temporary) to", path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try PosixFile.syncDirectory(of: path)
    }
}
