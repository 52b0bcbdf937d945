import TimelineCore
import TimelineStore

/// A conversation with one log: what it holds as last read, the appends waiting to be
/// committed, the planner that checks them, the caches that answer queries fast, and the open
/// transaction, if any.
///
/// A session outlives the runs made in it: the REPL keeps one for its whole life, a server one
/// per log. Interpreters are cheap and made per run or per request over a session. Everything
/// derived from the log is dropped through one method, `invalidate(_:)`.
///
/// For example:
/// ```swift
/// let session = LogSession(log: FileEventLog(path: "Events/diplomacy.jsonl"))
/// let interpreter = Interpreter(session: session, host: host)
/// _ = interpreter.run(SourceFile(name: "<command>", text: "begin"))
/// _ = interpreter.run(SourceFile(name: "<command>", text: "append accession SCO IND on 2017-06-09 source \"…\""))
/// _ = interpreter.run(SourceFile(name: "<command>", text: "commit"))
/// ```
public final class LogSession {
    /// The log queries read and appends write.
    public private(set) var log: any EventLog
    /// The countries names resolve against.
    public let registry: CountryRegistry

    /// The log as last read in this run; `nil` until a statement needs it.
    var committed: LogContents?
    /// Appends planned but not yet written: this run's, or the open transaction's.
    var pending: [RecordedEvent] = []
    /// How many of `pending` were there before the current run (in a transaction): a failed run
    /// drops only its own.
    var pendingBeforeRun = 0
    /// Plans appends on top of the committed records and `pending`; `nil` until a run's first
    /// append, and again whenever `pending` shrinks or the log is read anew.
    var planner: AppendPlanner?
    /// The organizations founded by the committed records and `pending`, by id and by name key;
    /// built on first need, dropped with the planner.
    var organizationIndex: [String: OrganizationID]?
    /// The registry with the states the committed records and `pending` introduce; built on
    /// first need, dropped with the planner, grown by pending `state` events.
    var countryIndex: CountryRegistry?
    /// Appends of this run that were already in the log (re-running a script appends nothing).
    var alreadyPresent = 0
    /// The fold of `committed` and `pending`, while neither changed.
    var cachedTimeline: Timeline? {
        didSet { if cachedTimeline == nil { conventionTimelines = [:] } }
    }
    /// The same records folded under each date convention asked for, while they hold.
    var conventionTimelines: [DateKind: Timeline] = [:]
    /// Projections and head from the log's snapshot cache, kept across runs while the log
    /// still ends at that head.
    var snapshot: (projections: Projections, head: LogHead)?
    /// Whether this run has checked that the log still ends at the snapshot's head.
    var snapshotChecked = false
    /// The head the last commit returned, while the log has not been read since.
    var appendedHead: LogHead?
    /// Told of what reading the log noticed but could read past (records lost after a commit).
    var warningHandler: (String) -> Void = { _ in }

    /// Whether `begin` has opened a transaction: appends wait for `commit`.
    public internal(set) var transactionOpen = false

    /// A session on `log`, resolving countries against `registry`.
    public init(log: any EventLog, registry: CountryRegistry = .standard) {
        self.log = log
        self.registry = registry
    }

    /// The appends waiting in the open transaction (or the current run).
    public var pendingCount: Int { pending.count }

    /// What has changed, for `invalidate(_:)`.
    enum Change {
        /// Appends joined `pending`: the fold of the log with them is stale.
        case appendsAdded
        /// Appends left `pending` (discarded or written): the planner and the fold are stale.
        case appendsRemoved
        /// The log may have moved (a new run, a commit, another log): everything read is stale.
        case logMayHaveMoved
    }

    /// Drops what `change` makes stale; the one way state derived from the log is let go.
    func invalidate(_ change: Change) {
        cachedTimeline = nil
        guard change != .appendsAdded else { return }
        planner = nil
        organizationIndex = nil
        countryIndex = nil
        guard change == .logMayHaveMoved else { return }
        committed = nil
        snapshotChecked = false
    }

    /// Opens another log for the following runs (the REPL's `.log`).
    /// - Returns: `false`, changing nothing, while a transaction is open.
    @discardableResult
    public func switchLog(to log: any EventLog) -> Bool {
        guard !transactionOpen else { return false }
        self.log = log
        pending = []
        snapshot = nil
        appendedHead = nil
        invalidate(.logMayHaveMoved)
        return true
    }

    /// Forgets what was read of the log, outside a transaction, so that the next head or query
    /// reads it again: another writer appended (a database log's notification says so).
    public func logMoved() {
        guard !transactionOpen else { return }
        appendedHead = nil
        invalidate(.logMayHaveMoved)
    }

    /// Forgets what was read of the log when the log no longer ends where it did then (another
    /// writer appended), outside a transaction; keeps it, at the cost of a look at the log's
    /// tail, when it does.
    public func forgetIfMoved() {
        guard !transactionOpen else { return }
        if let committed, log.stillEnds(at: committed.head) { return }
        if committed == nil, appendedHead == nil, let snapshot, log.stillEnds(at: snapshot.head) { return }
        logMoved()
    }

    /// The log's head as last read or appended (read now if neither), counting no pending appends.
    public func head() -> LogHead? {
        if let committed { return committed.head }
        if let appendedHead { return appendedHead }
        if let snapshot, log.stillEnds(at: snapshot.head) { return snapshot.head }
        committed = try? readLog()
        return committed?.head
    }

    /// The countries known: the registry with the states the log and the pending appends
    /// introduce (the registry alone when the log is unreadable).
    ///
    /// Kept while the records stand, so that resolving a country never folds the log again:
    /// a script of many appends stays linear.
    public func knownCountries() -> CountryRegistry {
        if let countryIndex { return countryIndex }
        let built: CountryRegistry
        if pending.isEmpty, committed == nil, cachedTimeline == nil {
            // Before anything is read: the snapshot's (or one fold's) registry.
            // Without the organizations it holds as participants: a bare name is a country
            // first ("AU" is Australia), and appends find organizations by id or name after that.
            built = (try? projections().registry).map { $0.organizations.isEmpty ? $0 : registry.adding($0.introduced) } ?? registry
        } else {
            let committedRecords = (try? committedContents().records) ?? []
            built = registry.adding(Self.states(in: committedRecords) + Self.states(in: pending))
        }
        countryIndex = built
        return built
    }

    /// The states `state` records introduce, the first for each code.
    static func states(in records: [RecordedEvent]) -> [Country] {
        var states: [Country] = []
        for record in records where record.kind == .state {
            guard case .state(let state) = record.payload, let date = record.event.date else { continue }
            if !states.contains(where: { $0.alpha3 == state.code }) {
                states.append(Country(introducedCode: state.code, name: state.name, introduced: date, ended: state.until))
            }
        }
        return states
    }

    /// The timeline the next query would read, for completion; `nil` when the log is unreadable.
    public func currentTimeline() -> Timeline? { try? timeline() }

    // MARK: Reading

    /// Reads the log; a log not yet created reads as empty.
    func readLog() throws -> LogContents {
        appendedHead = nil
        do {
            let contents = try log.read()
            for warning in contents.warnings { warningHandler(warning) }
            return contents
        } catch let error where error.code == .notFound {
            return LogContents(records: [], head: .empty, tornTail: nil)
        } catch {
            throw Diagnostic(unlocated: StoreMessage.logUnreadable(error))
        }
    }

    /// The committed log, read on first need in each run.
    func committedContents() throws -> LogContents {
        if let committed { return committed }
        let contents = try readLog()
        committed = contents
        return contents
    }

    /// The timeline of the committed log plus the pending appends.
    func timeline() throws -> Timeline {
        if let cachedTimeline { return cachedTimeline }
        let committed = try committedContents()
        let timeline = Timeline(records: pending.isEmpty ? committed.records : committed.records + pending, registry: registry)
        cachedTimeline = timeline
        if pending.isEmpty { log.cacheProjections(timeline.projections, head: committed.head) }
        return timeline
    }

    /// The timeline of the committed log plus the pending appends under a date convention (each
    /// event with an alternative date of that kind dated by it); `nil`: the plain timeline.
    func timeline(under convention: DateKind?) throws -> Timeline {
        let plain = try timeline()
        guard let convention else { return plain }
        if let cached = conventionTimelines[convention] { return cached }
        let under = plain.under(convention)
        conventionTimelines[convention] = under
        return under
    }

    /// The projections of the log as it stands: from the snapshot cache when it matches the log
    /// and nothing is pending or already read, else folded from the records.
    func projections() throws -> Projections {
        if pending.isEmpty, cachedTimeline == nil, committed == nil {
            // Kept from an earlier run (the REPL's previous line) while the log has not moved.
            if let snapshot, snapshotChecked || log.stillEnds(at: snapshot.head) {
                snapshotChecked = true
                return snapshot.projections
            }
            if let cached = log.cachedProjections(registry: registry) {
                snapshot = cached
                snapshotChecked = true
                return cached.projections
            }
        }
        return try timeline().projections
    }
}
