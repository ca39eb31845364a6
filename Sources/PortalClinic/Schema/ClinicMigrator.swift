extension ClinicSchema {
    /// The version the database is at (0 before the first migration).
    static func version(_ db: PGConnection) throws -> Int {
        let exists = try db.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS e").rows.first?.text("e") == "t"
        guard exists else { return 0 }
        return try db.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").rows.first?.int("v") ?? 0
    }

    /// Brings the database up to `latestVersion`, makes the row-level policies and grants of the record's tables
    /// from the record map (`ClinicSecurity`), then takes the catalogs and statistics away from the portal's
    /// logins and turns every table-level read into a read of the table's own columns (`metadataLockdown`), all
    /// every time and in one transaction, so a failure leaves the database as it was. Run by the clinic's
    /// administrator as a superuser; a database from a newer portal is refused untouched.
    /// `target`: stop there (the tests make a database of an older version to migrate); the map's policies,
    /// which name today's columns, wait for the migration to the latest version.
    public static func migrate(_ db: PGConnection, upTo target: Int = latestVersion) throws {
        try db.transaction { db in
            try db.script("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            // Two administrators running this at once take turns.
            try db.script("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            let current = try version(db)
            guard current <= latestVersion else { throw PGError.newerSchema }
            // Every version not recorded yet, in order: a database that took a later number before an earlier one
            // was written (10 before 9) takes the earlier one now.
            let applied = Set(try db.query("SELECT version FROM schema_migrations").rows.map { try $0.int("version") })
            for (number, sql) in migrations where !applied.contains(number) && number <= target {
                try db.script(sql)
                try db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [number])
            }
            // Who may do what with the record's tables, made afresh from the record map every time; then the
            // lockdown, which must follow it (it narrows the reads the map's grants give to columns).
            if target >= latestVersion {
                try db.script(ClinicSecurity.sql)
                try db.script(guards)
                try limitSessionsOfEveryLogin(db)
            }
            try db.script(metadataLockdown)
        }
    }
}
