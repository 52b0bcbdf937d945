import Foundation
import Glibc
import Testing
import TimelineTestSupport

/// The headless browser driver the web explorer's tests use, on a real page in a real Chromium:
/// mouse clicks, keys and typing as trusted input events, scripts, waits, the viewport,
/// screenshots, failures named, and a browser that leaves no process behind.
@Suite("Headless browser")
struct HeadlessBrowserTests {
    /// The fixture page: a button, a text input, a range input, a coloured block, a keyboard log
    /// and a button below the fold.
    static let page = """
        <!doctype html>
        <html>
        <head>
        <meta charset="utf-8">
        <title>Driver fixture</title>
        <style>
          body { margin: 0; font: 16px sans-serif; background: #ffffff; }
          #swatch { position: absolute; left: 600px; top: 100px; width: 200px; height: 120px; background: #1f4e9c; }
          #spacer { height: 2400px; }
        </style>
        </head>
        <body>
        <button id="go">Go</button>
        <p id="status">waiting</p>
        <input id="name" type="text">
        <input id="level" type="range" min="0" max="10" step="1" value="3">
        <div id="swatch"></div>
        <div id="spacer"></div>
        <button id="far">Far</button>
        <script>
          const status = document.getElementById('status');
          window.keyLog = [];
          document.addEventListener('keydown', (event) => {
            keyLog.push([event.key, event.code, event.keyCode, event.shiftKey].join('|'));
          });
          document.getElementById('go').addEventListener('click', (event) => {
            status.textContent = 'clicked ' + (event.isTrusted ? 'by a trusted event' : 'by a script');
          });
          document.getElementById('far').addEventListener('click', () => { status.textContent = 'far clicked'; });
        </script>
        </body>
        </html>
        """

    /// A browser showing the fixture page, and the scratch directory holding the page.
    static func open(width: Int = 1280, height: Int = 900) throws -> (HeadlessBrowser, ScratchDirectory) {
        let scratch = ScratchDirectory()
        let path = scratch.file("fixture.html")
        writeBytes(Array(page.utf8), to: path)
        let browser = try HeadlessBrowser(width: width, height: height)
        try browser.navigate(to: "file://" + path)
        return (browser, scratch)
    }

    @Test("a click is a trusted mouse event at the button, and it changes the page", .enabled(if: HeadlessBrowser.testsEnabled))
    func click() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        #expect(try browser.evaluate("document.getElementById('status').textContent") as? String == "waiting")
        try browser.click("#go")
        #expect(try browser.evaluate("document.getElementById('status').textContent") as? String == "clicked by a trusted event")
        // Far below the fold: scrolled into view first.
        try browser.click("#far")
        #expect(try browser.evaluate("status.textContent") as? String == "far clicked")
        #expect(try browser.evaluate("window.scrollY") as? Double ?? 0 > 1000)
    }

    @Test("typing fills the input, Tab moves on, and arrows, Home and End move the range", .enabled(if: HeadlessBrowser.testsEnabled))
    func keyboard() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        try browser.click("#name")
        try browser.type("Hi, Kazakhstan 2001! é")
        #expect(try browser.evaluate("document.getElementById('name').value") as? String == "Hi, Kazakhstan 2001! é")
        try browser.press("Backspace")
        #expect(try browser.evaluate("document.getElementById('name').value") as? String == "Hi, Kazakhstan 2001! ")
        try browser.press("Tab")
        #expect(try browser.evaluate("document.activeElement.id") as? String == "level")
        let level = "document.getElementById('level').value"
        try browser.press("ArrowRight")
        #expect(try browser.evaluate(level) as? String == "4")
        try browser.press("ArrowLeft")
        try browser.press("ArrowLeft")
        #expect(try browser.evaluate(level) as? String == "2")
        try browser.press("End")
        #expect(try browser.evaluate(level) as? String == "10")
        try browser.press("Home")
        #expect(try browser.evaluate(level) as? String == "0")
    }

    @Test("keys carry the key, code and keyCode of a US keyboard", .enabled(if: HeadlessBrowser.testsEnabled))
    func keyIdentity() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        let pressed = ["ArrowLeft", "ArrowRight", "Home", "End", "Enter", "Escape", "Space", "a", "Z", "7", "?", "Tab"]
        for key in pressed { try browser.press(key) }
        let log = try #require(try browser.evaluate("keyLog") as? [String])
        #expect(
            log == [
                "ArrowLeft|ArrowLeft|37|false", "ArrowRight|ArrowRight|39|false", "Home|Home|36|false", "End|End|35|false",
                "Enter|Enter|13|false", "Escape|Escape|27|false", " |Space|32|false", "a|KeyA|65|false", "Z|KeyZ|90|true",
                "7|Digit7|55|false", "?|Slash|191|true", "Tab|Tab|9|false",
            ])
        #expect(throws: HeadlessBrowser.Failure.self) { try browser.press("Hyper") }
    }

    @Test("a screenshot shows the coloured block where the page put it, at the viewport's size", .enabled(if: HeadlessBrowser.testsEnabled))
    func screenshot() async throws {
        let (browser, scratch) = try Self.open(width: 1000, height: 700)
        defer { scratch.cleanUp() }
        let image = try #require(PNGImage(try browser.screenshot()), "not a PNG")
        #expect(image.width == 1000 && image.height == 700)
        #expect(Self.colour(in: image, x: 700, y: 160) == 0x1F4E9C)
        #expect(Self.colour(in: image, x: 900, y: 160) == 0xFFFFFF)
        // The whole 200 × 120 block and nothing else in that colour.
        #expect(abs(image.count(near: 0x1F4E9C, tolerance: 2) - 200 * 120) < 200)
        if let path = ProcessInfo.processInfo.environment["TIMELINE_BROWSER_SCREENSHOT"] { writeBytes(try browser.screenshot(), to: path) }

        try browser.setViewport(width: 640, height: 480)
        #expect(try browser.evaluate("[innerWidth, innerHeight]") as? [Int] == [640, 480])
        let small = try #require(PNGImage(try browser.screenshot()), "not a PNG")
        #expect(small.width == 640 && small.height == 480)
        #expect(Self.colour(in: small, x: 610, y: 110) == 0x1F4E9C)
    }

    @Test(
        "scripts: values, awaited promises, exceptions, waits that succeed and waits that time out",
        .enabled(if: HeadlessBrowser.testsEnabled))
    func scripts() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        #expect(try browser.evaluate("6 * 7") as? Int == 42)
        #expect(try browser.evaluate("({ name: 'SCO', founded: 2001 })") as? [String: Any] != nil)
        #expect(try browser.evaluate("undefined") == nil)
        #expect(try browser.evaluate("new Promise((resolve) => setTimeout(() => resolve('later'), 50))") as? String == "later")
        do {
            try browser.evaluate("document.querySelector('#missing').textContent")
            Issue.record("no exception")
        } catch HeadlessBrowser.Failure.javaScript(_, let exception) {
            #expect(exception.contains("TypeError") && exception.contains("null"), "\(exception)")
        }

        try browser.evaluate("setTimeout(() => { status.textContent = 'ready' }, 200)")
        try browser.waitUntil("document.getElementById('status').textContent === 'ready'")
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try browser.waitUntil("document.title === 'never'", timeout: .milliseconds(300))
            Issue.record("no timeout")
        } catch HeadlessBrowser.Failure.timedOut(let what) {
            #expect(what.contains("document.title === 'never'"))
        }
        #expect(clock.now - start < .seconds(3))

        try browser.evaluate("setTimeout(() => { throw new Error('late failure') }); console.error('logged', 7)")
        try browser.evaluate("new Promise((resolve) => setTimeout(resolve, 100))")
        let errors = try browser.pageErrors()
        #expect(errors.contains { $0.contains("Error: late failure") }, "\(errors)")
        #expect(errors.contains("logged 7"), "\(errors)")
    }

    @Test("a missing browser is named, with how to install it")
    func missingBrowser() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("no-such-browser")
        do {
            _ = try HeadlessBrowser(executable: path)
            Issue.record("no error")
        } catch let failure as HeadlessBrowser.Failure {
            #expect(
                failure.description == "no headless browser at \(path): install Debian's chromium-headless-shell (scripts/ensure-deps does)"
            )
        }
    }

    @Test("failures are named: a page that is not there, an element that is not there", .enabled(if: HeadlessBrowser.testsEnabled))
    func failures() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        do {
            try browser.navigate(to: "file://" + scratch.file("missing.html"))
            Issue.record("no navigation error")
        } catch HeadlessBrowser.Failure.navigation(_, let problem) {
            #expect(problem == "net::ERR_FILE_NOT_FOUND")
        }
        do {
            try browser.click("#nothing")
            Issue.record("no click error")
        } catch HeadlessBrowser.Failure.element(let selector, let problem) {
            #expect(selector == "#nothing" && problem == "nothing matches it")
        }
    }

    @Test("closing stops the browser and every process it started", .enabled(if: HeadlessBrowser.testsEnabled))
    func close() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        let group = browser.processIdentifier
        #expect(Self.processes(inGroup: group).count >= 2, "a browser and its renderer")
        browser.close()
        #expect(kill(group, 0) == -1 && errno == ESRCH)
        #expect(Self.processes(inGroup: group).isEmpty)
        #expect(throws: HeadlessBrowser.Failure.self) { try browser.evaluate("1") }
    }

    @Test("a crashed page fails at once until a navigation, and a dead browser fails at once", .enabled(if: HeadlessBrowser.testsEnabled))
    func crashes() async throws {
        let (browser, scratch) = try Self.open()
        defer { scratch.cleanUp() }
        let clock = ContinuousClock()
        var start = clock.now
        try? browser.navigate(to: "chrome://crash")
        // The renderer's death is reported after the navigation ends: keep asking until it is.
        var crash: String?
        while crash == nil && clock.now - start < .seconds(5) {
            do { try browser.evaluate("1") } catch HeadlessBrowser.Failure.browserExited(let message) { crash = message }
        }
        #expect(crash?.contains("the page crashed") == true, "\(crash ?? "no crash")")
        try browser.navigate(to: "file://" + scratch.file("fixture.html"))
        #expect(try browser.evaluate("document.title") as? String == "Driver fixture")

        kill(-browser.processIdentifier, SIGKILL)
        // Long enough for the pipe to close: the command then meets EPIPE (SIGPIPE would end the tests).
        usleep(300_000)
        start = clock.now
        do {
            try browser.evaluate("1")
            Issue.record("no error from a dead browser")
        } catch HeadlessBrowser.Failure.browserExited(let message) {
            #expect(message.hasPrefix("the browser exited"), "\(message)")
        }
        #expect(clock.now - start < .seconds(3))
    }

    /// The pixel at (x, y) as `0xRRGGBB`.
    static func colour(in image: PNGImage, x: Int, y: Int) -> Int {
        let index = (y * image.width + x) * 3
        return Int(image.pixels[index]) << 16 | Int(image.pixels[index + 1]) << 8 | Int(image.pixels[index + 2])
    }

    /// The live processes (not zombies) in a process group, from /proc.
    static func processes(inGroup group: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (name) ": state, ppid, pgrp.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && pid_t(fields[2]) == group ? pid : nil
        }
    }
}
