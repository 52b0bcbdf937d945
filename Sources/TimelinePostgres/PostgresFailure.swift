import PostgresNIO
import TimelineStore

/// Turns what the driver or the server reports into a `StoreError` that says what happened and
/// what to do, never showing a password.
enum PostgresFailure {
    static func storeError(_ error: any Error, location: PostgresLocation, doing action: String) -> StoreError {
        let shown = location.redacted
        guard let failure = error as? PSQLError else {
            return StoreError(code: .io, message: "cannot \(action) on PostgreSQL: \(error)", path: shown)
        }
        let state = failure.serverInfo?[.sqlState] ?? ""
        let serverMessage = failure.serverInfo?[.message] ?? ""
        switch state {
        case "28P01", "28000":
            return StoreError(
                code: .io,
                message:
                    "the server refused the login of role \"\(location.user)\": \(serverMessage) (check the user and the password: the URL's, or PGPASSWORD)",
                path: shown)
        case "3D000":
            // Not "no log yet" (which a first append would create): the address is wrong.
            return StoreError(
                code: .io,
                message:
                    "the database \"\(location.database)\" does not exist; create it (createdb \(location.database)), then timeline init \(shown)",
                path: shown)
        case "42501":
            return StoreError(
                code: .io,
                message:
                    "the role \"\(location.user)\" may not \(action): \(serverMessage) (appending needs INSERT on timeline_records and UPDATE on timeline_head; reading needs SELECT)",
                path: shown)
        case "42P01":
            return StoreError(
                code: .notFound,
                message: "this database holds no Timeline log (\(serverMessage)); create one with timeline init \(shown)", path: shown)
        case "55P03":
            return StoreError(
                code: .locked, message: "another writer held the log's head for too long (lock timeout); try again", path: shown)
        case "23505":
            return StoreError(
                code: .corrupt,
                message: "a record with the same sequence number, id or parent is already stored (\(serverMessage)); nothing was written",
                path: shown)
        case "57P01", "57P02", "57P03":
            return StoreError(
                code: .io,
                message:
                    "the server ended the connection while this process tried to \(action) (\(serverMessage)): nothing was written; try again",
                path: shown)
        case "":
            break
        default:
            return StoreError(code: .io, message: "PostgreSQL refused to \(action): \(serverMessage) [SQLSTATE \(state)]", path: shown)
        }
        switch failure.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            let cause = failure.underlying.map { "\($0)" } ?? "\(failure.code)"
            return StoreError(
                code: .io,
                message:
                    "cannot reach the PostgreSQL server at \(location.isUnixSocket ? location.socketPath : "\(location.host):\(location.port)") to \(action): \(cause); nothing was written",
                path: shown)
        default:
            return StoreError(code: .io, message: "cannot \(action) on PostgreSQL: \(failure.code)", path: shown)
        }
    }
}
