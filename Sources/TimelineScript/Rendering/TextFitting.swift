/// Fitting text into a number of columns: wrapped at spaces, or cut with an ellipsis.
///
/// Widths count characters (grapheme clusters), as the aligned table does.
enum TextFitting {
    /// The text as lines of at most `width` characters: broken at spaces where it can be, and a
    /// word longer than the width is broken within it. Line breaks in the text are kept.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                if !line.isEmpty && line.count + 1 + word.count <= width {
                    line += " " + word
                    continue
                }
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line = String(word)
            }
            lines.append(line)
        }
        return lines
    }

    /// The text cut to at most `width` characters, ending in "…" when it was cut; on one line.
    static func ellipsize(_ text: String, width: Int) -> String {
        let flat = String(text.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
        guard flat.count > width else { return flat }
        guard width > 1 else { return String("…".prefix(width)) }
        return flat.prefix(width - 1) + "…"
    }
}
