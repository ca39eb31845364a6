extension ClinicSchema {
    /// The version the database is at (0 before the first migration).
    static func version(_ db: PGConnection) throws -> Int {
        let exists = try db.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS e").rows.first?.text("e") == "t"
        guard exists else { return 0 }
        return try db.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").rows.first?.int("v") ?? 0
    }

    /// Brings the database up to `latestVersion` and makes the row-level policies and grants of the record's
    /// tables from the record map (`ClinicSecurity`), all in one transaction, so a failure leaves the database as
    /// it was. Run by the clinic's administrator (a role that may create tables and roles); a database from a
    /// newer portal is refused untouched.
    public static func migrate(_ db: PGConnection) throws {
        try db.transaction { db in
            try db.script("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            // Two administrators running this at once take turns.
            try db.script("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            let current = try version(db)
            guard current <= latestVersion else { throw PGError.newerSchema }
            for (version, sql) in migrations where version > current {
                try db.script(sql)
                try db.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version])
            }
            // Who may do what with the record's tables, made afresh from the record map every time.
            try db.script(ClinicSecurity.sql)
        }
    }
}
