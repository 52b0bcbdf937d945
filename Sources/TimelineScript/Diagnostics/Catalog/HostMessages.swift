/// The messages of what a script asks of its host: files it reads (`import`) or writes
/// (`chart … svg`, `html`), which a host may refuse.
public enum HostMessage: DiagnosticMessage, Hashable {
    /// The host gives scripts no file access (a server).
    case refused(HostError)
    /// The file cannot be read.
    case cannotRead(HostError)
    /// The file cannot be written.
    case cannotWrite(HostError)

    /// The message for a failed read: refused, or not readable.
    public static func reading(_ error: HostError) -> HostMessage { error.kind == .refused ? .refused(error) : .cannotRead(error) }

    /// The message for a failed write: refused, or not writable.
    public static func writing(_ error: HostError) -> HostMessage { error.kind == .refused ? .refused(error) : .cannotWrite(error) }

    /// The message's id: each is an error of the run, not of the log.
    public var id: DiagnosticID {
        switch self {
        case .refused: return DiagnosticID("file-access-refused", category: .runtime)
        case .cannotRead: return DiagnosticID("missing-file", category: .runtime)
        case .cannotWrite: return DiagnosticID("write-failed", category: .runtime)
        }
    }

    /// The text of the message: the host's account of the failure.
    public var message: String {
        switch self {
        case .refused(let error), .cannotRead(let error), .cannotWrite(let error): return error.description
        }
    }
}
