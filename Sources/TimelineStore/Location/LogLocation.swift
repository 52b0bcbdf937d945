/// Which log a command opens, and why: `--log PATH`, else `TIMELINE_LOG`, else
/// `Events/diplomacy.jsonl` under the current directory when it exists, else the user's own log
/// under `$XDG_DATA_HOME/timeline/` (`~/.local/share/timeline/`), created by the first append.
public struct LogLocation: Hashable, Sendable, CustomStringConvertible {
    /// Where the choice came from.
    public enum Origin: String, Sendable {
        case option = "--log"
        case environment = "TIMELINE_LOG"
        case bundled = "the bundled log in the current directory"
        case user = "your own log"
    }

    /// The file path.
    public let path: String
    /// Why this log.
    public let origin: Origin

    /// A location chosen for a reason.
    public init(path: String, origin: Origin) {
        self.path = path
        self.origin = origin
    }

    /// The bundled log's path, relative to a checkout.
    public static let bundledPath = "Events/diplomacy.jsonl"

    /// Resolves the log to open.
    /// - Parameters:
    ///   - option: the `--log` value, if given.
    ///   - environment: the process environment.
    ///   - fileExists: whether a path exists (injected so the choice is testable).
    public static func resolve(option: String?, environment: [String: String], fileExists: (String) -> Bool) -> LogLocation {
        if let option, !option.isEmpty { return LogLocation(path: option, origin: .option) }
        if let variable = environment["TIMELINE_LOG"], !variable.isEmpty { return LogLocation(path: variable, origin: .environment) }
        if fileExists(bundledPath) { return LogLocation(path: bundledPath, origin: .bundled) }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? ".") + "/.local/share")
        return LogLocation(path: dataHome + "/timeline/timeline.jsonl", origin: .user)
    }

    /// Whether the location is a database URL (`postgresql://…`) rather than a file.
    public var isDatabaseURL: Bool { path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") }

    /// The log's name for prompts and summaries: the file name without `.jsonl`, or a
    /// database URL's database.
    public var name: String {
        if isDatabaseURL {
            let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
            let afterScheme = withoutQuery.components(afterFirst: "://")
            if let slash = afterScheme.firstIndex(of: "/"), afterScheme.index(after: slash) < afterScheme.endIndex {
                return String(afterScheme[afterScheme.index(after: slash)...])
            }
            return "postgresql"
        }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".jsonl") ? String(file.dropLast(6)) : file
    }

    /// The location as output shows it: a database URL with any password replaced by `***`.
    public var shown: String { Self.redacting(path) }

    /// `text` with the password of a URL (`user:secret@`, `password=secret`) replaced by `***`.
    public static func redacting(_ text: String) -> String {
        guard let schemeEnd = text.endOfFirst("://") else { return text }
        var result = String(text[..<schemeEnd])
        var rest = Substring(text[schemeEnd...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            let credentials = rest[..<at]
            if let colon = credentials.firstIndex(of: ":") {
                result += credentials[..<colon] + ":***"
            } else {
                result += credentials
            }
            rest = rest[at...]
        }
        let parameters = rest.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            for key in ["password=", "?password="] where part.hasPrefix(key) { return key + "***" }
            return String(part)
        }
        return result + parameters.joined(separator: "&")
    }

    /// The location and why it was chosen, as summaries show them: `Events/diplomacy.jsonl (--log)`.
    public var description: String { "\(shown) (\(origin.rawValue))" }
}

extension String {
    /// The text after the first `separator`, or all of it.
    fileprivate func components(afterFirst separator: String) -> Substring {
        guard let end = endOfFirst(separator) else { return Substring(self) }
        return self[end...]
    }

    /// Where the first occurrence of `separator` ends, if there is one.
    fileprivate func endOfFirst(_ separator: String) -> String.Index? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(separator) { return index(start, offsetBy: separator.count) }
            start = index(after: start)
        }
        return nil
    }
}
