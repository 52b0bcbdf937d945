import Foundation

/// Folds a name for matching: case, diacritics, punctuation and spacing do not count.
///
/// `"Türkiye"`, `"turkiye"` and `" TURKIYE "` have the same key; so do `"Cote d'Ivoire"` and
/// `"Côte d’Ivoire"`.
public enum NameKey {
    /// The matching key of a name.
    public static func of(_ name: String) -> String {
        if let key = asciiKey(name) { return key }
        return foldedKey(name)
    }

    /// The key of an ASCII name, byte by byte, without Foundation's folding (which is slow, and
    /// for ASCII only lowers the case); `nil` for any other name. The same key as `foldedKey`.
    static func asciiKey(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingSpace && !key.isEmpty { key.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    key.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                case UInt8(ascii: "'"), UInt8(ascii: "."):
                    continue
                default:
                    pendingSpace = true
                }
            }
            if key.starts(with: "the ".utf8) { key.removeFirst(4) }
            return String(decoding: key, as: UTF8.self)
        }
    }

    /// The key of any name: folded for case and diacritics, then letters and digits in words.
    static func foldedKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var key = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace && !key.isEmpty { key.append(" ") }
                pendingSpace = false
                key.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" || scalar == "." {
                continue  // "Cote d'Ivoire" ~ "Cote dIvoire"; "U.S." ~ "US"
            } else {
                pendingSpace = true
            }
        }
        if key.hasPrefix("the ") { key.removeFirst(4) }
        return key
    }

    /// The Levenshtein distance between two strings, by Unicode scalars.
    /// - Complexity: O(m × n).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    /// The candidates nearest to `text`, best first: those within an edit distance of about a
    /// third of the length, or that start with what was typed.
    public static func nearest(to text: String, among candidates: [String], limit: Int = 3) -> [String] {
        let key = of(text)
        guard !key.isEmpty else { return [] }
        let budget = max(2, key.count / 3)
        var scored: [(score: Int, name: String)] = []
        var seen = Set<String>()
        for candidate in candidates {
            let candidateKey = of(candidate)
            var score = editDistance(key, candidateKey)
            if key.count >= 3, candidateKey.hasPrefix(key) { score = min(score, 1) }
            if score <= budget, seen.insert(candidate).inserted { scored.append((score, candidate)) }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }
}
