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

    /// The log's name for prompts and summaries: the file name without `.jsonl`.
    public var name: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".jsonl") ? String(file.dropLast(6)) : file
    }

    /// The path and why it was chosen, as summaries show them: `Events/diplomacy.jsonl (--log)`.
    public var description: String { "\(path) (\(origin.rawValue))" }
}
