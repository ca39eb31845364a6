extension ClinicSchema {
    /// The version the database is at (0 before the first migration).
    static func version(_ db: PGConnection) throws -> Int {
        let exists = try db.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS e").rows.first?.text("e") == "t"
        guard exists else { return 0 }
        return try db.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").rows.first?.int("v") ?? 0
    }

    /// Brings the database up to `latestVersion`, each migration in the one transaction that records it, so
    /// a failed migration leaves the database at the version before, then takes the catalogs and statistics
    /// away from the portal's logins (`metadataLockdown`, every time, in the same transaction). Run by the
    /// clinic's administrator as a superuser; a database from a newer portal is refused untouched.
    /// `target`: stop there (the tests make a database of an older version to migrate).
    public static func migrate(_ db: PGConnection, upTo target: Int = latestVersion) throws {
        try db.transaction { db in
            try db.script("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            // Two administrators running this at once take turns.
            try db.script("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            let current = try version(db)
            guard current <= latestVersion else { throw PGError.newerSchema }
            for (number, sql) in migrations where number > current && number <= target {
                try db.script(sql)
                try db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [number])
            }
            try db.script(metadataLockdown)
        }
    }
}
