import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The program the REPL shows output longer than the screen through: `$PAGER`, else
/// `less -FRX` (quit at the end of a short text, pass colours through, leave the text on the
/// screen). `PAGER` set but empty means no pager.
///
/// The command runs through `/bin/sh -c`, as in git and psql, reading the output on its standard
/// input and the keys from the terminal.
struct Pager {
    /// The shell command, for example `less -FRX`.
    let command: String

    /// The default when `PAGER` is unset.
    static let standard = "less -FRX"

    /// The pager the environment asks for; `nil` when `PAGER` is set but empty.
    static func from(_ environment: [String: String]) -> Pager? {
        guard let text = environment["PAGER"] else { return Pager(command: standard) }
        let command = text.trimmingCharacters(in: .whitespaces)
        return command.isEmpty ? nil : Pager(command: command)
    }

    /// The program the command starts: its first word.
    var program: String { String(command.split(separator: " ").first ?? "") }

    /// Whether the program can be run: a path that is executable, or a name found on `PATH`.
    func isAvailable(path: String) -> Bool {
        if program.contains("/") { return access(program, X_OK) == 0 }
        return path.split(separator: ":").contains { directory in access("\(directory)/\(program)", X_OK) == 0 }
    }

    /// Starts the pager reading from a pipe; `nil` when it could not be started.
    func start() -> RunningPager? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        // Neither end stays open in the pager beyond its standard input, nor in later children.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The REPL ignores SIGPIPE and catches SIGINT; the pager starts with neither.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let words: [String] = ["sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, environ)
        close(ends[0])
        guard status == 0 else {
            close(ends[1])
            return nil
        }
        return RunningPager(pid: child, input: ends[1])
    }
}

/// A pager started by `Pager.start()`: what is written goes to its standard input.
final class RunningPager {
    let pid: pid_t
    private var input: Int32
    /// Whether the pager stopped reading (the user quit it before the end).
    private(set) var quit = false

    init(pid: pid_t, input: Int32) {
        self.pid = pid
        self.input = input
    }

    /// Writes text to the pager; once it has quit, the text is dropped.
    func write(_ text: String) {
        guard !quit, input >= 0, !text.isEmpty else { return }
        if Console.writeAll(input, Array(text.utf8)) != 0 { quit = true }
    }

    /// Ends its input and waits for the user to leave it.
    func finish() {
        if input >= 0 {
            close(input)
            input = -1
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
