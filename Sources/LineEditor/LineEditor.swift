import CLibEdit

#if canImport(Glibc)
    import Glibc
#endif

/// A line editor on libedit: prompts, history persisted in a file, tab completion and
/// reliable Ctrl-C.
///
/// For example:
/// ```swift
/// let editor = LineEditor(program: "timeline", historyFile: path)
/// editor.completer = { before, after in Completion(replacing: 0, candidates: []) }
/// switch editor.readLine(prompt: "diplomacy #97> ") { … }
/// ```
public final class LineEditor {
    /// What a read returned.
    public enum ReadResult: Equatable, Sendable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C: the line was cancelled.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    private let editor: OpaquePointer
    /// Where the history is saved, if anywhere.
    public let historyFile: String?

    /// The completion function: given the text before and after the cursor, what to offer.
    public var completer: ((_ before: String, _ after: String) -> Completion)? {
        didSet { LineEditor.activeCompleter = completer }
    }

    // libedit calls back through a C function pointer, which cannot capture: the one active
    // editor's completer lives here. There is one terminal, so one editor at a time.
    nonisolated(unsafe) static var activeCompleter: ((_ before: String, _ after: String) -> Completion)?

    /// Sets up libedit on the terminal. Call once, after `LineEditor.prepareLocale()`.
    /// - Parameters:
    ///   - historyFile: loaded now, saved after every entry; its directory is created.
    ///   - historySize: the most entries kept.
    public init?(program: String, historyFile: String?, historySize: Int = 1000) {
        guard let editor = tl_editor_create(program, Int32(historySize)) else { return nil }
        self.editor = editor
        self.historyFile = historyFile
        if let historyFile { _ = tl_editor_history_load(editor, historyFile) }
        tl_editor_set_completer(editor, lineEditorComplete)
    }

    deinit { tl_editor_destroy(editor) }

    /// Sets the character locale from the environment, falling back to C.UTF-8, so that libedit
    /// accepts non-ASCII input (`Türkiye`).
    public static func prepareLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? ""
        if !(chosen.uppercased().contains("UTF-8") || chosen.uppercased().contains("UTF8")) {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Installs the program's own SIGINT handling (libedit's is off).
    public static func installSignalHandlers() { tl_install_signal_handlers() }

    /// Whether Ctrl-C was pressed since the last call; clears the flag.
    public static func takeInterrupt() -> Bool { tl_take_interrupt() != 0 }

    /// Whether Ctrl-C was pressed and not yet taken.
    public static var interruptPending: Bool { tl_peek_interrupt() != 0 }

    /// Reads one line with the given prompt.
    public func readLine(prompt: String) -> ReadResult {
        tl_editor_set_prompt(editor, prompt)
        var count: Int32 = 0
        guard let pointer = tl_editor_gets(editor, &count) else {
            if count < 0 || LineEditor.takeInterrupt() {
                _ = LineEditor.takeInterrupt()
                tl_editor_reset(editor)
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: pointer)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds an entry to the history and saves the history file.
    public func addHistory(_ entry: String) {
        guard !entry.trimmingWhitespace.isEmpty else { return }
        tl_editor_history_add(editor, entry)
        if let historyFile {
            LineEditor.makeParentDirectory(of: historyFile)
            _ = tl_editor_history_save(editor, historyFile)
        }
    }

    static func makeParentDirectory(of path: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var current = path.hasPrefix("/") ? "" : "."
        if path.hasPrefix("/") { parts = parts.dropFirst() }
        for part in parts {
            current += "/" + part
            _ = mkdir(current, 0o755)
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// The C entry point for Tab: asks the active completer and encodes its answer for the shim.
private func lineEditorComplete(
    _ before: UnsafePointer<CChar>?, _ after: UnsafePointer<CChar>?, _ deleteCount: UnsafeMutablePointer<Int32>?,
    _ deleteAfter: UnsafeMutablePointer<Int32>?
) -> UnsafeMutablePointer<CChar>? {
    guard let before, let completer = LineEditor.activeCompleter else { return nil }
    let completion = completer(String(cString: before), after.map { String(cString: $0) } ?? "")
    guard let answer = completion.answer else { return nil }
    deleteCount?.pointee = Int32(answer.delete)
    deleteAfter?.pointee = Int32(answer.deleteAfter)
    var text = answer.insert
    if !answer.listing.isEmpty { text += "\n" + answer.listing }
    return strdup(text)
}
