import Foundation
import PortalCore

/// One patient's record in a clinic's PostgreSQL database: the same `RecordStore` contract as the SQLite
/// store, for the patient whose record this session may reach.
///
/// The session logs in as a person's own database role, and the server's row-level security decides what
/// that role may read and write (`ClinicSecurity`, made from the record map); this type only picks the record
/// (the patient's own, or for a therapist one patient of her caseload) and opens the transactions. Its reads
/// and writes are the record map's (`MappedRecordStore`), in PostgreSQL's words (`PostgresDialect`), with
/// `StoreRules` checked inside each transaction exactly as in the SQLite store. Every write first locks the
/// record's `patient_account` row, so two sessions writing one record take turns and the second checks the
/// rules against the first one's commit.
public final class PostgresStore: MappedRecordStore {
    let db: PGConnection
    /// The record's id (`patient_account.patient_id`).
    public let patientID: Int64
    /// The patient's database role.
    public let patientRole: String
    /// The session is the patient's therapist, not the patient: new program weeks are drafts.
    public let actsAsTherapist: Bool
    /// The database login of this session: the patient's own, or her therapist's.
    public let login: String
    public let location: String
    public var files: [String] { [] }
    /// The zone her dates and times are in (the server's, where the portal runs for her): a time its clock
    /// skips is refused, and each timed entry is kept with its offset from UTC there (`StoreRules`).
    public let zone: LocalZone
    public var isRemote: Bool { true }
    /// A therapist's new weeks are drafts until `publishWeek`; a patient's are published as she adds them.
    public var addsDraftWeeks: Bool { actsAsTherapist }
    /// Her care team records how a visit went (issue 21: the database refuses it to her own login).
    public var recordsVisits: Bool { actsAsTherapist || administrator }
    /// Her therapist's session, or her own login: the rights of its role in the record map.
    public var viewer: Viewer { actsAsTherapist ? .therapist(login: login) : .clinicPatient }
    /// A warning sign she reports stays for her therapist to see: her own login neither changes nor deletes
    /// one (the map's rights on `sign_report` and `pain_entry` say the same to the server).
    public var keepsWarningSigns: Bool { !actsAsTherapist && !administrator }
    /// The clinic's administrator writing her first record (`ClinicAdmin.record(of:)`).
    let administrator: Bool
    /// A clinic keeps her record (its history too: `ClinicHistory`): only its administrator erases one. Her own
    /// login may delete only some of what she wrote (never an answered question, a visit or her details), so an
    /// erase there would leave part of it while seeming done.
    public var erasureRefusal: String? {
        if administrator { return nil }
        return actsAsTherapist
            ? "A patient's record is kept by the clinic: only its administrator can remove it; nothing was erased."
            : "Your record is kept by your clinic, and only the clinic can remove it; nothing was erased."
    }
    /// Her therapist answers her questions, as her own login (which the database checks).
    public var questionAnswerer: String? { actsAsTherapist ? login : nil }

    /// Her therapist's chart: her record's count of changes (`record_change`, clinic change 23, kept by the
    /// history's trigger), which every write by anyone to a table her therapist reads moves; the open chart asks
    /// for it once a second and reads her record again only when it moved (`Runtime`), instead of every few
    /// seconds. Her own session: nil (read every `Runtime.reloadSeconds`): she has no grant on the count, which
    /// would tell her when her therapist works on a draft of her program before publishing it.
    public func changeToken() throws -> Int64? {
        guard actsAsTherapist else { return nil }
        let id = patientID
        return try db.transaction(readOnly: true) { db in
            try db.query("SELECT coalesce((SELECT sum(changes) FROM \(ClinicHistory.changes) WHERE patient_id = $1), 0)::bigint AS n", [id])
                .rows.first?.int64("n")
        }
    }

    /// The server looks after its own storage (checksums, WAL, the clinic's monitoring).
    public func checkIntegrity() throws {}

    /// A clinic's database is the clinic's to back up, with PostgreSQL's own tools.
    public func backUp(to path: String, overwrite: Bool) throws {
        throw PortalError.invalidInput(field: .databasePath, "A clinic database is backed up by the clinic (pg_dump), not with portal backup.")
    }

    /// Opens the record of the patient logged in (`patient` nil), or as her therapist the record of the
    /// patient whose role is `patient`. Refuses an administrator's login (superuser or BYPASSRLS: the
    /// privacy rules would not apply to it) and a database this portal has not set up, or set up by a newer one.
    public static func open(_ conninfo: String, patient: String? = nil, limits: PGConnection.Limits = .command,
                            zone: LocalZone = .current) throws -> PostgresStore {
        try PostgresStore(connection: try PGConnection(conninfo, limits: limits), patient: patient, zone: zone)
    }

    /// How long calls wait for a primary (the full-screen portal waits as long as it is open).
    public var limits: PGConnection.Limits {
        get { db.limits }
        set { db.limits = newValue }
    }

    /// True while the server is lost and a call waits for a primary to answer ("Reconnecting to the clinic…").
    public var isReconnecting: Bool { db.isReconnecting }

    /// True while a write's commit is in doubt (its answer was lost, nothing settled it yet).
    public var hasChangeInDoubt: Bool { db.hasCommitInDoubt }

    /// The full-screen portal waits for a primary as long as it is open.
    public func waitForServerWhileOpen() { db.limits.waitSeconds = nil }

    public convenience init(connection: PGConnection, patient: String? = nil, zone: LocalZone = .current) throws {
        try self.init(connection: connection, patient: patient, administrator: false, zone: zone)
    }

    /// `administrator`: the clinic's administrator writing a new patient's first record (`ClinicAdmin`),
    /// the one caller allowed a login that skips row-level security.
    init(connection: PGConnection, patient: String?, administrator: Bool, zone: LocalZone = .current) throws {
        db = connection
        self.zone = zone
        let (user, database, privileged) = try db.transaction(readOnly: true) { db -> (String, String, Bool) in
            // Whether row-level security applies to this login: not to a superuser or a BYPASSRLS role. Asked of
            // the login itself (pg_roles is closed to patients and therapists: ClinicSchema.metadataLockdown).
            let r = try db.query("""
                SELECT current_user::text AS u, current_database()::text AS d,
                    CASE WHEN to_regclass('public.patient_account') IS NULL THEN current_setting('is_superuser') = 'on'
                         ELSE NOT row_security_active('public.patient_account') END AS p
                """).rows.first
            return (try r?.text("u") ?? "", try r?.text("d") ?? "", try r?.text("p") == "t")
        }
        location = "the clinic database “\(database)”"
        guard !privileged || administrator else {
            throw PortalError.storage("The portal does not run as a database administrator (\(user)): that login skips the rules that keep each record private. Log in as a patient or a therapist.")
        }
        let (account, isTherapist) = try db.transaction(readOnly: true) { db -> (PGRow?, Bool) in
            let version = try ClinicSchema.version(db)
            guard version > 0 else {
                throw PortalError.storage("The clinic database is not set up for the portal yet; ask the clinic's administrator.")
            }
            guard version <= ClinicSchema.latestVersion else { throw PGError.newerSchema }
            // Every change, not only the highest: a gap would leave a table without its rules or columns.
            let missing = try ClinicSchema.missingChanges(db)
            guard missing.isEmpty else { throw ClinicSchema.lacking(missing) }
            let row = try db.query("SELECT patient_id, role_name FROM patient_account WHERE role_name = coalesce($1, current_user::text)",
                                   [patient]).rows.first
            // Patients may not read therapist_account; a login may ask about its own memberships only.
            let therapist = try db.query("SELECT pg_has_role('portal_therapist', 'MEMBER') AS t").rows.first?.text("t") == "t"
            return (row, therapist)
        }
        guard let account else {
            if let patient {
                // A patient's login naming another (QA H11): --patient is her therapist's, not a caseload of hers.
                if !isTherapist, !administrator {
                    throw PortalError.rule("Only a therapist names a patient with --patient: your login opens your own record, so leave out --patient.")
                }
                throw PortalError.notFound("There is no patient \(PlainText.quoted(patient)) in your caseload.")
            }
            if isTherapist {
                throw PortalError.notFound(Self.therapistHasNoRecord(user))
            }
            throw PortalError.notFound("Your login (\(user)) has no record in the clinic database yet; ask the clinic to add you.")
        }
        patientID = try account.int64("patient_id")
        patientRole = try account.text("role_name")
        actsAsTherapist = patientRole != user && !administrator
        self.administrator = administrator
        login = user
    }

    /// A write: one transaction that first takes the login's turn at this record (`record_turn`), so her
    /// sessions take turns, and her therapist's take theirs, neither waiting on the other's. It carries
    /// a new idempotency key (`Self.receipt`), so a write whose COMMIT answer was lost in a failover is run
    /// again on the new primary only if it did not commit, and is never stored twice.
    @discardableResult
    func write<T>(_ body: (PGConnection, Int64) throws -> T) throws -> T {
        let id = patientID, hers = actsAsTherapist, role = patientRole
        return try db.transaction(receipt: Self.receipt()) { db in
            // Her turn, or her therapist's (`ClinicSchema.turns`): the login's own sessions take turns; no other
            // login's write waits on it (qa-f F3).
            guard try db.query("SELECT public.record_turn($1) AS t", [id]).rows.first?.text("t") == "t" else {
                throw PortalError.notFound(hers ? Self.notInCaseload(role) : "This record is no longer in the clinic database.")
            }
            return try body(db, id)
        }
    }

    /// A new write's key in `write_receipt` (schema v7): recorded with the write, and checked when the write
    /// runs again after a lost COMMIT (`PGConnection.transaction`). The same role's keys older than a week go.
    static func receipt() -> PGConnection.Receipt {
        let key = UUID().uuidString
        return PGConnection.Receipt(claim: { db in
            let added = try db.query("INSERT INTO write_receipt (receipt) VALUES ($1::uuid) ON CONFLICT (receipt) DO NOTHING", [key]).affected
            guard added == 1 else { return false }
            try db.query("SELECT public.write_receipt_prune()")
            return true
        }, confirm: { db in
            try db.query("UPDATE write_receipt SET confirmed_at = now() WHERE receipt = $1::uuid", [key])
        })
    }

    /// A read: one read-only transaction that sees a single moment. Her therapist's read first checks that the
    /// record is still in her caseload: a patient moved to another therapist (or removed) mid-chart would
    /// otherwise read as an empty record, row-level security hiding every row, and her chart would say "She
    /// reported none" of a sign she reported (qa-f F2).
    func read<T>(_ body: (PGConnection, Int64) throws -> T) throws -> T {
        let id = patientID, hers = actsAsTherapist, role = patientRole
        return try db.transaction(.repeatableRead, readOnly: true) { db in
            if hers, try db.query("SELECT 1 FROM patient_account WHERE patient_id = $1", [id]).rows.isEmpty {
                throw PortalError.notFound(Self.notInCaseload(role))
            }
            return try body(db, id)
        }
    }

    /// Whether the login on `connection` is a therapist's (a member of `portal_therapist`), asked of the login
    /// itself: only a therapist has a caseload.
    public static func isTherapistLogin(_ connection: PGConnection) throws -> Bool {
        try connection.transaction(readOnly: true) { db in
            try db.query("SELECT pg_has_role('\(ClinicSchema.therapistGroup)', 'MEMBER') AS t").rows.first?.text("t") == "t"
        }
    }

    /// What a therapist's login reads when a command opens a record without `--patient` (QA H11): plainly, and with
    /// the form that names a patient.
    public static func therapistHasNoRecord(_ login: String) -> String {
        "\(login) is a therapist's login, which has no record of its own: add --patient LOGIN to name the patient "
            + "(LOGIN: her user name, as `portal clinic patients` lists it)."
    }

    /// The login on `conninfo` when it is a therapist's (a member of `portal_therapist`, not an administrator),
    /// asked of the server at once: one connection that waits for no primary, a couple of seconds at most. Nil for
    /// any other login, and when the server does not answer so soon (`OnlyHers` asks before a patient's warning
    /// sign's safety text, which must not wait on a server that is down).
    public static func therapistLogin(_ conninfo: String) -> String? {
        guard let db = try? PGConnection(conninfo, limits: PGConnection.Limits(connectSeconds: 2, statementSeconds: 2, waitSeconds: 0)) else {
            return nil
        }
        let login = try? db.transaction(readOnly: true) { db -> String? in
            let row = try db.query("""
                SELECT current_user::text AS u,
                    pg_has_role('\(ClinicSchema.therapistGroup)', 'MEMBER') AND current_setting('is_superuser') <> 'on' AS t
                """).rows.first
            return try row?.text("t") == "t" ? row?.text("u") : nil
        }
        return login ?? nil
    }

    /// What a therapist reads when the patient she had open is no longer in her caseload.
    public static func notInCaseload(_ role: String) -> String {
        "\(PlainText.quoted(role)) is no longer in your caseload, so her record cannot be read or changed from here."
    }

    public func reading<T>(_ body: (any RecordDatabase) throws -> T) throws -> T {
        let publishes = !actsAsTherapist, direct = administrator
        return try read { db, id in try body(PostgresDialect(db: db, patientID: id, publishes: publishes, direct: direct)) }
    }

    public func writing<T>(_ body: (any RecordDatabase) throws -> T) throws -> T {
        let publishes = !actsAsTherapist, direct = administrator
        return try write { db, id in try body(PostgresDialect(db: db, patientID: id, publishes: publishes, direct: direct)) }
    }
}
