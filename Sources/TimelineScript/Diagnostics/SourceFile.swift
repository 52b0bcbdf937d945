/// A script's text and name, with the line starts needed to turn byte offsets into lines and
/// columns for messages.
public struct SourceFile: Sendable {
    /// The name shown in messages: a path, `<command>`, `<stdin>` or `<repl>`.
    public let name: String
    /// The text.
    public let text: String
    /// The UTF-8 bytes of the text.
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    /// The script `text`, named `name` in messages, with its line starts found.
    /// - Complexity: O(n) in the text's bytes.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
    }

    /// The 1-based line and column of a byte offset; the column counts characters.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return (low + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
