/// What kind of failure a diagnostic reports, which decides how a run that ends with it exits.
///
/// For example, `timeline run` exits with `DiagnosticCategory.exitCode(for: outcome.diagnostics)`.
public enum DiagnosticCategory: Hashable, Sendable {
    /// The script is not well formed: a lexical or syntax error, found before anything runs.
    case syntax
    /// The script ran into a value it cannot use: a type error, an unknown name, a bad date.
    case runtime
    /// A rule of the domain refused an append: an invariant, an id conflict, a missing source.
    case refused
    /// The log could not be read: damaged, of a newer format, or not readable.
    case logUnreadable
    /// The log could not be written (a full disk, a read-only file); it is left as it was.
    case logIO
    /// A failure of the program itself, not of the script or the log.
    case `internal`

    /// The process exit code for a run that failed with a diagnostic of this category:
    /// 65 for bad input (syntax, run time, refused, an unreadable log), 74 when the log could
    /// not be written, 70 for an internal error.
    public var exitCode: Int32 {
        switch self {
        case .syntax, .runtime, .refused, .logUnreadable: return 65
        case .logIO: return 74
        case .internal: return 70
        }
    }

    /// The exit code for a run that failed with these diagnostics: an internal error outranks a
    /// failed write, which outranks bad input; 0 when there are none.
    public static func exitCode(for diagnostics: [Diagnostic]) -> Int32 {
        let codes = Set(diagnostics.map(\.id.category.exitCode))
        for code: Int32 in [70, 74, 65] where codes.contains(code) { return code }
        return 0
    }
}

/// The stable identity of a diagnostic: a code such as `unterminated-string`, with its category.
///
/// The name is a stable code (tests and tools may match it); the category decides the exit code.
/// Compare ids with the catalog's constants, never with strings:
/// ```swift
/// if diagnostic.id == LexerMessage.unterminatedStringID { … }
/// ```
public struct DiagnosticID: Hashable, Sendable, CustomStringConvertible {
    /// The stable code: `unterminated-string`, `type-error`, `append-io` ….
    public let name: String
    /// What kind of failure it is.
    public let category: DiagnosticCategory

    /// An id with a stable code and its category.
    public init(_ name: String, category: DiagnosticCategory) {
        self.name = name
        self.category = category
    }

    /// The stable code.
    public var description: String { name }
}

/// A message of the catalog: the text of a diagnostic and its id, built from its arguments.
///
/// Each area of the language has its catalog type (`LexerMessage`, `ParserMessage`,
/// `InterpreterMessage`, `AppendMessage`, `StoreMessage`), one case per message:
/// ```swift
/// throw Diagnostic(ParserMessage.expectedName(what: "a loop variable after for", found: describe(current)), at: range)
/// ```
public protocol DiagnosticMessage: Sendable {
    /// The stable id of the message, with its category.
    var id: DiagnosticID { get }
    /// The text shown after `error:`.
    var message: String { get }
}
