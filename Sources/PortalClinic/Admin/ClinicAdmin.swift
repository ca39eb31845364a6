import Foundation
import PortalCore

/// The clinic administrator's work on the database: the schema and group roles, one login role per person.
/// Runs as a role that may create roles and tables (the database's owner or `postgres`), never as the portal
/// a patient uses.
public struct ClinicAdmin {
    let db: PGConnection

    public init(connection: PGConnection) { db = connection }

    public static func open(_ conninfo: String) throws -> ClinicAdmin {
        ClinicAdmin(connection: try PGConnection(conninfo))
    }

    /// Creates or updates the schema, the group roles and the row-level rules, and closes the catalogs to the
    /// portal's logins (`ClinicSchema.migrate`). Only a superuser may change the catalogs' rights.
    /// `timeZone`: the clinic's time zone (an IANA name such as Europe/Lisbon), which every date and time the
    /// server sets is in (`clinic_now()`, change 20); without it a new clinic takes the server's and an
    /// existing one keeps its own. Checked by the server before anything changes.
    public func initialise(timeZone: String? = nil) throws {
        guard try db.query("SELECT current_setting('is_superuser') AS s").rows.first?.text("s") == "on" else {
            throw PortalError.rule("Setting up the clinic database needs the server's administrator (a superuser): run it as postgres, for example `\(ClinicSchema.initCommand)`.")
        }
        if let timeZone {
            let known = (try? db.query("SELECT 1 FROM pg_timezone_names WHERE name = $1", [timeZone]).rows.isEmpty == false) ?? false
            guard known, timeZone.count <= 64 else {
                throw PortalError.invalidInput("\(PlainText.quoted(timeZone)) is not a time zone the server knows: use a name such as Europe/Lisbon or America/New_York (the server lists them in pg_timezone_names). Nothing was changed.")
            }
        }
        try ClinicSchema.migrate(db, timeZone: timeZone)
    }

    /// The clinic's time zone (change 20), as `clinic_now()` reads it.
    /// Rows whose day the server now refuses, kept from before (`ClinicSchema.datesOutOfBounds`).
    public func datesOutOfBounds() throws -> [String] { try ClinicSchema.datesOutOfBounds(db) }

    public func timeZone() throws -> String {
        try db.query("SELECT zone FROM clinic_zone").rows.first?.text("zone") ?? ""
    }

    /// The cluster's other databases the portal's logins may still connect to (`ClinicSchema.otherDatabasesOpen`).
    public func otherDatabasesOpen() throws -> [String] { try ClinicSchema.otherDatabasesOpen(db) }

    /// A role name as the portal accepts it: a Unix login name (peer authentication maps the Unix user to the
    /// role of the same name), lower case letters, digits, `_` and `-`, starting with a letter or `_`.
    public static func checkRoleName(_ name: String) throws {
        let ok = !name.isEmpty && name.count <= 32 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        } && !("0"..."9").contains(name.unicodeScalars.first!) && name.first != "-"
            && !name.hasPrefix("pg_") && !name.hasPrefix("portal_")
        guard ok else {
            throw PortalError.invalidInput("\(PlainText.quoted(name)) cannot be a clinic login: use a Unix user name (lower-case letters, digits, _ or -, at most 32), not starting with pg_ or portal_.")
        }
    }

    /// Creates the login role `role` in `group` unless it exists; an existing role must be an ordinary one.
    /// The name is quoted by the server (`format('%I')`), never spliced in by the portal.
    private func ensureLogin(_ role: String, in group: String, _ db: PGConnection) throws {
        let existing = try db.query("""
            SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication AS p FROM pg_roles WHERE rolname = $1
            """, [role]).rows.first
        if let existing {
            guard try existing.text("p") == "f" else {
                throw PortalError.rule("\(PlainText.quoted(role)) is an administrator's role in the database; a patient or therapist needs an ordinary one.")
            }
            try checkOwnsNothingElse(role, joining: group, db)
        } else {
            let create = try db.query("SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB', $1::text) AS s",
                                      [role]).rows.first?.text("s") ?? ""
            try db.script(create)
        }
        let grant = try db.query("SELECT format('GRANT %I TO %I', $1::text, $2::text) AS s", [group, role]).rows.first?.text("s") ?? ""
        try db.script(grant)
        try ClinicSchema.limitSessions(of: role, db)
        try ClinicSchema.limitResources(of: role, db)
    }

    /// An existing role becomes a patient's or therapist's login only if it carries nothing but that: no
    /// membership of another role (the other portal group: a patient's login made a therapist read another
    /// caseload, qa-d D15; or pg_read_all_data, pg_monitor and the like, which open what the lockdown closes,
    /// D16), no members of its own (they would act with her rights), and no objects or rights of its own in any
    /// database of the cluster.
    private func checkOwnsNothingElse(_ role: String, joining group: String, _ db: PGConnection) throws {
        let other = try db.query("""
            SELECT coalesce(string_agg(g.rolname::text, ', ' ORDER BY g.rolname), '') AS groups FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
            WHERE r.rolname = $1 AND g.rolname <> $2
            """, [role, group]).rows.first?.text("groups") ?? ""
        if other == ClinicSchema.patientGroup {
            throw PortalError.rule("\(PlainText.quoted(role)) is a patient's login; a therapist needs her own.")
        }
        if other == ClinicSchema.therapistGroup {
            throw PortalError.rule("\(PlainText.quoted(role)) is a therapist's login; a patient needs her own.")
        }
        if !other.isEmpty {
            throw PortalError.rule("\(PlainText.quoted(role)) is a member of \(other) in the database; a patient or therapist needs a login that belongs to no other role. Nothing was changed.")
        }
        if try !db.query("SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE r.rolname = $1", [role]).rows.isEmpty {
            throw PortalError.rule("Other roles are members of \(PlainText.quoted(role)) in the database; a patient or therapist needs a login nobody else acts as. Nothing was changed.")
        }
        if try !db.query("""
            SELECT 1 FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid
            WHERE d.refclassid = 'pg_authid'::regclass AND r.rolname = $1 LIMIT 1
            """, [role]).rows.isEmpty {
            throw PortalError.rule("\(PlainText.quoted(role)) owns objects or holds rights of its own in the database; a patient or therapist needs a login that holds nothing but the portal's. Nothing was changed.")
        }
    }

    /// A therapist's name as her patients see it (clinic change 26): one line of plain text, by the rule of every
    /// name the portal keeps (`PlainText`), not blank, at most `Patient.therapistLimit` characters (the server's
    /// CHECK says 80 too). Returned trimmed of spaces at either end.
    public static func checkTherapistName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let accepted = "a name of 1 to \(Patient.therapistLimit) characters of plain text on one line, such as “Maria Silva”"
        guard !PlainText.isBlank(trimmed) else {
            throw PortalError.invalidInput(field: .therapist, "The therapist's name is empty: give \(accepted). Nothing was changed.")
        }
        do {
            try PlainText.check(trimmed, field: "The therapist's name", as: .therapist, maxLength: Patient.therapistLimit, multiline: false)
        } catch let error as PortalError {
            throw PortalError.invalidInput(field: .therapist, "\(error.description) Give \(accepted). Nothing was changed.")
        }
        return trimmed
    }

    /// Adds a therapist's login, going by `name` for her patients (her login when none is given). A therapist
    /// already added keeps her login; a `name` given again becomes the name she goes by (the one way to change it).
    /// Returns the name she goes by now.
    @discardableResult
    public func addTherapist(_ role: String, name: String? = nil) throws -> String {
        try Self.checkRoleName(role)
        let name = try name.map(Self.checkTherapistName)
        return try db.transaction { db in
            try ensureLogin(role, in: ClinicSchema.therapistGroup, db)
            try db.query("INSERT INTO therapist_account (role_name, display_name) VALUES ($1, coalesce($2::text, $1::text)) ON CONFLICT DO NOTHING",
                         [role, name])
            if let name { try db.query("UPDATE therapist_account SET display_name = $2 WHERE role_name = $1", [role, name]) }
            return try db.query("SELECT display_name FROM therapist_account WHERE role_name = $1", [role]).rows.first?.text("display_name") ?? role
        }
    }

    /// The name therapist `role` goes by for her patients, nil when there is no such therapist.
    public func therapistName(_ role: String) throws -> String? {
        try db.transaction(readOnly: true) { db in
            try db.query("SELECT display_name FROM therapist_account WHERE role_name = $1", [role]).rows.first?.text("display_name")
        }
    }

    /// Adds a patient's login with her therapist (who must have been added), and returns her record's id.
    @discardableResult
    public func addPatient(_ role: String, therapist: String?) throws -> Int64 {
        try Self.checkRoleName(role)
        return try db.transaction { db in try addPatient(role, therapist: therapist, db) }
    }

    /// The same inside the caller's transaction (an import adds the login and the record together). A patient
    /// who has a login already keeps it as it is: with the same therapist her record's id comes back and
    /// nothing changes; with another therapist (or none asked for when she has one) it is refused, and the
    /// message says whose caseload she is in. Nobody is moved to another caseload by adding her again.
    func addPatient(_ role: String, therapist: String?, _ db: PGConnection) throws -> Int64 {
        if let therapist, try db.query("SELECT 1 FROM therapist_account WHERE role_name = $1", [therapist]).rows.isEmpty {
            throw PortalError.notFound("There is no therapist \(PlainText.quoted(therapist)) in the clinic database yet.")
        }
        if try !db.query("SELECT 1 FROM therapist_account WHERE role_name = $1", [role]).rows.isEmpty {
            throw PortalError.rule("\(PlainText.quoted(role)) is a therapist's login; a patient needs her own.")
        }
        if let existing = try existingPatient(role, db) {
            guard existing.therapist == therapist else {
                throw PortalError.rule("\(existing) Nothing was changed: adding her again moves no one to another caseload.")
            }
            return existing.patientID
        }
        try ensureLogin(role, in: ClinicSchema.patientGroup, db)
        let row = try db.query("INSERT INTO patient_account (role_name, therapist_role) VALUES ($1, $2) RETURNING patient_id",
                               [role, therapist]).rows.first
        return try row?.int64("patient_id") ?? 0
    }

    /// A patient's login as the clinic database has it, for saying what exists.
    public struct ExistingPatient: CustomStringConvertible, Sendable {
        public let role: String
        let patientID: Int64
        /// Her therapist's login, if she has one.
        public let therapist: String?
        /// The name in her record, or nil when her record holds nothing yet.
        public let name: String?

        public var description: String {
            let caseload = therapist.map { "in \($0)'s caseload" } ?? "with no therapist"
            let record = name.map { "and a record (\($0))" } ?? "and an empty record"
            return "\(role) already has a clinic login, \(caseload), \(record)."
        }
    }

    /// Patient `role`'s login, her therapist and whether her record holds anything; nil when she has none.
    public func existingPatient(_ role: String) throws -> ExistingPatient? {
        try db.transaction(readOnly: true) { db in try existingPatient(role, db) }
    }

    func existingPatient(_ role: String, _ db: PGConnection) throws -> ExistingPatient? {
        guard let row = try db.query("""
            SELECT a.patient_id, a.therapist_role, p.name FROM patient_account a LEFT JOIN patient p USING (patient_id)
            WHERE a.role_name = $1
            """, [role]).rows.first else { return nil }
        return ExistingPatient(role: role, patientID: try row.int64("patient_id"), therapist: try row.optional("therapist_role"),
                               name: try row.optional("name"))
    }

    /// The record of patient `role`, for writing her first record as the administrator, its dates and times
    /// in `zone`. Weeks written through it are published.
    public func record(of role: String, zone: LocalZone = .current) throws -> PostgresStore {
        try PostgresStore(connection: db, patient: role, administrator: true, zone: zone)
    }
}
