import Foundation

/// A fresh directory under the system's temporary directory for one test; `cleanUp()` removes it.
public struct ScratchDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates a new, empty directory.
    public init() {
        path = NSTemporaryDirectory() + "timeline-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of a file inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Removes the directory and everything in it.
    public func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// The bytes of a file (empty when it cannot be read).
public func readBytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

/// Replaces a file's contents; returns whether it worked.
@discardableResult
public func writeBytes(_ bytes: [UInt8], to path: String) -> Bool {
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

/// The byte offsets where each line of a text starts.
public func lineStarts(_ bytes: [UInt8]) -> [Int] {
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
    return starts
}
