import PostgresNIO
import TimelineStore

/// Making and removing databases on a server, for `timeline init` on a database that does not
/// exist yet and for tests that give every log a database of its own.
public enum PostgresAdministration {
    /// Creates database `name` (letters, digits and `_`) as the role of `server`, which needs
    /// CREATEDB; returns the location of a log in it.
    public static func createDatabase(_ name: String, on server: PostgresLocation) throws(StoreError) -> PostgresLocation {
        try checkName(name, on: server)
        let connection = try DatabaseConnection.open(server)
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0", doing: "create the database \(name)")
        return server.with(database: name)
    }

    /// Drops database `name`, ending its connections first.
    public static func dropDatabase(_ name: String, on server: PostgresLocation) throws(StoreError) {
        try checkName(name, on: server)
        let connection = try DatabaseConnection.open(server)
        defer { connection.close() }
        try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", doing: "drop the database \(name)")
    }

    /// Runs statements of SQL, as the role of `location`, without parameters (tests set up roles
    /// and rights with it).
    public static func execute(_ statements: [String], at location: PostgresLocation) throws(StoreError) {
        let connection = try DatabaseConnection.open(location)
        defer { connection.close() }
        for statement in statements { try connection.execute(statement, doing: "run \(statement.prefix(40))") }
    }

    private static func checkName(_ name: String, on server: PostgresLocation) throws(StoreError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
        guard !name.isEmpty, allowed else {
            throw StoreError(code: .io, message: "a database name here is lower-case letters, digits and _", path: server.redacted)
        }
    }
}

extension PostgresLocation {
    /// The same server and role, another database.
    public func with(database: String) -> PostgresLocation {
        PostgresLocation(host: host, port: port, user: user, password: password, database: database, tls: tls)
    }

    /// The same server and database, another role.
    public func with(user: String, password: String?) -> PostgresLocation {
        PostgresLocation(host: host, port: port, user: user, password: password, database: database, tls: tls)
    }
}
