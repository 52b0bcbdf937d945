/// A log read and appended to synchronously: the file log and the in-memory log. The language
/// and the executable hold their log as one of these.
public typealias EventLog = SynchronousEventLogReader & SynchronousEventLogWriter

/// Any log that can be read and appended to, through the async requirements: every backend,
/// an async-only database log as well as the synchronous ones.
public typealias AsyncEventLog = EventLogReader & EventLogWriter
