/// The tables a PostgreSQL log keeps, versioned (`timeline_meta.schema`).
///
/// - `timeline_records`: one row per record, `line` holding the very bytes the file log's line
///   holds (hashes, links and commit marks included), keyed by `seq`; `id` and `prev` are
///   unique, so no event is stored twice and no two records fork from one parent.
/// - `timeline_head`: one row, the last committed record's `seq` and `hash`. Writers lock it
///   (`SELECT … FOR UPDATE`) for the length of an append: one writer at a time, gapless.
/// - Triggers refuse `UPDATE`, `DELETE` and `TRUNCATE` on the records.
enum PostgresSchema {
    /// The version this build writes and reads.
    static let version = 1

    /// The channel appends notify, with the new head's sequence number as payload.
    static let channel = "timeline_appended"

    /// Creates the tables, in one transaction with the others (idempotent).
    static let create = [
        "CREATE TABLE IF NOT EXISTS timeline_meta (key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS timeline_records (
            seq bigint PRIMARY KEY CHECK (seq > 0),
            id text NOT NULL UNIQUE,
            prev text NOT NULL UNIQUE,
            hash text NOT NULL,
            line text NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS timeline_head (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            seq bigint NOT NULL,
            hash text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE FUNCTION timeline_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'a Timeline log is append-only: % on timeline_records is refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        "DROP TRIGGER IF EXISTS timeline_records_append_only ON timeline_records",
        """
        CREATE TRIGGER timeline_records_append_only BEFORE UPDATE OR DELETE ON timeline_records
            FOR EACH ROW EXECUTE FUNCTION timeline_refuse_change()
        """,
        "DROP TRIGGER IF EXISTS timeline_records_no_truncate ON timeline_records",
        """
        CREATE TRIGGER timeline_records_no_truncate BEFORE TRUNCATE ON timeline_records
            FOR EACH STATEMENT EXECUTE FUNCTION timeline_refuse_change()
        """,
    ]
}
