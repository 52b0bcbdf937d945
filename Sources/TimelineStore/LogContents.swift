import TimelineCore

/// What a reader found in a log: the committed records, the head, and any uncommitted tail.
public struct LogContents: Sendable {
    /// The committed records, in sequence order.
    public let records: [RecordedEvent]
    /// The last committed record.
    public let head: LogHead
    /// Bytes after the last committed batch (a crash during an append), which every reader
    /// ignores and the next writer sets aside.
    public let tornTail: TornTail?
    /// What the reader noticed but could still read past: records lost after a commit.
    public let warnings: [String]

    /// What a reader found: the committed `records` up to `head`, any torn tail, and warnings.
    public init(records: [RecordedEvent], head: LogHead, tornTail: TornTail?, warnings: [String] = []) {
        self.records = records
        self.head = head
        self.tornTail = tornTail
        self.warnings = warnings
    }
}

/// An uncommitted tail: where it starts and how long it is.
public struct TornTail: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line where the tail starts.
    public let line: Int
    /// Its byte offset in the file (the committed length).
    public let offset: Int
    /// Its length in bytes.
    public let length: Int

    /// The tail as a warning shows it: its length and line, and that the next append sets it aside.
    public var description: String {
        "an unfinished append (\(length) bytes from line \(line)) is not part of the log; the next append sets it aside"
    }
}

/// What an append did.
public struct AppendReceipt: Hashable, Sendable {
    /// The records written, in order (empty when everything was already there).
    public let appended: [RecordedEvent]
    /// Ids of events that were already in the log with the same content, so were not written.
    public let alreadyPresent: [EventID]
    /// The head after the append.
    public let head: LogHead
    /// Where an unfinished earlier append was set aside, if this writer found one.
    public let setAside: String?

    /// What an append wrote, what it found already there, and the head after it.
    public init(appended: [RecordedEvent], alreadyPresent: [EventID], head: LogHead, setAside: String? = nil) {
        self.appended = appended
        self.alreadyPresent = alreadyPresent
        self.head = head
        self.setAside = setAside
    }
}
