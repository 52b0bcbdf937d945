import TimelineCore
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs scripts for the command line: prints their tables and messages, renders their errors
/// to standard error, and turns failures into exit codes.
struct ScriptRunner {
    let options: GlobalOptions

    /// Runs each source in order, each as one atomic batch; stops at the first failure.
    /// - Returns: the interpreter, with the log it read: a caller about to exit keeps it alive
    ///   until then rather than free a large log's records one by one.
    /// - Throws: `CommandFailure` with exit code 65 for bad input, 70 for an internal error, 74 when
    ///   the log could not be written.
    @discardableResult
    func run(_ sources: [SourceFile]) throws -> Interpreter {
        let interpreter = Interpreter(session: LogSession(log: options.openLog(options.location)), host: try TerminalHost(options: options))
        for source in sources {
            let outcome = interpreter.run(source)
            guard outcome.succeeded else {
                let text = outcome.diagnostics.map { DiagnosticRenderer.render($0, in: source) }.joined()
                // The category decides: 70 internal, 74 the log could not be written, else 65.
                throw CommandFailure(message: String(text.dropLast()), exitCode: DiagnosticCategory.exitCode(for: outcome.diagnostics))
            }
        }
        return interpreter
    }

    /// Reads a script file, or standard input for `-`.
    /// - Throws: `CommandFailure` with exit code 66 when the file cannot be read.
    static func load(_ path: String) throws -> SourceFile {
        if path == "-" { return SourceFile(name: "<stdin>", text: Console.readStandardInput()) }
        guard let bytes = Console.readFile(path) else {
            throw CommandFailure.noInput("\(path): cannot read the script: \(String(cString: strerror(errno)))")
        }
        return SourceFile(name: path, text: String(decoding: bytes, as: UTF8.self))
    }
}
