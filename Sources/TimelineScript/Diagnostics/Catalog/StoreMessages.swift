import TimelineStore

/// The messages of the log itself, built from the store's errors: a log that cannot be read, an
/// append the store refused or could not write, an import the store refused.
///
/// The category comes from the store's code: `io` is a failed write (`logIO`), `invariant` and
/// `id-conflict` are refusals by a rule of the domain, `corrupt` and `unsupported-format` a
/// damaged log (`logUnreadable`).
public enum StoreMessage: DiagnosticMessage, Hashable {
    /// The log could not be read: whatever the code, that is bad input (a damaged or unreadable log).
    case logUnreadable(StoreError)
    /// Writing the run's batch failed; the id is `append-` and the store's code (`append-io` …).
    case appendFailed(StoreError)
    /// Planning an append failed: a broken invariant (`invariant-RULE`) or the store's code.
    case appendRefused(StoreError)
    /// Planning an import failed; `line` is the file's line of the event at fault, when known.
    case importRefused(path: String, line: Int?, error: StoreError)

    /// The category of a failure with the store's code, when writing or planning an append.
    public static func category(of code: StoreError.Code) -> DiagnosticCategory {
        switch code {
        case .io: return .logIO
        case .invariant, .idConflict: return .refused
        case .corrupt, .unsupportedFormat: return .logUnreadable
        // Another writer held the lock too long, or the log vanished under the writer: the
        // script could not run as asked (exit 65, as before).
        case .locked, .notFound: return .runtime
        }
    }

    /// The message's id, with the category its store code gives.
    public var id: DiagnosticID {
        switch self {
        case .logUnreadable: return DiagnosticID("log-unreadable", category: .logUnreadable)
        case .appendFailed(let error): return DiagnosticID("append-\(error.code.rawValue)", category: Self.category(of: error.code))
        case .appendRefused(let error):
            return DiagnosticID(
                error.violation.map { "invariant-\($0.rule.rawValue)" } ?? error.code.rawValue, category: Self.category(of: error.code))
        case .importRefused(_, _, let error): return DiagnosticID("import-refused", category: Self.category(of: error.code))
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .logUnreadable(let error), .appendFailed(let error): return error.description
        case .appendRefused(let error): return Self.refusal(error)
        case .importRefused(let path, let line, let error):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(Self.refusal(error)); nothing was imported"
        }
    }

    /// The broken rule, or the store's message.
    private static func refusal(_ error: StoreError) -> String {
        error.violation.map { "refused: \($0.description)" } ?? error.message
    }
}
