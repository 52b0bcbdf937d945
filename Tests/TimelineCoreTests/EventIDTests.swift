import Testing
import TimelineCore

/// Derived ids are a stable function of content: the same text must give the same id in every
/// build, escapes included (ids computed independently, with Python's hashlib, from the
/// canonical form: sorted `key=value` lines, strings quoted with `\\`, `\"` and `\n` escaped).
@Suite("Event ids")
struct EventIDTests {
    @Test("derived ids of content with quotes, backslashes and newlines, and of plain content")
    func stableDerivedIDs() {
        let escaped = event([
            "type": "statement", "speaker": "Xi \"the\" Speaker", "date": "2024-07-04",
            "text": "line one\nline two with a back\\slash", "source": "TASS \"quoted\", 2024",
        ])
        #expect(escaped.id.rawValue == "a801927220895b9f")
        let plain = event(["type": "milestone", "org": "SCO", "date": "2021-09-17", "text": "plain text, no escapes", "source": "Kremlin"])
        #expect(plain.id.rawValue == "fcdfd72c02a4d0b6")
    }

    @Test("a derived id is kept as its value and reads back as the same 16 hex digits")
    func compactStorage() throws {
        let id = try #require(EventID("00ab0000000000ff"))
        #expect(id.derivedValue == 0x00ab_0000_0000_00ff)
        #expect(id.rawValue == "00ab0000000000ff")
        #expect(EventID(derivedValue: 0x00ab_0000_0000_00ff) == id)
        let explicit = try #require(EventID("sco-founding"))
        #expect(explicit.derivedValue == nil)
        #expect(explicit.rawValue == "sco-founding")
        // Upper-case hex is an explicit id, not a derived one.
        #expect(EventID("00AB0000000000FF")?.derivedValue == nil)
        // Ordered as text, whichever way they are stored.
        #expect(id < (try #require(EventID("0fffffffffffffff"))))
        #expect(id < explicit)
    }
}
