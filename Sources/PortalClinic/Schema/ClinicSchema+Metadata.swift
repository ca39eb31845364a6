import Foundation

extension ClinicSchema {
    /// What a patient's or therapist's login may learn about everyone else: nothing. Row-level security hides
    /// other patients' rows, but PostgreSQL shows every login the catalogs and statistics a cluster keeps for
    /// its administrators: who has a login and whether she is a patient or a therapist (pg_roles,
    /// pg_auth_members), who is connected now (pg_stat_activity, pg_locks), how many rows each table gained
    /// (pg_stat_user_tables, pg_class.reltuples, table sizes), and counters every write moves (the transaction
    /// id, the WAL position). Watching those, a patient saw another patient's report arrive.
    ///
    /// This script takes them away from PUBLIC in the clinic's database (the monitoring role pg_monitor keeps
    /// them), and with them the functions behind the views and the variants of `pg_has_role` and
    /// `has_*_privilege` that ask about another role (those about the session's own login stay). It is not a
    /// numbered migration: `migrate` runs it after the migrations every time, so it holds for tables and
    /// columns later migrations add, and running it again changes nothing.
    ///
    /// - Reading is granted per table, and turned into a grant on each of the table's own columns: a
    ///   table-level SELECT also reads the system columns xmin (the clinic-wide transaction counter when the
    ///   row was written) and ctid (where the row sits among everyone's), which tell how much others wrote.
    ///   A group that may read any column of a table reads all of them, including columns added later.
    /// - The clinic's database admits only the portal's two groups (and its owner); nobody may make
    ///   temporary tables (their schemas show who else has a session) or objects of her own.
    /// - Runs as a superuser (`sudo -u postgres portal clinic init`): only a superuser changes the catalogs'
    ///   rights. Other databases of the cluster (postgres, template1) hold the same catalogs: pg_hba.conf keeps
    ///   the portal's logins out of them (deploy/pg_hba.conf; `otherDatabasesOpen` checks).
    ///
    /// Not closed by these means, because PostgreSQL checks no privilege there: a role's name printed from its
    /// number (`16390::regrole`), and `EXPLAIN ANALYZE`, whose "Rows Removed by Filter" counts the rows of
    /// others a scan passed over (README, "What a patient's login cannot see").
    static let metadataLockdown = """
    DO $lockdown$
    DECLARE
        r record;
        cols text;
    BEGIN
        -- Catalog views and tables that name logins, show sessions or count rows clinic-wide.
        FOR r IN
            SELECT c.oid::regclass AS rel FROM pg_class c
            WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind IN ('r', 'v')
              AND (c.relname IN ('pg_roles', 'pg_user', 'pg_group', 'pg_auth_members', 'pg_shdepend', 'pg_db_role_setting',
                                 'pg_shdescription', 'pg_shseclabel', 'pg_seclabels', 'pg_locks', 'pg_prepared_xacts',
                                 'pg_replication_origin_status', 'pg_replication_slots', 'pg_largeobject_metadata')
                   OR c.relname LIKE 'pg\\_stat\\_%' OR c.relname LIKE 'pg\\_statio\\_%' OR c.relname LIKE 'pg\\_stats%')
        LOOP
            EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', r.rel);
            EXECUTE format('GRANT SELECT ON %s TO pg_monitor', r.rel);
        END LOOP;
        -- pg_class without its row and page counts and transaction horizons.
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
        WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0 AND NOT attisdropped
          AND attname NOT IN ('reltuples', 'relpages', 'relallvisible', 'relfrozenxid', 'relminmxid');
        REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC;
        EXECUTE format('GRANT SELECT (%s) ON pg_catalog.pg_class TO PUBLIC', cols);
        GRANT SELECT ON pg_catalog.pg_class TO pg_monitor;
        -- The functions behind those views, and the counters and sizes every write moves.
        FOR r IN
            SELECT p.oid::regprocedure AS fn FROM pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace
              AND (p.proname LIKE 'pg\\_stat\\_%'
                   OR p.proname IN ('pg_lock_status', 'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids',
                                    'pg_isolation_test_session_is_blocked', 'pg_cancel_backend', 'pg_terminate_backend',
                                    'txid_current', 'txid_current_if_assigned', 'txid_current_snapshot', 'txid_status',
                                    'pg_current_xact_id', 'pg_current_xact_id_if_assigned', 'pg_current_snapshot',
                                    'pg_xact_status', 'pg_xact_commit_timestamp', 'pg_xact_commit_timestamp_origin',
                                    'pg_last_committed_xact', 'pg_current_wal_lsn', 'pg_current_wal_insert_lsn',
                                    'pg_current_wal_flush_lsn', 'pg_last_wal_receive_lsn', 'pg_last_wal_replay_lsn',
                                    'pg_last_xact_replay_timestamp', 'pg_control_checkpoint', 'pg_control_system',
                                    'pg_control_init', 'pg_control_recovery', 'pg_relation_size', 'pg_total_relation_size',
                                    'pg_table_size', 'pg_indexes_size', 'pg_database_size', 'pg_tablespace_size',
                                    'pg_notification_queue_usage', 'pg_get_userbyid', 'to_regrole', 'pg_identify_object',
                                    'pg_identify_object_as_address', 'pg_describe_object', 'pg_get_object_address',
                                    -- The functions behind pg_replication_slots and pg_prepared_xacts (the WAL
                                    -- position a standby's slot holds), a snapshot's name (the session's slot and
                                    -- its count of transactions) and the session's process id (which rises with
                                    -- every other login's connection).
                                    'pg_get_replication_slots', 'pg_prepared_xact', 'pg_export_snapshot', 'pg_backend_pid',
                                    'pg_show_replication_origin_status')
                   -- The transaction counter again: the age of an old transaction id is the current one.
                   OR p.oid IN ('pg_catalog.age(xid)'::regprocedure, 'pg_catalog.mxid_age(xid)'::regprocedure)
                   -- The variants that take another role as their first argument (they have one argument
                   -- more than the ones about the session's own login, which stay).
                   OR (p.proname = 'pg_has_role' OR p.proname LIKE 'has\\_%\\_privilege')
                      AND p.pronargs = (SELECT max(q.pronargs) FROM pg_proc q
                                        WHERE q.proname = p.proname AND q.pronamespace = p.pronamespace))
        LOOP
            EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', r.fn);
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_monitor', r.fn);
        END LOOP;
        -- Large objects are objects of one's own, kept outside every record with no limit: nobody makes one.
        FOR r IN
            SELECT p.oid::regprocedure AS fn FROM pg_proc p
            WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN ('lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import')
        LOOP
            EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', r.fn);
        END LOOP;
        -- The clinic's database: its own people connect; no temporary tables, no objects of one's own.
        EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO portal_patient, portal_therapist', current_database());
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        -- Reading a table: its own columns, never the system columns.
        FOR r IN
            SELECT c.oid::regclass AS rel, g.name AS grantee FROM pg_class c
            CROSS JOIN unnest(ARRAY['portal_patient', 'portal_therapist']) AS g(name)
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v')
              AND has_any_column_privilege(g.name, c.oid, 'SELECT')
        LOOP
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
            WHERE attrelid = r.rel AND attnum > 0 AND NOT attisdropped;
            EXECUTE format('REVOKE SELECT ON %s FROM %I', r.rel, r.grantee);
            EXECUTE format('GRANT SELECT (%s) ON %s TO %I', cols, r.rel, r.grantee);
        END LOOP;
    END $lockdown$;
    """

    /// The other databases of the cluster a patient's or therapist's login could still connect to, as
    /// pg_hba.conf reads now (its first local line that names the database, or `all`, and the group, or
    /// `all`, decides). Each holds the cluster's catalogs, which list every login and every session. Empty
    /// when pg_hba.conf rejects them everywhere but here (deploy/pg_hba.conf). Needs a superuser.
    public static func otherDatabasesOpen(_ db: PGConnection) throws -> [String] {
        let rules = try db.query("""
            SELECT database, user_name, auth_method FROM pg_hba_file_rules
            WHERE type = 'local' AND error IS NULL ORDER BY line_number
            """).rows.map { row -> (databases: [String], users: [String], method: String) in
            (Self.textArray(try row.text("database")), Self.textArray(try row.text("user_name")), try row.text("auth_method"))
        }
        let others = try db.query("""
            SELECT datname::text AS d FROM pg_database WHERE datallowconn AND datname <> current_database() ORDER BY 1
            """).rows.map { try $0.text("d") }
        return others.filter { database in
            [patientGroup, therapistGroup].contains { group in
                let rule = rules.first { ($0.databases.contains("all") || $0.databases.contains(database))
                    && ($0.users.contains("all") || $0.users.contains("+" + group)) }
                return rule.map { $0.method != "reject" } ?? false
            }
        }
    }

    /// `{a,b,"c d"}` as PostgreSQL prints a text array: the names in it.
    static func textArray(_ text: String) -> [String] {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }
}

extension ClinicSchema {
    /// Ids that tell nothing about other patients (clinic-only change 10; SQLite skips the number). Identity
    /// columns count every patient's rows together, so the ids of her own entries showed how many entries
    /// the clinic's other patients made in between, and her record's id how many patients came before her.
    ///
    /// - A record's rows are numbered within that record: her first pain entry is 1, the next 2, exactly as
    ///   in her own portal file (SQLite numbers a table's rows max + 1). A trigger gives each new row of a
    ///   table with (patient_id, id) the next number of that record; it reads as the session that inserts,
    ///   so row-level security lets it count her own rows and no one else's. Whatever id an insert brings is
    ///   replaced, except the administrator's (a superuser's), so a bulk load may keep its own numbering.
    /// - A new record's `patient_id` is a random 62-bit number.
    /// - Ids already given keep their values (an export made before still names the same rows); only new
    ///   rows are numbered this way. A table added later gets the same trigger, or the test that no
    ///   sequence is left in the schema fails.
    static let v10PrivateIds = """
    CREATE FUNCTION record_next_id() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        IF NEW.id IS NULL OR current_setting('is_superuser') <> 'on' THEN
            EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I WHERE patient_id = $1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO NEW.id USING NEW.patient_id;
        END IF;
        RETURN NEW;
    END $$;
    DO $$
    DECLARE
        t text;
    BEGIN
        FOREACH t IN ARRAY (SELECT coalesce(array_agg(c.table_name::text ORDER BY c.table_name), '{}') FROM information_schema.columns c
                            WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.is_identity = 'YES'
                              AND EXISTS (SELECT FROM information_schema.columns p WHERE p.table_schema = 'public'
                                          AND p.table_name = c.table_name AND p.column_name = 'patient_id')) LOOP
            EXECUTE format('ALTER TABLE %I ALTER COLUMN id DROP IDENTITY', t);
            EXECUTE format('CREATE TRIGGER record_next_id BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION record_next_id()', t);
        END LOOP;
    END $$;
    ALTER TABLE patient_account ALTER COLUMN patient_id DROP IDENTITY;
    ALTER TABLE patient_account ALTER COLUMN patient_id
        SET DEFAULT (floor(random() * 2147483648)::bigint * 2147483648 + floor(random() * 2147483647)::bigint + 1);
    """
}
