import PortalCore

extension ClinicSchema {
    /// The version the database is at (0 before the first migration).
    static func version(_ db: PGConnection) throws -> Int {
        let exists = try db.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS e").rows.first?.text("e") == "t"
        guard exists else { return 0 }
        return try db.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").rows.first?.int("v") ?? 0
    }

    /// The changes of this portal's schema (`migrations`) the database has not taken, in order: none once
    /// `migrate` has run. The highest number alone would not show a gap (a database that took 10 before 9).
    static func missingChanges(_ db: PGConnection) throws -> [Int] {
        guard try version(db) > 0 else { return migrations.map(\.0) }
        let applied = Set(try db.query("SELECT version FROM schema_migrations").rows.map { try $0.int("version") })
        return migrations.map(\.0).filter { !applied.contains($0) }
    }

    /// What the portal says of a database that lacks `missing` (never empty), and what to run.
    static func lacking(_ missing: [Int]) -> PortalError {
        let list = missing.count == 1 ? "change \(missing[0])"
            : "changes " + missing.dropLast().map(String.init).joined(separator: ", ") + " and \(missing.last!)"
        return .storage("The clinic database lacks \(list) of this portal's schema, so the rules that keep each record private may not all be in place; nothing was read or changed. The clinic's administrator brings it up to date with `\(initCommand)`.")
    }

    /// A migration stopped short of the latest (`upTo`) makes no policy from the map (they name today's
    /// columns): the record's tables made so far get row-level security, forced, and lose every grant to the
    /// portal's groups, so no login reaches a row of a table without its policies until the migration to the
    /// latest version makes them (`ClinicSecurity.sql`).
    static var lockedRecordTables: String {
        (RecordPart.tables + RecordPart.clinicOnlyTables).map { table in
            let t = table.name
            return """
            DO $$ BEGIN
                IF to_regclass('public.\(t)') IS NOT NULL THEN
                    ALTER TABLE \(t) ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE \(t) FORCE ROW LEVEL SECURITY;
                    REVOKE ALL ON \(t) FROM PUBLIC;
                    IF to_regrole('\(patientGroup)') IS NOT NULL THEN REVOKE ALL ON \(t) FROM \(patientGroup); END IF;
                    IF to_regrole('\(therapistGroup)') IS NOT NULL THEN REVOKE ALL ON \(t) FROM \(therapistGroup); END IF;
                END IF;
            END $$;
            """
        }.joined(separator: "\n")
    }

    /// Brings the database up to `latestVersion`, makes the row-level policies and grants of the record's tables
    /// from the record map (`ClinicSecurity`), then takes the catalogs and statistics away from the portal's
    /// logins and turns every table-level read into a read of the table's own columns (`metadataLockdown`), all
    /// every time and in one transaction, so a failure leaves the database as it was. Run by the clinic's
    /// administrator as a superuser; a database from a newer portal is refused untouched.
    /// `target`: stop there (the tests make a database of an older version to migrate); the map's policies,
    /// which name today's columns, wait for the migration to the latest version, and until then the record's
    /// tables are closed to the portal's logins (`lockedRecordTables`). `timeZone` (a name the caller has checked)
    /// becomes the clinic's time zone (change 20) in the same transaction. `exerciseIDs`: the exercises
    /// prescriptions may name (`exercise_library`, change 28); the bundled content's unless named.
    ///
    /// Every table it changes it must lock alone, and a lock it waits for makes every login that reads the table
    /// wait behind it: a transaction left open (in psql, say) would queue the whole clinic. So it waits at most
    /// `lockTimeout` seconds for any lock, then gives up, changing nothing, and says so (`gaveUpWaiting`).
    public static func migrate(_ db: PGConnection, upTo target: Int = latestVersion, timeZone: String? = nil,
                               exerciseIDs: [String]? = nil, lockTimeout: Int = migrationLockTimeout) throws {
        try db.transaction { db in
            try db.script("SET LOCAL lock_timeout = '\(max(1, lockTimeout))s'")
            do {
                try migrateInTransaction(db, upTo: target, timeZone: timeZone, exerciseIDs: exerciseIDs)
            } catch let error as PGError where error.sqlState == "55P03" {
                throw gaveUpWaiting(seconds: max(1, lockTimeout))
            }
        }
    }

    /// The longest a migration waits for a lock before giving up (`migrate`): logins wait this long at most.
    public static let migrationLockTimeout = 5

    /// What `clinic init` says when another session held a table longer than `seconds`.
    static func gaveUpWaiting(seconds: Int) -> PortalError {
        .storage("Another session held the clinic's tables for more than \(seconds.counted("second")) (most often a transaction "
                 + "left open, in psql for example), so the update gave up rather than make every login wait behind it; nothing "
                 + "was changed. See who: SELECT pid, usename, state, xact_start FROM pg_stat_activity WHERE state LIKE "
                 + "'idle in transaction%'; end that session (SELECT pg_terminate_backend(pid)) or let it finish, then run "
                 + "`portal clinic init` again.")
    }

    private static func migrateInTransaction(_ db: PGConnection, upTo target: Int, timeZone: String?, exerciseIDs: [String]?) throws {
        try db.script("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
        // Two administrators running this at once take turns (the second waits `lockTimeout` at most).
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
            if let timeZone { try db.query("UPDATE clinic_zone SET zone = $1", [timeZone]) }
            try db.script(openEntry)
            try db.script(ClinicSecurity.sql)
            try db.script(ClinicDeletes.outsideTheMap)
            try db.script(guards)
            try db.script(therapistNames)
            try db.script(turns)
            try db.script(weekHoldsExercises)
            try fillExerciseLibrary(db, ids: try exerciseIDs ?? libraryExerciseIDs())
            try db.script(jsonShapes)
            try db.script(textBounds)
            try db.script(decisionReasons)
            try db.script(dateBounds)
            try db.script(notAhead)
            try db.script(try measureRules(try ContentLibrary.bundledOnDemand().measures))
            try db.script(writeQuota)
            try limitSessionsOfEveryLogin(db)
            try limitResourcesOfEveryLogin(db)
            try db.script(plainTextChecks)
        } else {
            try db.script(lockedRecordTables)
        }
        try db.script(metadataLockdown)
        try db.script(lockFunctions)
    }
}
