import TimelineCore
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// The host the command line runs scripts with: real files relative to the current directory,
/// the system clock (or `--recorded-at`), output on standard output and standard error, and,
/// in the REPL, Ctrl-C and Enter between replayed events.
final class TerminalHost: ScriptHost {
    /// How output is rendered (`.format` in the REPL changes it).
    var printer: OutputPrinter
    /// A fixed transaction time for appends; `nil` records the clock's time.
    let recordedAt: RecordedTime?
    /// Asked between statements; the REPL answers whether Ctrl-C was pressed.
    var cancellation: () -> Bool = { false }
    /// For `replay … step` in the REPL: waits for Enter; `nil` in scripts.
    var stepper: (() -> Bool)?

    /// Whether a citation line follows every answer (`--cite`, `.cite on` in the REPL).
    var citesAnswers: Bool

    /// In the REPL, where a statement's output goes while it runs: the screen or the pager.
    /// `nil` writes to standard output and standard error.
    var paged: PagedOutput?

    let today: CivilDay
    let usesColour: Bool
    /// `--quiet`: no progress bars.
    let quiet: Bool
    /// The bar of the long work under way, if any.
    private var bar: (task: String, bar: ProgressBar)?

    init(options: GlobalOptions) throws {
        printer = OutputPrinter(renderer: TableRenderer(format: options.format, colour: options.colour, width: Environment.tableWidth))
        recordedAt = try options.fixedRecordedTime()
        today = Environment.today
        usesColour = options.colour
        citesAnswers = options.cite
        quiet = options.quiet
    }

    /// Draws `import`'s progress on standard error (on a terminal, not with --quiet).
    func progress(_ task: String, done: Int, total: Int) {
        if bar?.task != task { bar = (task, ProgressBar(task, total: total, quiet: quiet)) }
        bar?.bar.update(done, of: total)
        if done >= total {
            bar?.bar.finish()
            bar = nil
        }
    }

    /// CSV, JSON and JSON Lines are written from a members, roster or status answer's rows,
    /// without its table of values.
    var takesStateRows: Bool { printer.renderer.format.isMachineReadable }

    /// The terminal's width as it is now (the REPL's terminal may have been resized).
    var chartWidth: Int { Environment.columns }

    func show(_ output: ScriptOutput) {
        if let paged {
            // Both go to the same screen, in order.
            let text = printer.text(for: output)
            paged.write(text.out + text.error)
        } else {
            let rendered = printer.bytes(for: output)
            Console.write(bytes: rendered.out)
            Console.writeError(rendered.error)
        }
    }

    func readFile(at path: String) throws(HostError) -> [UInt8] {
        guard let bytes = Console.readFile(path) else { throw HostError(.notFound, path: path, reason: String(cString: strerror(errno))) }
        return bytes
    }

    /// Writes the file whole through a temporary file beside it, renamed into place, so a reader
    /// never sees half a chart.
    func writeFile(at path: String, contents: [UInt8]) throws(HostError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HostError(.failed, path: path, reason: Self.reason(for: errno, directoryOf: path)) }
        var failure = Console.writeAll(descriptor, contents)
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw HostError(.failed, path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Why a file could not be created: a missing directory is named as such.
    private static func reason(for code: Int32, directoryOf path: String) -> String {
        if code == ENOENT, let slash = path.lastIndex(of: "/") { return "the folder \(path[..<slash]) does not exist" }
        return String(cString: strerror(code))
    }

    func now() -> RecordedTime { recordedAt ?? SystemClock.now }

    /// Cancelled by Ctrl-C, or by quitting the pager before the output ended.
    var isCancelled: Bool { cancellation() || paged?.quit == true }

    var canStep: Bool { stepper != nil }

    func nextStep() -> Bool { stepper?() ?? true }
}
