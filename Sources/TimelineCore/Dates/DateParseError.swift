/// Why a text is not an EDTF date, and where: `offset` is the byte offset into the text.
public struct DateParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public let text: String
    /// The byte offset of the problem in `text`.
    public let offset: Int
    /// What is wrong and what was expected.
    public let message: String

    /// The error at byte `offset` of `text`, with what was expected in `message`.
    public init(text: String, offset: Int, message: String) {
        self.text = text
        self.offset = offset
        self.message = message
    }

    /// The error as messages show it: `invalid date "2024-7-4": …`.
    public var description: String { "invalid date \"\(text)\": \(message)" }
}
