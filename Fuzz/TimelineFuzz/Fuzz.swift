// libFuzzer entry point for Timeline's hostile-input surfaces. Built only by scripts/fuzz:
//
//     scripts/fuzz script 600     # the language front end: lexer and parser
//     scripts/fuzz log 600        # the log reader: scanner, record decoder, chain checks
//
// TIMELINE_FUZZ_TARGET chooses the surface (the script sets it).
import TimelineScript
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// Which surface this run fuzzes, read once.
let fuzzTarget: String = {
    guard let value = getenv("TIMELINE_FUZZ_TARGET") else { return "script" }
    return String(cString: value)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch fuzzTarget {
    case "log":
        // Any bytes: the scanner must classify them (records, torn tail, or damage) without
        // crashing, and never report more records than complete lines.
        let scan = LogScanner.scan(bytes)
        let lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if scan.records.count > lines { abort() }
    default:
        // Any text: parsing reports diagnostics, never crashes, and stays within its caps.
        let source = SourceFile(name: "fuzz", text: String(decoding: bytes, as: UTF8.self))
        let (_, diagnostics) = Parser.parse(source)
        if diagnostics.count > Parser.maximumDiagnostics { abort() }
        _ = StatementCompleteness.needsMore(source.text)
        for diagnostic in diagnostics.prefix(3) { _ = DiagnosticRenderer.render(diagnostic, in: source) }
    }
    return 0
}

// SwiftPM links an executable's entry point as `<Module>_main`; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("TimelineFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzz)
}
