import Foundation

/// A real headless Chromium driven through the Chrome DevTools Protocol, for browser tests: one
/// page, opened by URL, read and checked with JavaScript, clicked and typed into with real input
/// events, and photographed.
///
/// The browser talks over a pipe (`--remote-debugging-pipe`), not a port, so tests running side by
/// side never meet. Every call blocks its thread until Chromium answers, for at most `timeout`
/// (or the wait's own timeout): nothing here waits on another task, so calling it from an
/// `async` test is safe, and no test hangs on a browser that stalls or dies. The browser is not
/// `Sendable`: make one per test and use it from that test's task. `close()` (or the end of the
/// last reference) stops the browser, reaps its processes and removes its profile.
public final class HeadlessBrowser {
    /// Where the tests expect Chromium's headless shell (Debian's `chromium-headless-shell`).
    public static let defaultExecutable = "/usr/bin/chromium-headless-shell"

    /// Whether the headless shell is installed.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: defaultExecutable) }

    /// Whether browser tests run: when the browser is installed, and always under CI (`CI=true`),
    /// where a missing browser then fails them instead of skipping them.
    public static let testsEnabled = isInstalled || ProcessInfo.processInfo.environment["CI"] == "true"

    /// How long a command, a page load or a wait may take unless given its own timeout.
    public var timeout: Duration = .seconds(15)

    /// The id of the process started (Debian's launcher script, whose child is the browser), which
    /// is also the id of the process group that the browser, its renderers and helpers share.
    public var processIdentifier: pid_t { pipe.pid }

    private let pipe: DevToolsPipe
    private let session: String
    private let scratch: String
    private var closed = false

    /// Starts a browser whose page is `width` × `height` CSS pixels, showing `about:blank`.
    /// Throws `Failure.notInstalled` when `executable` is missing, and `Failure.browserExited`
    /// (with the end of its standard error) when it starts but dies.
    public init(width: Int = 1280, height: Int = 900, executable: String = HeadlessBrowser.defaultExecutable) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw Failure.notInstalled(path: executable) }
        let scratch = NSTemporaryDirectory() + "timeline-browser-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch + "/profile", withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch
        let pipe: DevToolsPipe
        do {
            pipe = try DevToolsPipe(
                executable: executable,
                arguments: [
                    "--no-sandbox", "--headless", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
                    "--window-size=\(width),\(height)", "--user-data-dir=\(scratch)/profile", "about:blank",
                ],
                environment: environment, logPath: scratch + "/chromium.log")
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw error
        }
        let deadline = ContinuousClock.now + .seconds(15)
        do {
            let target = try pipe.call("Target.createTarget", ["url": "about:blank", "width": width, "height": height], deadline: deadline)
            guard let targetId = target["targetId"] as? String else { throw Failure.protocolError("Target.createTarget: no targetId") }
            let attached = try pipe.call("Target.attachToTarget", ["targetId": targetId, "flatten": true], deadline: deadline)
            guard let session = attached["sessionId"] as? String else { throw Failure.protocolError("Target.attachToTarget: no sessionId") }
            for method in ["Page.enable", "Runtime.enable"] { try pipe.call(method, session: session, deadline: deadline) }
            self.session = session
        } catch {
            pipe.terminate()
            try? FileManager.default.removeItem(atPath: scratch)
            throw error
        }
        self.pipe = pipe
        self.scratch = scratch
    }

    deinit { close() }

    /// Stops the browser (asking it to close, then signalling it), reaps it and removes its
    /// profile. Safe to call more than once; nothing else may be called afterwards.
    public func close() {
        guard !closed else { return }
        closed = true
        pipe.terminate()
        try? FileManager.default.removeItem(atPath: scratch)
    }

    // MARK: - Pages and scripts

    /// Opens `url` and waits for its load event. Throws `Failure.navigation` when Chromium cannot
    /// open it (a missing file is `net::ERR_FILE_NOT_FOUND`). A change of fragment alone loads
    /// nothing and returns at once.
    public func navigate(to url: String, timeout: Duration? = nil) throws {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        let mark = pipe.eventCount
        let result = try command("Page.navigate", ["url": url], deadline: deadline)
        if let problem = result["errorText"] as? String, !problem.isEmpty { throw Failure.navigation(url: url, problem: problem) }
        guard result["loaderId"] != nil else { return }
        let event = try pipe.event(["Page.loadEventFired", "Inspector.targetCrashed"], session: session, after: mark, deadline: deadline)
        if event.method == "Inspector.targetCrashed" { throw Failure.browserExited("the page crashed loading \(url)") }
    }

    /// The value of a JavaScript expression in the page, awaited if it is a promise, as
    /// `JSONSerialization` gives it (`String`, `Bool`, numbers, arrays, dictionaries; `nil` for
    /// `undefined` and `null`; `NaN`, `Infinity` and `-0` as `Double`, a BigInt as its text).
    /// An exception becomes `Failure.javaScript` with its message.
    @discardableResult
    public func evaluate(_ expression: String) throws -> Any? {
        try evaluate(expression, deadline: ContinuousClock.now + timeout)
    }

    /// Evaluates `condition` (an expression, awaited if a promise) every 50 ms until it is truthy.
    /// An exception counts as not yet (the element may not exist yet), as does a page between two
    /// documents; at `timeout` it throws `Failure.timedOut` quoting the condition and the last
    /// exception.
    public func waitUntil(_ condition: String, timeout: Duration? = nil) throws {
        let deadline = ContinuousClock.now + (timeout ?? self.timeout)
        var lastProblem: String?
        while true {
            do {
                if Self.isTruthy(try evaluate(condition, deadline: deadline)) { return }
            } catch Failure.javaScript(_, let exception) {
                lastProblem = exception
            } catch Failure.protocolError(let message) {
                // "Execution context was destroyed": the page is between documents.
                lastProblem = message
            } catch Failure.timedOut {
                break
            }
            let now = ContinuousClock.now
            if now >= deadline { break }
            try pipe.idle(until: min(now + .milliseconds(50), deadline))
        }
        let (seconds, attoseconds) = (timeout ?? self.timeout).components
        let limit = Double(seconds) + Double(attoseconds) / 1e18
        throw Failure.timedOut("waited \(limit) s until \(condition)" + (lastProblem.map { " (last: \($0))" } ?? ""))
    }

    /// Uncaught exceptions and `console.error` messages from the page so far, oldest first.
    public func pageErrors() throws -> [String] {
        try pipe.drain()
        return pipe.events.filter { $0.sessionId == session }.compactMap { event in
            switch event.method {
            case "Runtime.exceptionThrown":
                let details = event.params["exceptionDetails"] as? [String: Any] ?? [:]
                return Self.exceptionText(details)
            case "Runtime.consoleAPICalled" where event.params["type"] as? String == "error":
                let arguments = event.params["args"] as? [[String: Any]] ?? []
                return arguments.map { argument in
                    argument["value"].map { "\($0)" } ?? argument["description"] as? String ?? argument["type"] as? String ?? ""
                }.joined(separator: " ")
            default:
                return nil
            }
        }
    }

    // MARK: - Input

    /// Clicks the first element matching `cssSelector` with the mouse: scrolls it to the middle
    /// of the viewport, then moves, presses and releases the left button at the centre of its
    /// bounding box, as a user would (so it also takes focus). Throws `Failure.element` when
    /// nothing matches, the element has no size, or another element covers its centre.
    public func click(_ cssSelector: String) throws {
        let deadline = ContinuousClock.now + timeout
        let script = """
            (() => {
              const element = document.querySelector(\(Self.literal(cssSelector)));
              if (!element) return { problem: 'nothing matches it' };
              element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
              const box = element.getBoundingClientRect();
              if (box.width === 0 || box.height === 0) return { problem: 'it has no size (hidden?)' };
              const x = box.left + box.width / 2, y = box.top + box.height / 2;
              const hit = document.elementFromPoint(x, y);
              if (hit !== element && !element.contains(hit)) {
                const name = hit ? hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') : 'nothing (off screen)';
                return { problem: 'its centre shows ' + name };
              }
              return { x, y };
            })()
            """
        let place = try evaluate(script, deadline: deadline) as? [String: Any] ?? [:]
        guard let x = place["x"] as? Double, let y = place["y"] as? Double else {
            throw Failure.element(selector: cssSelector, problem: place["problem"] as? String ?? "no position")
        }
        for (type, buttons) in [("mouseMoved", 0), ("mousePressed", 1), ("mouseReleased", 0)] {
            let moving = type == "mouseMoved"
            try command(
                "Input.dispatchMouseEvent",
                ["type": type, "x": x, "y": y, "button": moving ? "none" : "left", "buttons": buttons, "clickCount": moving ? 0 : 1],
                deadline: deadline)
        }
    }

    /// Presses and releases one key in the focused element: a named key (`ArrowLeft`,
    /// `ArrowRight`, `ArrowUp`, `ArrowDown`, `Home`, `End`, `PageUp`, `PageDown`, `Enter`, `Tab`,
    /// `Escape`, `Space`, `Backspace`, `Delete`) or one character (`a`, `A` with Shift, `7`,
    /// `?`), with the `key`, `code` and `keyCode` a US keyboard gives. Throws `Failure.unknownKey`
    /// for anything else.
    public func press(_ key: String) throws {
        guard let definition = KeyboardKey(key) else { throw Failure.unknownKey(key) }
        try press(definition, deadline: ContinuousClock.now + timeout)
    }

    /// Types `text` into the focused element one key at a time (a newline is Enter, a tab is Tab).
    public func type(_ text: String) throws {
        let deadline = ContinuousClock.now + timeout
        for character in text { try press(KeyboardKey(character), deadline: deadline) }
    }

    // MARK: - The viewport

    /// Makes the page `width` × `height` CSS pixels at one device pixel each (screenshots follow).
    public func setViewport(width: Int, height: Int) throws {
        try command("Emulation.setDeviceMetricsOverride", Self.metrics(width, height), deadline: ContinuousClock.now + timeout)
    }

    /// A PNG of the viewport (decode it with `PNGImage`).
    public func screenshot() throws -> [UInt8] {
        let result = try command("Page.captureScreenshot", ["format": "png"], deadline: ContinuousClock.now + timeout)
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
            throw Failure.protocolError("Page.captureScreenshot: no image data")
        }
        return Array(data)
    }

    // MARK: - Failures

    /// Why the browser could not do what was asked.
    public enum Failure: Error, CustomStringConvertible {
        /// No browser at this path.
        case notInstalled(path: String)
        /// The browser could not be started.
        case launch(String)
        /// The browser (or the page's renderer) died; with its exit status and last log lines.
        case browserExited(String)
        /// Something did not happen in time; says what.
        case timedOut(String)
        /// Chromium refused a command.
        case protocolError(String)
        /// Chromium could not open a URL (`net::ERR_FILE_NOT_FOUND`, …).
        case navigation(url: String, problem: String)
        /// An expression threw.
        case javaScript(expression: String, exception: String)
        /// An element cannot be clicked.
        case element(selector: String, problem: String)
        /// `press(_:)` does not know the key.
        case unknownKey(String)

        public var description: String {
            switch self {
            case .notInstalled(let path):
                "no headless browser at \(path): install Debian's chromium-headless-shell (scripts/ensure-deps does)"
            case .launch(let message): message
            case .browserExited(let message): message
            case .timedOut(let what): "timed out: \(what)"
            case .protocolError(let message): "the browser refused \(message)"
            case .navigation(let url, let problem): "cannot open \(url): \(problem)"
            case .javaScript(let expression, let exception): "JavaScript threw \(exception)\n  evaluating: \(expression)"
            case .element(let selector, let problem): "cannot click \(selector): \(problem)"
            case .unknownKey(let key):
                "no key named \"\(key)\": use one character or one of \(KeyboardKey.named.keys.sorted().joined(separator: ", "))"
            }
        }
    }

    // MARK: - Helpers

    /// A command to the page, failing at once when the browser was closed.
    @discardableResult
    private func command(_ method: String, _ params: [String: Any] = [:], deadline: ContinuousClock.Instant) throws -> [String: Any] {
        guard !closed else { throw Failure.browserExited("the browser was closed") }
        return try pipe.call(method, params, session: session, deadline: deadline)
    }

    private func evaluate(_ expression: String, deadline: ContinuousClock.Instant) throws -> Any? {
        let result = try command(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true, "userGesture": true],
            deadline: deadline)
        if let details = result["exceptionDetails"] as? [String: Any] {
            throw Failure.javaScript(expression: expression, exception: Self.exceptionText(details))
        }
        let remote = result["result"] as? [String: Any] ?? [:]
        if let special = remote["unserializableValue"] as? String { return Double(special) ?? special }
        guard let value = remote["value"], !(value is NSNull) else { return nil }
        return value
    }

    private func press(_ key: KeyboardKey, deadline: ContinuousClock.Instant) throws {
        var event: [String: Any] = [
            "key": key.key, "code": key.code, "windowsVirtualKeyCode": key.virtualKeyCode, "nativeVirtualKeyCode": key.virtualKeyCode,
            "modifiers": key.shifted ? 8 : 0,
        ]
        var down = event
        // A key that types is a keyDown with its text (Chromium then sends keypress and input);
        // one that does not is a rawKeyDown, as in a real browser.
        down["type"] = key.text == nil ? "rawKeyDown" : "keyDown"
        if let text = key.text {
            down["text"] = text
            down["unmodifiedText"] = text
        }
        try command("Input.dispatchKeyEvent", down, deadline: deadline)
        event["type"] = "keyUp"
        try command("Input.dispatchKeyEvent", event, deadline: deadline)
    }

    private static func metrics(_ width: Int, _ height: Int) -> [String: Any] {
        ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false]
    }

    /// The message of an exception (`Error: boom`), else the protocol's summary (`Uncaught`).
    private static func exceptionText(_ details: [String: Any]) -> String {
        let exception = details["exception"] as? [String: Any]
        if let description = exception?["description"] as? String { return description }
        if let value = exception?["value"] { return "\(value)" }
        return details["text"] as? String ?? "an exception"
    }

    /// JavaScript's truthiness for a value `evaluate` returned.
    private static func isTruthy(_ value: Any?) -> Bool {
        switch value {
        case nil: false
        case let flag as Bool: flag
        case let number as Double: number != 0 && !number.isNaN
        case let number as Int: number != 0
        case let text as String: !text.isEmpty
        default: true
        }
    }

    /// `text` as a JavaScript string literal.
    static func literal(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed])) ?? Data("\"\"".utf8)
        // JSON allows U+2028 and U+2029 in strings; JavaScript before ES2019 did not.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }
}
