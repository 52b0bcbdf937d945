/// Dense numbers (0, 1, 2, …) for strings, in the order they were added, found with a cheap
/// hash of their bytes.
///
/// The fold looks up an organization and a country for nearly every event; a `Dictionary`
/// keyed by `String` seeds and runs SipHash for each look-up, which took a quarter of the
/// fold's time. Codes and identifiers are short, so an FNV-1a hash over their UTF-8 bytes in an
/// open-addressing table is several times cheaper, and as safe here: the keys come from the
/// log's own validated events, and a collision costs a probe, never a wrong answer.
struct StringNumbering: Sendable {
    /// The strings, by number.
    private(set) var strings: [String] = []
    /// Open addressing: a string's number plus one, or 0 for an empty bucket.
    private var buckets = [Int32](repeating: 0, count: 64)

    /// The number of `string`, or `nil` if it was never added.
    func number(of string: String) -> Int? {
        let mask = buckets.count - 1
        var bucket = Self.hash(string) & mask
        while true {
            let entry = Int(buckets[bucket])
            if entry == 0 { return nil }
            if strings[entry - 1] == string { return entry - 1 }
            bucket = (bucket + 1) & mask
        }
    }

    /// Adds `string` if it is new; returns its number.
    @discardableResult
    mutating func add(_ string: String) -> Int {
        if let known = number(of: string) { return known }
        strings.append(string)
        if strings.count * 2 > buckets.count {
            buckets = [Int32](repeating: 0, count: buckets.count * 2)
            for number in strings.indices { place(number) }
        } else {
            place(strings.count - 1)
        }
        return strings.count - 1
    }

    private mutating func place(_ number: Int) {
        let mask = buckets.count - 1
        var bucket = Self.hash(strings[number]) & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = Int32(number + 1)
    }

    /// FNV-1a over the string's UTF-8 bytes, with the high bits folded in.
    private static func hash(_ string: String) -> Int {
        var string = string
        let value = string.withUTF8 { bytes in
            bytes.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: value ^ (value >> 32))
    }
}
