/// The secret that turns appends over HTTP on: read from a token file when the server starts,
/// compared in constant time with a request's `Authorization: Bearer …`.
public struct AppendToken: Sendable {
    private let secret: [UInt8]

    /// The shortest token accepted, so a guessable one cannot turn appends on.
    public static let minimumLength = 16

    /// The token in a token file's text: its first line, without surrounding spaces.
    /// - Throws: `AppendToken.Problem` when it is shorter than `minimumLength` or holds
    ///   characters a header cannot carry.
    public init(fileText: String) throws(Problem) {
        let line = fileText.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let token = line.trimmingCharacters(in: " \t")
        guard token.utf8.count >= Self.minimumLength else { throw .tooShort(token.utf8.count) }
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidCharacters }
        secret = Array(token.utf8)
    }

    /// What is wrong with a token file.
    public enum Problem: Error, Sendable, CustomStringConvertible {
        case tooShort(Int)
        case invalidCharacters

        public var description: String {
            switch self {
            case .tooShort(let length):
                return
                    "the token is \(length) characters long; use at least \(AppendToken.minimumLength) (for example: openssl rand -hex 32)"
            case .invalidCharacters: return "the token may hold only visible ASCII characters, without spaces"
            }
        }
    }

    /// Whether an `Authorization` header carries this token, compared in time that depends only
    /// on the lengths, never on where the first difference is.
    func accepts(authorization header: String?) -> Bool {
        guard let header, header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(header.utf8.dropFirst(7))
        var difference = UInt8(given.count == secret.count ? 0 : 1)
        for index in 0..<secret.count {
            difference |= secret[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

extension String {
    /// The text without the given characters at either end.
    func trimmingCharacters(in characters: String) -> String { self[...].trimmingCharacters(in: characters) }
}
