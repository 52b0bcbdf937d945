import Foundation
import Testing
import TimelineTestSupport

/// The web explorer in a real headless Chromium over a real `timeline serve`: the date slider,
/// the roster, a country's memberships, a link that reproduces the view, known-at on a log with
/// a correction, and the map's colours in a screenshot.
@Suite("Web explorer in a browser", .enabled(if: HeadlessBrowser.testsEnabled), .serialized)
struct ExplorerBrowserTests {
    /// The member colour of `explorer.css` (rgb 31 78 156).
    static let memberColour = 0x1F4E9C

    /// A server over `log` and a browser with the explorer open at `query`, its view settled.
    static func open(_ log: String, at query: String) throws -> (ServeProcess, HeadlessBrowser) {
        let server = try ServeProcess(log: log)
        let browser = try HeadlessBrowser(width: 1280, height: 900)
        try browser.navigate(to: server.url + "/" + query)
        try settle(browser)
        return (server, browser)
    }

    /// Waits until every request of the view has finished.
    static func settle(_ browser: HeadlessBrowser) throws {
        try browser.waitUntil("document.body.dataset.busy === 'false' && document.querySelectorAll('#roster tbody tr').length > 0")
    }

    /// Types a date into the date field, as a user does.
    static func enterDate(_ date: String, in browser: HeadlessBrowser) throws {
        try browser.click("#date-text")
        _ = try browser.evaluate("document.querySelector('#date-text').select()")
        try browser.type(date + "\n")
        try browser.waitUntil("document.querySelector('#date-text').value === '\(date)'")
        try settle(browser)
    }

    /// The roster's rows whose status cell reads exactly `member`.
    static func memberCodes(_ browser: HeadlessBrowser) throws -> [String] {
        let codes = try browser.evaluate(
            """
            [...document.querySelectorAll('#roster tbody tr[data-code]')]
              .filter(tr => tr.querySelector('td[data-key=status]').textContent.trim().toLowerCase().startsWith('member'))
              .map(tr => tr.dataset.code)
            """)
        return codes as? [String] ?? []
    }

    @Test("slider to 2017-06-09: 8 SCO members; to 2024-07-04: Belarus the 10th; Belarus's memberships; the link reproduces the view")
    func sliderRosterCountryAndLink() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (server, browser) = try Self.open(ServeProcess.bundledCopy(in: scratch), at: "?org=SCO")
        defer {
            browser.close()
            server.stop()
        }
        #expect(try browser.evaluate("document.querySelector('#org').value") as? String == "SCO")

        try Self.enterDate("2017-06-09", in: browser)
        #expect(try Self.memberCodes(browser).count == 8)
        #expect((try browser.evaluate("document.querySelector('#roster-summary').textContent") as? String)?.contains("8 members") == true)

        // The arrow keys on the slider step to the next event date.
        try browser.click("#date")
        try browser.press("ArrowRight")
        try browser.waitUntil("document.querySelector('#date-text').value > '2017-06-09'")
        try Self.settle(browser)

        try Self.enterDate("2024-07-04", in: browser)
        let members = try Self.memberCodes(browser)
        #expect(members.count == 10)
        let ordinal = try browser.evaluate("document.querySelector('#roster tr[data-code=BLR] td[data-key=ordinal]').textContent.trim()")
        #expect(ordinal as? String == "10")

        try browser.click("#roster tr[data-code=BLR]")
        try browser.waitUntil("document.querySelectorAll('#memberships tr[data-org]').length > 0 && document.body.dataset.busy === 'false'")
        let organizations =
            try browser.evaluate("[...document.querySelectorAll('#memberships tr[data-org]')].map(tr => tr.dataset.org)") as? [String]
        #expect(organizations?.contains("SCO") == true && organizations?.contains("UN") == true, "\(organizations ?? [])")

        let link = try #require(try browser.evaluate("location.href") as? String)
        #expect(
            link.contains("org=SCO") && link.contains("at=2024-07-04") && link.contains("country=BLR")
                && link.contains("head=\(bundledRecordCount)"),
            "\(link)")
        try browser.navigate(to: link)
        try Self.settle(browser)
        try browser.waitUntil("document.querySelectorAll('#memberships tr[data-org]').length > 0")
        #expect(try browser.evaluate("document.querySelector('#date-text').value") as? String == "2024-07-04")
        #expect(try Self.memberCodes(browser).count == 10)
        #expect(try browser.evaluate("document.querySelector('#head-notice').hidden") as? Bool == true)
        #expect(try browser.pageErrors().isEmpty)
    }

    @Test("the map has the members' colour at Belarus's position, and not at a non-member's; usable at 400 px wide")
    func mapColours() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (server, browser) = try Self.open(ServeProcess.bundledCopy(in: scratch), at: "?org=SCO&at=2024-07-04")
        defer {
            browser.close()
            server.stop()
        }
        try browser.waitUntil("document.querySelector('#map path[data-code=BLR]') !== null")
        func screenPoint(_ code: String) throws -> (Int, Int) {
            let point =
                try browser.evaluate(
                    """
                    (async () => {
                      const world = await (await fetch('/world.json')).json();
                      const country = world.countries.find(c => c.code === '\(code)');
                      const map = document.querySelector('#map');
                      map.scrollIntoView({block: 'center', behavior: 'instant'});
                      const path = map.querySelector('path[data-code=\(code)]');
                      const p = map.createSVGPoint();
                      p.x = country.label[0]; p.y = country.label[1];
                      const s = p.matrixTransform(path.getScreenCTM());
                      return [Math.round(s.x), Math.round(s.y)];
                    })()
                    """) as? [Any]
            let x = (point?.first as? NSNumber)?.intValue ?? -1
            let y = (point?.last as? NSNumber)?.intValue ?? -1
            return (x, y)
        }
        let belarus = try screenPoint("BLR")
        let france = try screenPoint("FRA")
        let image = try #require(PNGImage(try browser.screenshot()))
        let atBelarus = try #require(image.colour(x: belarus.0, y: belarus.1), "Belarus at \(belarus) is off the screenshot")
        let atFrance = try #require(image.colour(x: france.0, y: france.1))
        func near(_ a: Int, _ b: Int) -> Bool {
            abs((a >> 16) - (b >> 16)) <= 16 && abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)) <= 16 && abs((a & 0xFF) - (b & 0xFF)) <= 16
        }
        #expect(near(atBelarus, Self.memberColour), "Belarus shows \(String(atBelarus, radix: 16))")
        #expect(!near(atFrance, Self.memberColour), "France shows the member colour")
        _ = writeBytes(try browser.screenshot(), to: scratch.file("explorer.png"))

        try browser.setViewport(width: 400, height: 800)
        try browser.navigate(to: server.url + "/?org=SCO&at=2024-07-04")
        try Self.settle(browser)
        let overflow = try browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1") as? Bool
        #expect(overflow == true, "the page scrolls sideways at 400 px")
        #expect(try Self.memberCodes(browser).count == 10)
    }

    @Test("the G20's organization members are listed as organizations, and named off the map")
    func organizationMembers() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (server, browser) = try Self.open(ServeProcess.bundledCopy(in: scratch), at: "?org=G20&at=2024-12-31")
        defer {
            browser.close()
            server.stop()
        }
        let codes = try Self.memberCodes(browser)
        #expect(codes.count == 21 && codes.contains("EU") && codes.contains("AU"), "\(codes)")
        let name = try browser.evaluate("document.querySelector('#roster tr[data-code=EU] td[data-key=name]').textContent") as? String
        #expect(name == "European Union (organization)")
        let missing = try browser.evaluate("document.querySelector('#map-missing').textContent") as? String ?? ""
        #expect(missing.contains("African Union (AU, an organization, member)"), "\(missing)")
    }

    @Test("known-at on a log with a correction: the answer changes with the log as it stood")
    func knownAtCorrection() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        // A correction for the test only: Belarus's SCO accession moved to 2024-07-10.
        let id = try timeline([
            "--log", log, "-c", "history Belarus | where org == SCO | where type == accession | select id", "--format", "csv",
        ])
        let accession = try #require(id.stdout.split(separator: "\n").dropFirst().first.map(String.init))
        let corrected = try timeline([
            "--log", log, "-c",
            "append correction \(accession.prefix(12)) date 2024-07-10 source \"test fixture: a correction for the known-at test\"",
        ])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let (server, browser) = try Self.open(log, at: "?org=SCO&at=2024-07-05")
        defer {
            browser.close()
            server.stop()
        }
        #expect(try !Self.memberCodes(browser).contains("BLR"))
        // The known-at slider back to the bundled log's last record, before the correction.
        _ = try browser.evaluate("document.querySelector('#known').focus()")
        try browser.press("ArrowLeft")
        try browser.waitUntil("new URL(location.href).searchParams.get('known') === '\(bundledRecordCount)'")
        try Self.settle(browser)
        #expect(try Self.memberCodes(browser).contains("BLR"))
        let link = try #require(try browser.evaluate("location.href") as? String)
        try browser.navigate(to: link)
        try Self.settle(browser)
        #expect(try Self.memberCodes(browser).contains("BLR"))
    }

    @Test("a link made before the log moved on says so and offers both views")
    func movedHead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = ServeProcess.bundledCopy(in: scratch)
        let head = try timeline(["--log", log, "-c", "head", "--format", "csv"]).stdout.split(separator: "\n")[1].split(separator: ",")
        let appended = try timeline([
            "--log", log, "-c", "append accession SCO TKM on 2025-01-01 source \"test fixture: not a real accession\"",
        ])
        #expect(appended.status == 0)
        let (server, browser) = try Self.open(log, at: "?org=SCO&at=2025-06-01&head=\(head[0]):\(head[1])")
        defer {
            browser.close()
            server.stop()
        }
        try browser.waitUntil("document.querySelector('#head-notice').hidden === false")
        #expect(try !Self.memberCodes(browser).contains("TKM"))
        try browser.click("#head-current")
        try browser.waitUntil("new URL(location.href).searchParams.get('head').startsWith('\(bundledRecordCount + 1):')")
        try Self.settle(browser)
        #expect(try Self.memberCodes(browser).contains("TKM"))
    }
}
