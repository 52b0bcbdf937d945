import Foundation
import Glibc

/// One Chromium process and the DevTools pipe to it (`--remote-debugging-pipe`): the browser reads
/// commands from its descriptor 3 and writes replies and events to its descriptor 4, each message
/// a JSON text ended by a NUL byte.
///
/// There is no reader thread: whoever waits (for a reply, an event, or just time to pass) reads
/// the pipe meanwhile, so the pipe belongs to one caller at a time and needs no locks. Every read
/// and write is bounded by a deadline; a browser that exits is noticed at once (the pipe ends).
final class DevToolsPipe {
    /// A protocol event, numbered in order of arrival.
    struct Event {
        /// Its place among every event received, from 0.
        let sequence: Int
        /// The protocol method, e.g. `Page.loadEventFired`.
        let method: String
        /// The session (page) it came from; `nil` for the browser itself.
        let sessionId: String?
        /// Its parameters.
        let params: [String: Any]
    }

    /// Every event received so far (a test's worth: only the Page and Runtime domains are enabled).
    private(set) var events: [Event] = []
    /// Where the browser's standard error goes, to quote when it fails.
    let logPath: String

    /// The browser's process id (and its process group's).
    let pid: pid_t
    private var commandDescriptor: Int32
    private var replyDescriptor: Int32
    private var received: [UInt8] = []
    private var scanned = 0
    private var nextId = 1
    private var awaited: Set<Int> = []
    private var replies: [Int: [String: Any]] = [:]
    private var crashed: Set<String> = []
    /// The pipe from the browser ended (it exited, or closed it).
    private var ended = false
    private var terminated = false
    private var reapedElsewhere = false

    /// Starts `executable` with `arguments` and `environment` (and nothing else inherited: standard
    /// input and output are /dev/null, standard error goes to `logPath`, descriptors above 4 are
    /// closed), in a process group of its own.
    init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        self.logPath = logPath
        // Descriptors 10 and up, close-on-exec: no other child inherits them (a copy of the
        // write end elsewhere would keep the pipe from ending), and none is already 3 or 4,
        // which would make the dup2 below a no-op that keeps close-on-exec set.
        let commands = try Self.makePipe()
        let replies: (read: Int32, write: Int32)
        do { replies = try Self.makePipe() } catch {
            close(commands.read)
            close(commands.write)
            throw error
        }
        defer {
            close(commands.read)
            close(replies.write)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        let setUp = [
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0),
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0),
            posix_spawn_file_actions_addopen(&actions, 2, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644),
            posix_spawn_file_actions_adddup2(&actions, commands.read, 3),
            posix_spawn_file_actions_adddup2(&actions, replies.write, 4),
            Self.closeFrom(&actions, 5),
            posix_spawnattr_setpgroup(&attributes, 0),
            posix_spawnattr_setsigmask(&attributes, &noSignals),
            posix_spawnattr_setsigdefault(&attributes, &allSignals),
            posix_spawnattr_setflags(&attributes, Int16(flags)),
        ]
        if let failure = setUp.first(where: { $0 != 0 }) {
            close(commands.write)
            close(replies.read)
            throw HeadlessBrowser.Failure.launch("cannot prepare to start \(executable): \(String(cString: strerror(failure)))")
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child = pid_t()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(commands.write)
            close(replies.read)
            throw HeadlessBrowser.Failure.launch("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        commandDescriptor = commands.write
        replyDescriptor = replies.read
        // Our ends never block: every wait is a poll with a deadline.
        _ = fcntl(commandDescriptor, F_SETFL, fcntl(commandDescriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(replyDescriptor, F_SETFL, fcntl(replyDescriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit { terminate() }

    /// The number of events received so far: pass it to `event(_:session:after:deadline:)` to
    /// wait only for events that come after this moment.
    var eventCount: Int { events.count }

    /// Sends a command and waits for its reply; returns its `result`, or throws the protocol's
    /// error, a timeout, or the browser's exit. A page whose renderer crashed answers nothing
    /// until it is navigated again: any other command to it fails at once.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil, deadline: ContinuousClock.Instant) throws
        -> [String: Any]
    {
        let id = nextId
        nextId += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        let text = try JSONSerialization.data(withJSONObject: message)
        awaited.insert(id)
        defer { awaited.remove(id) }
        try write(Array(text) + [0], deadline: deadline)
        while true {
            if let session, crashed.contains(session), method != "Page.navigate" {
                throw HeadlessBrowser.Failure.browserExited(
                    "the page crashed (its renderer died) before \(method) was answered; navigate to open a page again")
            }
            if let reply = replies.removeValue(forKey: id) {
                if let error = reply["error"] as? [String: Any] {
                    let detail = (error["data"] as? String).map { " (\($0))" } ?? ""
                    throw HeadlessBrowser.Failure.protocolError("\(method): \(error["message"] as? String ?? "\(error)")\(detail)")
                }
                return reply["result"] as? [String: Any] ?? [:]
            }
            if ContinuousClock.now >= deadline { throw HeadlessBrowser.Failure.timedOut("no reply to \(method) from the browser") }
            try receive(until: deadline)
        }
    }

    /// The first event numbered `sequence` or later whose method is one of `methods`, from
    /// `session` (the browser itself when `nil`), waiting for it until `deadline`.
    func event(_ methods: Set<String>, session: String?, after sequence: Int, deadline: ContinuousClock.Instant) throws -> Event {
        var next = sequence
        while true {
            while next < events.count {
                let event = events[next]
                next += 1
                if methods.contains(event.method) && event.sessionId == session { return event }
            }
            if ContinuousClock.now >= deadline {
                throw HeadlessBrowser.Failure.timedOut("no \(methods.sorted().joined(separator: " or ")) event from the browser")
            }
            try receive(until: deadline)
        }
    }

    /// Reads what arrives until `deadline`, then returns (to let time pass without missing events).
    func idle(until deadline: ContinuousClock.Instant) throws {
        while ContinuousClock.now < deadline { _ = try receive(until: deadline) }
    }

    /// Reads whatever has already arrived, without waiting.
    func drain() throws {
        while try receive(until: .now) {}
    }

    /// Stops the browser and reaps it: asks it to close, then sends its process group SIGTERM, then
    /// SIGKILL (each given a few seconds), kills whatever is left in the group and reaps the
    /// browser. Safe to call twice.
    func terminate() {
        guard !terminated else { return }
        terminated = true
        if !ended && ending() == nil {
            // Best effort: the reply is not awaited, the exit is.
            let farewell: [String: Any] = ["id": nextId, "method": "Browser.close", "params": [String: Any]()]
            nextId += 1
            if let text = try? JSONSerialization.data(withJSONObject: farewell) {
                try? write(Array(text) + [0], deadline: .now + .seconds(1))
            }
        }
        close(commandDescriptor)
        commandDescriptor = -1
        // The whole process group is signalled: Debian's /usr/bin/chromium-headless-shell is a
        // shell script that runs the browser as its child (no exec), and the renderers and helpers
        // are the browser's children; all of them share the group. The group's leader (the
        // process started here) is reaped only after the last signal, so that until then no
        // other process can be given its id as a process group id.
        if !exited(within: .seconds(5)) {
            kill(-pid, SIGTERM)
            if !exited(within: .seconds(2)) {
                kill(-pid, SIGKILL)
                _ = exited(within: .seconds(5))
            }
        }
        if !reapedElsewhere { kill(-pid, SIGKILL) }
        let deadline = ContinuousClock.now + .seconds(5)
        var status: Int32 = 0
        while !reapedElsewhere && waitpid(pid, &status, WNOHANG) == 0 && ContinuousClock.now < deadline { usleep(10_000) }
        close(replyDescriptor)
        replyDescriptor = -1
    }

    // MARK: - Reading and writing

    /// Writes all of `bytes`, waiting for room in the pipe until `deadline`. SIGPIPE is blocked on
    /// this thread while writing (a browser that exited makes the write fail with EPIPE instead of
    /// killing the test process), and a SIGPIPE the write raised is consumed before it is unblocked.
    private func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        guard commandDescriptor >= 0, !ended else { throw HeadlessBrowser.Failure.browserExited(diagnosis()) }
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask)
        var pendingBefore = sigset_t()
        sigpending(&pendingBefore)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pendingBefore, SIGPIPE) == 0 && sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(commandDescriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else if written < 0 && errno == EAGAIN {
                var descriptor = pollfd(fd: commandDescriptor, events: Int16(POLLOUT), revents: 0)
                let remaining = Self.milliseconds(until: deadline)
                if remaining == 0 { throw HeadlessBrowser.Failure.timedOut("the browser stopped reading commands") }
                _ = poll(&descriptor, 1, remaining)
            } else {
                ended = true
                throw HeadlessBrowser.Failure.browserExited(diagnosis())
            }
        }
    }

    /// Waits until `deadline` for bytes from the browser, reads what there is and files every
    /// complete message; returns whether it read anything.
    @discardableResult
    private func receive(until deadline: ContinuousClock.Instant) throws -> Bool {
        guard replyDescriptor >= 0, !ended else { throw HeadlessBrowser.Failure.browserExited(diagnosis()) }
        var descriptor = pollfd(fd: replyDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Self.milliseconds(until: deadline))
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { read(replyDescriptor, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return false }
        guard count > 0 else {
            ended = true
            throw HeadlessBrowser.Failure.browserExited(diagnosis())
        }
        received.append(contentsOf: chunk[0..<count])
        var start = 0
        while let end = received[scanned...].firstIndex(of: 0) {
            file(received[start..<end])
            start = end + 1
            scanned = start
        }
        received.removeFirst(start)
        scanned = received.count
        return true
    }

    /// Files one message: a reply someone waits for, or an event.
    private func file(_ message: ArraySlice<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] else {
            // Foundation refuses some texts Chromium writes (a lone UTF-16 surrogate in a string):
            // a reply is still answered, with an error, rather than waited for until the deadline.
            if let id = Self.leadingId(message) {
                replies[id] = ["error": ["message": "the browser's reply is not JSON that Foundation can read"]]
            }
            return
        }
        if let id = object["id"] as? Int {
            if awaited.contains(id) { replies[id] = object }
        } else if let method = object["method"] as? String {
            let session = object["sessionId"] as? String
            if let session, method == "Inspector.targetCrashed" { crashed.insert(session) }
            if let session, method == "Inspector.targetReloadedAfterCrash" { crashed.remove(session) }
            events.append(
                Event(
                    sequence: events.count, method: method, sessionId: session,
                    params: object["params"] as? [String: Any] ?? [:]))
        }
    }

    /// The id of a reply that starts `{"id":N,` (Chromium writes the id first).
    private static func leadingId(_ message: ArraySlice<UInt8>) -> Int? {
        let prefix = Array("{\"id\":".utf8)
        guard message.starts(with: prefix) else { return nil }
        let digits = message.dropFirst(prefix.count).prefix { $0 >= 0x30 && $0 <= 0x39 }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    // MARK: - The process

    /// How the browser ended, without reaping it: `(CLD_EXITED, status)`, `(CLD_KILLED, signal)`,
    /// …; `nil` while it runs.
    private func ending() -> (code: Int32, status: Int32)? {
        guard !reapedElsewhere else { return (0, 0) }
        var information = siginfo_t()
        while true {
            if waitid(P_PID, id_t(pid), &information, WEXITED | WNOHANG | WNOWAIT) == 0 {
                guard information._sifields._sigchld.si_pid == pid else { return nil }
                return (information.si_code, information._sifields._sigchld.si_status)
            }
            if errno == EINTR { continue }
            // ECHILD: another part of the test process reaped it; its id may be reused, so its
            // group is no longer signalled.
            reapedElsewhere = true
            return (0, 0)
        }
    }

    /// Whether the browser has exited within `limit`.
    private func exited(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ending() == nil {
            if ContinuousClock.now >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// How the browser ended (if it has) and the end of what it wrote to standard error.
    private func diagnosis() -> String {
        var text = "the browser exited"
        if exited(within: .milliseconds(500)), let (code, status) = ending() {
            if code == CLD_EXITED { text += " with status \(status)" }
            if code == CLD_KILLED || code == CLD_DUMPED { text += " on signal \(status)" }
        }
        let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        // Without a D-Bus (a container), Chromium's log is mostly complaints about it: skipped.
        let tail = log.split(separator: "\n").filter { !$0.contains("dbus") }.suffix(12).joined(separator: "\n")
        return tail.isEmpty ? text : text + "; its last words:\n" + tail
    }

    /// A new pipe whose two ends are close-on-exec descriptors numbered 10 or more.
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Self.pipe2(&ends, O_CLOEXEC) == 0 else {
            throw HeadlessBrowser.Failure.launch("cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        let moved = ends.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        ends.forEach { _ = close($0) }
        guard moved.allSatisfy({ $0 >= 0 }) else {
            moved.filter { $0 >= 0 }.forEach { _ = close($0) }
            throw HeadlessBrowser.Failure.launch("cannot move a pipe: \(String(cString: strerror(errno)))")
        }
        return (moved[0], moved[1])
    }

    // Two glibc functions Swift's Glibc module hides (they need _GNU_SOURCE), looked up by name.

    /// `pipe2(2)`: a pipe made close-on-exec at once, before any other thread can spawn a child.
    private static func pipe2(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        guard let address = dlsym(dlopen(nil, RTLD_NOW), "pipe2") else { return pipe(ends) }
        return unsafeBitCast(address, to: Function.self)(ends, flags)
    }

    /// `posix_spawn_file_actions_addclosefrom_np(3)`: the child closes every descriptor from
    /// `lowest` up, whatever other code in the test process left open without close-on-exec.
    private static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let address = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return ENOSYS }
        return unsafeBitCast(address, to: Function.self)(actions, lowest)
    }

    /// Milliseconds from now until `deadline`, rounded up, 0 when it has passed.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }
}
