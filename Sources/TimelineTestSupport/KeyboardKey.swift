/// A key as `Input.dispatchKeyEvent` needs it to look real to a page: the `key` and `code` a
/// KeyboardEvent reports, the Windows virtual key code Chromium maps to `keyCode` (and uses for
/// default actions such as moving a range input's value), the text the key types, and whether
/// Shift is held (US layout).
struct KeyboardKey: Sendable, Equatable {
    /// `KeyboardEvent.key`.
    let key: String
    /// `KeyboardEvent.code` (empty for a character no US key types).
    let code: String
    /// `windowsVirtualKeyCode`, which becomes `KeyboardEvent.keyCode` (0 when there is no key).
    let virtualKeyCode: Int
    /// What the key types, if anything.
    let text: String?
    /// Whether Shift is held to type it.
    let shifted: Bool

    /// The named keys `press(_:)` accepts besides single characters.
    static let named: [String: KeyboardKey] = {
        var keys: [String: KeyboardKey] = [:]
        let table: [(String, Int, String?)] = [
            ("ArrowLeft", 37, nil), ("ArrowUp", 38, nil), ("ArrowRight", 39, nil), ("ArrowDown", 40, nil),
            ("Home", 36, nil), ("End", 35, nil), ("PageUp", 33, nil), ("PageDown", 34, nil),
            ("Enter", 13, "\r"), ("Tab", 9, nil), ("Escape", 27, nil), ("Backspace", 8, nil), ("Delete", 46, nil),
        ]
        for (name, code, text) in table {
            keys[name] = KeyboardKey(key: name, code: name, virtualKeyCode: code, text: text, shifted: false)
        }
        keys["Space"] = KeyboardKey(key: " ", code: "Space", virtualKeyCode: 32, text: " ", shifted: false)
        return keys
    }()

    /// The US-layout keys of printable ASCII: each character with the key that types it.
    private static let printable: [Character: KeyboardKey] = {
        var keys: [Character: KeyboardKey] = [" ": named["Space"]!]
        for scalar in UnicodeScalar("a").value...UnicodeScalar("z").value {
            let lower = Character(UnicodeScalar(scalar)!)
            let upper = Character(lower.uppercased())
            let code = "Key" + String(upper)
            let virtual = Int(upper.asciiValue!)
            keys[lower] = KeyboardKey(key: String(lower), code: code, virtualKeyCode: virtual, text: String(lower), shifted: false)
            keys[upper] = KeyboardKey(key: String(upper), code: code, virtualKeyCode: virtual, text: String(upper), shifted: true)
        }
        for (digit, shifted) in zip("0123456789", ")!@#$%^&*(") {
            let code = "Digit" + String(digit)
            let virtual = Int(digit.asciiValue!)
            keys[digit] = KeyboardKey(key: String(digit), code: code, virtualKeyCode: virtual, text: String(digit), shifted: false)
            keys[shifted] = KeyboardKey(key: String(shifted), code: code, virtualKeyCode: virtual, text: String(shifted), shifted: true)
        }
        let punctuation: [(Character, Character, String, Int)] = [
            ("-", "_", "Minus", 189), ("=", "+", "Equal", 187), ("[", "{", "BracketLeft", 219), ("]", "}", "BracketRight", 221),
            ("\\", "|", "Backslash", 220), (";", ":", "Semicolon", 186), ("'", "\"", "Quote", 222), (",", "<", "Comma", 188),
            (".", ">", "Period", 190), ("/", "?", "Slash", 191), ("`", "~", "Backquote", 192),
        ]
        for (plain, shifted, code, virtual) in punctuation {
            keys[plain] = KeyboardKey(key: String(plain), code: code, virtualKeyCode: virtual, text: String(plain), shifted: false)
            keys[shifted] = KeyboardKey(key: String(shifted), code: code, virtualKeyCode: virtual, text: String(shifted), shifted: true)
        }
        return keys
    }()

    /// The key named `name` (`ArrowRight`, `Space`, …) or the key typing the one character `name`
    /// (`a`, `A`, `7`, `?`); a character with no US key (`é`) is typed as text, with no code.
    init?(_ name: String) {
        if let key = Self.named[name] {
            self = key
        } else if name.count == 1, let character = name.first {
            self.init(character)
        } else {
            return nil
        }
    }

    /// The key typing `character`: newlines are Enter, a tab is Tab.
    init(_ character: Character) {
        if character == "\n" || character == "\r" || character == "\r\n" {
            self = Self.named["Enter"]!
        } else if character == "\t" {
            self = Self.named["Tab"]!
        } else if let key = Self.printable[character] {
            self = key
        } else {
            self = KeyboardKey(key: String(character), code: "", virtualKeyCode: 0, text: String(character), shifted: false)
        }
    }

    private init(key: String, code: String, virtualKeyCode: Int, text: String?, shifted: Bool) {
        self.key = key
        self.code = code
        self.virtualKeyCode = virtualKeyCode
        self.text = text
        self.shifted = shifted
    }
}
