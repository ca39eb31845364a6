import PortalCore

/// Who may see and change what in the record's tables, made from the record map (`RecordPart.tables` and each
/// table's `access`), enforced by the server whatever program connects. `ClinicSchema.migrate` runs it after
/// the migrations, so a table added to the map gets its rules without anyone writing them, and a table the map
/// does not list gets none (its migration's tests fail first: `RecordSchemaAgreementTests`).
///
/// - Row-level security is enabled and FORCED on every table (or its owner would skip the policies).
/// - Every policy is dropped and made again from the map, so the rules are exactly the map's, whatever an older
///   version made (the shipped v2 and v3 wrote theirs by hand).
/// - A patient's role reaches only rows whose `patient_id` is hers: the one `patient_account` row whose
///   `role_name` is `current_user`. The WITH CHECK half refuses writing a row for anyone else, which the
///   foreign keys would not (foreign-key checks do not apply row-level security).
/// - A therapist's role reaches her caseload's rows (`patient_account.therapist_role = current_user`).
/// - `Access.rows` narrows further: published rows (a `publication` column set, on the row or its parent) or
///   drafts (not set).
/// - The grants say the same commands again, table by table: nothing is granted that no policy allows. An
///   UPDATE is granted on the columns `Access.columns` names only (or the map's columns: never `patient_id` or a row's id), and `Access.check` joins the WITH CHECK
///   half, so a patient's role moves a visit but never writes its notes or records it completed.
/// - A DELETE is neither granted nor a policy: a login deletes through the table's function, made here from the
///   same entries (`ClinicDeletes`), because a table-level DELETE lets a login LOCK the table against everyone.
/// - Every write to the table is kept in the clinic's history (`ClinicHistory`).
/// - Policies name tables, which the server binds when the policy is made: a temporary table of the same name
///   made by a patient later cannot stand in for `patient_account`. No view exists; the SECURITY DEFINER
///   functions write the history and her record's count of changes, count a care plan's visits
///   (`ClinicHistory`), read the clinic's clock, or delete what the map lets the login delete (`ClinicDeletes`,
///   as a role that is not the owner), so nothing a role can call reads with the owner's rights.
public enum ClinicSecurity {
    static let mine = mine(of: "current_user")
    static let caseload = caseload(of: "current_user")
    /// The rows of the patient whose login is `who` (an SQL expression: `current_user` in a policy, the login
    /// in a delete function, `ClinicDeletes`).
    static func mine(of who: String) -> String { "patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = \(who))" }
    /// The rows of the caseload of the therapist whose login is `who`.
    static func caseload(of who: String) -> String { "patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = \(who))" }

    /// The whole script, for every table of the record.
    public static var sql: String {
        let tables = RecordPart.tables + RecordPart.clinicOnlyTables
        return ([ClinicDeletes.keeperRole] + tables.map(sql(for:)) + tables.compactMap(ClinicDeletes.keeperGrants(for:))).joined(separator: "\n")
    }

    /// The group role of `role`.
    static func group(_ role: Access.Role) -> String {
        switch role {
        case .patient: return ClinicSchema.patientGroup
        case .therapist: return ClinicSchema.therapistGroup
        }
    }

    /// The script for one table: security on, its old policies and grants gone, the map's made.
    static func sql(for table: RecordTable) -> String {
        let t = table.name
        var lines = [
            "ALTER TABLE \(t) ENABLE ROW LEVEL SECURITY;",
            "ALTER TABLE \(t) FORCE ROW LEVEL SECURITY;",
            """
            DO $$ DECLARE p record; BEGIN
                FOR p IN SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = '\(t)' LOOP
                    EXECUTE format('DROP POLICY %I ON \(t)', p.policyname);
                END LOOP;
            END $$;
            """,
            "REVOKE ALL ON \(t) FROM PUBLIC, \(ClinicSchema.patientGroup), \(ClinicSchema.therapistGroup), \(ClinicDeletes.keeper);",
        ]
        for access in table.access {
            let whose = access.role == .patient ? mine : caseload
            let condition = Self.condition(access, table)
            let checked = { (base: String) in ([base] + [access.check].compactMap { $0.map { "(\($0))" } }).joined(separator: " AND ") }
            // A DELETE is no policy and no grant: a table-level DELETE lets a login LOCK the table against
            // everyone (qa-d D4); she deletes through the table's function, made from the same entries below.
            for command in access.commands where command != .delete {
                let name = "\(access.role.rawValue)_\(command.rawValue)" + (access.rows == .all ? "" : "_\(access.rows.rawValue)")
                    + access.only.map { "_\($0.name)" }.joined()
                let clause: String
                switch command {
                case .select: clause = "USING (\(condition))"
                case .delete: preconditionFailure("a delete goes through ClinicDeletes")
                case .insert: clause = "WITH CHECK (\(checked(condition)))"
                // The rows it may change are those it reaches now (a draft week; a visit nobody recorded yet);
                // what it makes of one is whose it is and `check` (a draft her therapist publishes is no
                // longer a draft afterwards).
                case .update: clause = "USING (\(condition)) WITH CHECK (\(checked(whose)))"
                }
                lines.append("CREATE POLICY \(name) ON \(t) FOR \(command.rawValue.uppercased()) TO \(group(access.role)) \(clause);")
            }
            if let grant = grant(access, table, to: group(access.role)) { lines.append(grant) }
        }
        lines.append(ClinicDeletes.function(for: table))
        lines.append(ClinicHistory.trigger(on: table))
        return lines.joined(separator: "\n")
    }

    /// The grant of `commands` on `table`: reading is granted on the map's columns by name (and `patient_id`),
    /// never on the whole table, whose system columns (xmin, ctid) tell how much others wrote
    /// (`ClinicSchema.metadataLockdown` turns any other read into the same).
    /// An UPDATE is granted on the columns `access` names, or the map's: never `patient_id` nor the id the table
    /// gave the row (whose record a row is, and which row, stay).
    /// No DELETE is granted (`ClinicDeletes`: a table-level DELETE, like a table-level UPDATE, lets a login
    /// `LOCK TABLE` in any mode); nil when nothing else is.
    static func grant(_ access: Access, _ table: RecordTable, to group: String) -> String? {
        let privileges = access.commands.compactMap { command -> String? in
            switch command {
            case .select: return "SELECT (" + (["patient_id"] + table.columns.map(\.name)).joined(separator: ", ") + ")"
            case .update:
                let settable = access.columns ?? table.columns.filter { $0.kind != .generatedID }.map(\.name)
                return "UPDATE (" + settable.joined(separator: ", ") + ")"
            case .insert: return "INSERT"
            case .delete: return nil
            }
        }
        guard !privileges.isEmpty else { return nil }
        return "GRANT " + privileges.joined(separator: ", ") + " ON \(table.name) TO \(group);"
    }

    /// The rows `access` reaches on `table`: whose they are (the login being `who`) and `rowCondition`.
    static func condition(_ access: Access, _ table: RecordTable, who: String = "current_user") -> String {
        let whose = access.role == .patient ? mine(of: who) : caseload(of: who)
        return ([whose] + [rowCondition(access, table)].compactMap { $0 }).joined(separator: " AND ")
    }

    /// The rows `access` means on `table` besides whose they are: a published week, or a prescription of one; a
    /// published week not started by the server's day (`ClinicSchema.today`); a week the portal generated, or a
    /// prescription of one; nil for all of them. A column the table lacks is
    /// its parent's.
    static func rowCondition(_ access: Access, _ table: RecordTable) -> String? {
        var tests: [(column: (RecordTable) -> RecordColumn?, test: String)] = []
        switch access.rows {
        case .all: break
        case .published: tests.append(({ $0.columns.first { $0.kind == .publication } }, "IS NOT NULL"))
        case .drafts: tests.append(({ $0.columns.first { $0.kind == .publication } }, "IS NULL"))
        case .upcoming:
            tests.append(({ $0.columns.first { $0.kind == .publication } }, "IS NOT NULL"))
            tests.append(({ $0.column("starts") }, "> \(ClinicSchema.today)"))
        }
        for match in access.only {
            let quoted = match.values.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            tests.append(({ $0.column(match.column) }, quoted.count == 1 ? "= \(quoted[0])" : "IN (\(quoted.joined(separator: ", ")))"))
        }
        guard !tests.isEmpty else { return nil }
        let parentTable = table.parent.flatMap { RecordPart.table(named: $0.table) }
        var own: [String] = [], onParent: [String] = []
        for (column, test) in tests {
            if let c = column(table) {
                own.append("\(c.name) \(test)")
            } else if let parentTable, let c = column(parentTable) {
                onParent.append("p.\(c.name) \(test)")
            } else {
                preconditionFailure("\(table.name): neither it nor its parent has the column its access names")
            }
        }
        if let parent = table.parent, let parentTable, !onParent.isEmpty {
            let joins = zip(parentTable.key, parent.columns).map { "p.\($0) = \(table.name).\($1)" }
            own.append("EXISTS (SELECT 1 FROM \(parentTable.name) p WHERE p.patient_id = \(table.name).patient_id AND "
                + (joins + onParent).joined(separator: " AND ") + ")")
        }
        return own.joined(separator: " AND ")
    }
}
