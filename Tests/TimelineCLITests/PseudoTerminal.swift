import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process on a real pseudo-terminal, for testing the REPL as a person uses it.
///
/// The child runs in a new session with the terminal as its controlling terminal, so Ctrl-C
/// typed into it becomes a SIGINT, as on a real one.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var transcript: [UInt8] = []
    private var consumed = 0  // in `plain`

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Standard output when it is a pipe rather than the terminal (`pipedOutput`).
    private var outputPipe: Int32 = -1
    private var piped: [UInt8] = []

    /// Starts `executable` on a terminal of `columns` by `rows`; with `pipeOutput`, its standard
    /// output is a pipe (read with `pipedOutput`) while input and errors stay on the terminal.
    init(
        _ executable: String, _ arguments: [String], environment: [String: String], columns: UInt16 = 120, rows: UInt16 = 40,
        pipeOutput: Bool = false
    ) throws {
        var master: Int32 = 0
        var slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed") }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        // `ttyname` answers in a buffer shared by all threads: tests that run at once would
        // read each other's terminal names, and their children would share a terminal.
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else {
            close(master)
            close(slave)
            throw Failure(description: "ttyname_r failed")
        }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        close(slave)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // In the new session, opening the terminal makes it the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var ends: [Int32] = [-1, -1]
        if pipeOutput {
            guard pipe(&ends) == 0 else { throw Failure(description: "pipe failed") }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        }
        defer { if ends[1] >= 0 { close(ends[1]) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID
        posix_spawnattr_setflags(&attributes, Int16(setsid | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failure(description: "posix_spawn failed: \(status)") }
        self.master = master
        self.pid = child
        if pipeOutput {
            _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
            outputPipe = ends[0]
        }
    }

    /// What the child wrote to standard output when it is a pipe.
    var pipedOutput: String {
        drainPipe()
        return String(decoding: piped, as: UTF8.self)
    }

    private func drainPipe() {
        guard outputPipe >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(outputPipe, &buffer, buffer.count)
            guard count > 0 else { return }
            piped.append(contentsOf: buffer[0..<count])
        }
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
        if outputPipe >= 0 { close(outputPipe) }
    }

    /// Reads whatever the child wrote within `timeout` seconds, keeping a plain-text copy.
    private func pump(_ timeout: Double) {
        drainPipe()
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return }
        transcript.append(contentsOf: buffer[0..<count])
        stripper.feed(buffer[0..<count], into: &plain)
    }

    /// The output with terminal escape sequences, carriage returns and bells removed.
    private var plain: [UInt8] = []
    private var stripper = EscapeStripper()

    /// The plain output since the last match.
    var pending: String { String(decoding: plain[consumed...], as: UTF8.self) }

    /// Waits until the output since the last match contains `text`; consumes up to the end of
    /// the match (not beyond: a prompt printed just after stays for the next `expect`).
    @discardableResult
    func expect(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let needle = Array(text.utf8)
        while true {
            if let end = Self.find(needle, in: plain, from: consumed) {
                let matched = String(decoding: plain[consumed..<end], as: UTF8.self)
                consumed = end
                return matched
            }
            if Date() > deadline {
                throw Failure(
                    description:
                        "timed out waiting for \"\(text)\"; since the last match:\n\(pending)\n--- whole session:\n\(String(decoding: plain, as: UTF8.self))"
                )
            }
            pump(0.05)
        }
    }

    /// The end index of the first occurrence of `needle` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    /// Waits until libedit has put the terminal in raw mode (it is reading keys).
    func waitForRawMode(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        while Date() < deadline {
            if tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) == 0 { return }
            pump(0.02)
        }
        throw Failure(description: "the terminal never left canonical mode")
    }

    /// Types text (control characters included) into the terminal.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits for the prompt and for raw mode, then types a line.
    func type(_ line: String, prompt: String) throws {
        try expect(prompt)
        try waitForRawMode()
        send(line)
    }

    /// Waits for the child to exit; returns its exit status.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            pump(0.05)
            if waitpid(pid, &status, WNOHANG) == pid {
                // What the child wrote just before it exited may not have been read yet.
                var read = -1
                while read != transcript.count {
                    read = transcript.count
                    pump(0.05)
                }
                return (status >> 8) & 0xFF
            }
        }
        throw Failure(description: "the REPL did not exit; output:\n\(pending)")
    }

}

/// Removes ANSI escape sequences, carriage returns and bells from a byte stream, chunk by chunk
/// (a sequence may be split across reads).
struct EscapeStripper {
    private enum State { case text, escape, controlSequence }
    private var state = State.text

    mutating func feed(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        for byte in bytes {
            switch state {
            case .text:
                if byte == 0x1B { state = .escape } else if byte != 0x0D && byte != 0x07 { out.append(byte) }
            case .escape:
                state = byte == UInt8(ascii: "[") ? .controlSequence : .text
            case .controlSequence:
                if byte >= 0x40 && byte <= 0x7E { state = .text }
            }
        }
    }
}
