import ArgumentParser
import TimelinePostgres
import TimelineStore

/// `timeline init LOG`: creates an empty log, in PostgreSQL (its tables, versioned) or as a file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty log: the tables of a PostgreSQL log, or a new log file.",
        discussion: """
            A PostgreSQL log is named by a URL, with libpq's conventions (PGHOST, PGPORT, PGUSER, \
            PGPASSWORD, PGDATABASE, a unix-socket folder as ?host=/run/postgresql, sslmode). The \
            database must exist (createdb); init creates the log's tables in it, and leaves a log \
            that is already there as it is. The first append to a database without them creates \
            them too.

            Examples:
              timeline init postgresql://desk@db.example/history
              timeline init 'postgresql://desk@/history?host=/run/postgresql'
              timeline init my-history.jsonl
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The log to create: a postgresql:// URL or a file path.", valueName: "log"))
    var target: String

    func run() throws {
        let location = LogLocation(path: target, origin: .option)
        if location.isDatabaseURL {
            let database: PostgresLocation
            do {
                database = try PostgresLocation(url: target, environment: Environment.variables)
            } catch {
                throw CommandFailure(message: "\(location.shown): not a PostgreSQL log's address: \(error.reason)", exitCode: 64)
            }
            do throws(StoreError) {
                let created = try PostgresEventLog(location: database).initialize()
                Console.out(
                    created ? "created an empty log in \(database.redacted)" : "\(database.redacted) already holds a log; left as it is")
            } catch {
                throw CommandFailure(message: error.description, exitCode: Self.exitCode(error))
            }
            return
        }
        if Environment.fileExists(target) {
            throw CommandFailure.dataError("\(target): already exists; init creates a new log")
        }
        do throws(StoreError) {
            _ = try FileEventLog(path: target).appendStoredLines([]) { _ in }
            Console.out("created an empty log in \(target)")
        } catch {
            throw CommandFailure(message: error.description, exitCode: Self.exitCode(error))
        }
    }

    /// 66 for a missing database, 65 for a damaged or newer log, 74 when it cannot be reached or written.
    static func exitCode(_ error: StoreError) -> Int32 {
        switch error.code {
        case .notFound: 66
        case .corrupt, .unsupportedFormat, .idConflict, .invariant: 65
        case .io, .locked: 74
        }
    }
}
