/// `If-None-Match` as RFC 9110 reads it: `*`, or a list of entity tags, weak or strong.
enum EntityTags {
    /// Whether `header` names `tag` (weak comparison) or is `*`.
    static func matches(_ header: String, _ tag: String) -> Bool {
        for part in header.split(separator: ",") {
            var candidate = part.trimmingCharacters(in: " \t")
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            if candidate == tag { return true }
        }
        return false
    }
}

extension Substring {
    /// The text without the given characters at either end.
    func trimmingCharacters(in characters: String) -> String {
        var text = self
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return String(text)
    }
}
