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
/// - Every write to the table is kept in the clinic's history (`ClinicHistory`).
/// - Policies name tables, which the server binds when the policy is made: a temporary table of the same name
///   made by a patient later cannot stand in for `patient_account`. No view exists, and the two SECURITY DEFINER
///   functions only write the history or count a care plan's visits (`ClinicHistory`), so nothing a role
///   can call reads with the owner's rights.
public enum ClinicSecurity {
    static let mine = "patient_id = (SELECT a.patient_id FROM patient_account a WHERE a.role_name = current_user)"
    static let caseload = "patient_id IN (SELECT a.patient_id FROM patient_account a WHERE a.therapist_role = current_user)"

    /// The whole script, for every table of the record.
    public static var sql: String { RecordPart.tables.map(sql(for:)).joined(separator: "\n") }

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
            "REVOKE ALL ON \(t) FROM PUBLIC, \(ClinicSchema.patientGroup), \(ClinicSchema.therapistGroup);",
        ]
        for (n, access) in table.access.enumerated() {
            let whose = access.role == .patient ? mine : caseload
            let rows = [whose] + [rowCondition(access.rows, table)].compactMap { $0 }
            let condition = rows.joined(separator: " AND ")
            let written = ([condition] + [access.check].compactMap { $0.map { "(\($0))" } }).joined(separator: " AND ")
            for command in access.commands {
                // Numbered by its place in the map: two accesses of one role may name the same command.
                let name = "\(access.role.rawValue)_\(command.rawValue)_\(n)"
                let clause: String
                switch command {
                case .select, .delete: clause = "USING (\(condition))"
                case .insert: clause = "WITH CHECK (\(written))"
                case .update: clause = "USING (\(condition)) WITH CHECK (\(written))"
                }
                lines.append("CREATE POLICY \(name) ON \(t) FOR \(command.rawValue.uppercased()) TO \(group(access.role)) \(clause);")
                // An UPDATE sets the columns the map lets it, never `patient_id` nor the id the table gave the
                // row: whose record a row is, and which row, stay.
                let settable = access.columns ?? table.columns.filter { $0.kind != .generatedID }.map(\.name)
                let columns = command == .update ? " (\(settable.joined(separator: ", ")))" : ""
                lines.append("GRANT \(command.rawValue.uppercased())\(columns) ON \(t) TO \(group(access.role));")
            }
        }
        lines.append(ClinicHistory.trigger(on: table))
        return lines.joined(separator: "\n")
    }

    /// The rows `rows` means on `table`: a published week, or a prescription of one; nil for all of them.
    static func rowCondition(_ rows: Access.Rows, _ table: RecordTable) -> String? {
        let test: String
        switch rows {
        case .all: return nil
        case .published: test = "IS NOT NULL"
        case .drafts: test = "IS NULL"
        }
        if let own = table.columns.first(where: { $0.kind == .publication }) { return "\(own.name) \(test)" }
        guard let parent = table.parent, let parentTable = RecordPart.table(named: parent.table),
              let column = parentTable.columns.first(where: { $0.kind == .publication }) else {
            preconditionFailure("\(table.name) has published and draft rows, but neither it nor its parent says when a row was published")
        }
        let joins = zip(parentTable.key, parent.columns).map { "p.\($0) = \(table.name).\($1)" }
        return "EXISTS (SELECT 1 FROM \(parentTable.name) p WHERE p.patient_id = \(table.name).patient_id AND "
            + joins.joined(separator: " AND ") + " AND p.\(column.name) \(test))"
    }
}
