import Foundation
import Testing
import TimelineTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Appends that the system refuses — a full disk, a file-size limit, a read-only file — fail with
/// a clear error and leave the log exactly as it was.
@Suite("Full disk and read-only logs", .serialized)
struct StorageFailureTests {
    static let isRoot = geteuid() == 0

    /// A script of 200 milestones, about 60 KB of log.
    static func bigScript(_ path: String) throws {
        let lines = (0..<200).map {
            #"append milestone SCO on 2030 text "filler \#($0) with enough text to take some room in the log" source "test""#
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a file-size limit stops the write: the error says so and the log is unchanged")
    func fileSizeLimit() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(frozenLog), to: log)
        let before = readBytes(log)
        let script = scratch.file("big.tl")
        try Self.bigScript(script)
        // SIGXFSZ ignored: writes beyond the limit fail with EFBIG instead of killing the process.
        let binary = productsDirectory.appendingPathComponent("timeline").path
        let limitKB = before.count / 1024 + 8
        let result = try runProduct(
            "/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(limitKB); exec \"$0\" --log \"$1\" run \"$2\"", binary, log, script])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write: File too large; the log is unchanged"))
        #expect(readBytes(log) == before)
        #expect(try runProduct("timeline", ["--log", log, "verify"]).status == 0)
    }

    @Test("a full file system: ENOSPC, and the log is unchanged", .enabled(if: isRoot))
    func fullDisk() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let mount = scratch.file("small")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try runProduct("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mount])
        try #require(mounted.status == 0, "cannot mount a tmpfs: \(mounted.stderr)")
        defer { _ = try? runProduct("/bin/umount", [mount]) }
        let log = mount + "/log.jsonl"
        writeBytes(readBytes(frozenLog), to: log)
        // Leave about 20 KB free.
        let free = 256 * 1024 - readBytes(log).count - 20 * 1024
        writeBytes([UInt8](repeating: 0x20, count: max(0, free)), to: mount + "/filler")
        let before = readBytes(log)
        let script = scratch.file("big.tl")
        try Self.bigScript(script)
        let result = try runProduct("timeline", ["--log", log, "run", script])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device; free some space and append again (nothing was written)"))
        #expect(readBytes(log) == before)
        #expect(try runProduct("timeline", ["--log", log, "verify"]).status == 0)
    }

    @Test("a read-only file system: EROFS, and the log is unchanged", .enabled(if: isRoot))
    func readOnlyFileSystem() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let mount = scratch.file("ro")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try #require(try runProduct("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mount]).status == 0)
        defer { _ = try? runProduct("/bin/umount", [mount]) }
        let log = mount + "/log.jsonl"
        writeBytes(readBytes(frozenLog), to: log)
        let before = readBytes(log)
        try #require(try runProduct("/bin/mount", ["-o", "remount,ro", mount]).status == 0)
        let result = try runProduct("timeline", ["--log", log, "-c", "append milestone SCO on 2030 text \"x\" source \"t\""])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("Read-only file system"))
        #expect(readBytes(log) == before)
        // Reading still works.
        #expect(try runProduct("timeline", ["--log", log, "-c", "print count(members SCO at 2024)"]).stdout == "10\n")
    }

    @Test("a read-only file for an unprivileged user: EACCES with a hint, and the log is unchanged", .enabled(if: isRoot))
    func readOnlyFile() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        chmod(scratch.path, 0o755)
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(frozenLog), to: log)
        chmod(log, 0o444)
        let before = readBytes(log)
        let binary = productsDirectory.appendingPathComponent("timeline").path
        let probe = try runProduct("/usr/sbin/runuser", ["-u", "nobody", "--", binary, "--version"])
        try #require(probe.status == 0, "nobody cannot run the binary here: \(probe.stderr)")
        let result = try runProduct(
            "/usr/sbin/runuser", ["-u", "nobody", "--", binary, "--log", log, "-c", "append milestone SCO on 2030 text \"x\" source \"t\""])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("Permission denied; check the file's permissions"))
        #expect(readBytes(log) == before)
    }
}
