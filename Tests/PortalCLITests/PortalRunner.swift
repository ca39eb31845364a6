import ClinicTestSupport
import Foundation
import PortalClinic
import PortalCore
import XCTest

/// Runs the built `portal` binary with a private database, home folder and pinned date. The database is a
/// new SQLite file, or (`clinic:`) a new patient's record in a clinic database on a private cluster, the
/// commands logging in as her, and the therapist's commands as her therapist.
struct PortalRunner {
    /// A patient's login on a clinic database, and her therapist's.
    struct ClinicSeat {
        let cluster: PrivateCluster
        let patient: String
        let therapist: String
    }
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL
    /// The day every case runs on, unless it says otherwise; a clinic's cluster is pinned to it too
    /// (`PrivateCluster.pinClinicDay`), so the server's day agrees with the portal's.
    static let pinnedDay = "2026-11-27"
    var today = PortalRunner.pinnedDay
    let clinic: ClinicSeat?

    var db: URL { folder.appendingPathComponent("portal.sqlite") }

    static var binary: URL {
        // The test bundle sits in the same products folder as the executable it depends on.
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir.appendingPathComponent("portal")
    }

    /// `clinic`: a cluster and a therapist already added to it; the runner adds a new patient of hers, with
    /// no record yet (as a new file has none).
    init(_ test: XCTestCase, clinic: (cluster: PrivateCluster, therapist: String)? = nil) throws {
        self.clinic = try clinic.map { c in
            ClinicSeat(cluster: c.cluster, patient: try c.cluster.newPatient(therapist: c.therapist), therapist: c.therapist)
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = folder
        test.addTeardownBlock { try? FileManager.default.removeItem(at: f) }
    }

    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:]) throws -> Result {
        var env = ["HOME": folder.path, "PORTAL_DB": database, "PORTAL_TODAY": today, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        env.merge(extra) { $1 }
        // A case run on another day: in a clinic the server's day is that day too for the command, as it is the
        // pinned day for every other (the server holds rules by its own clock: a visit recorded once its time has
        // come, a session on a started week).
        // (A day the server cannot take, as a case of a bad PORTAL_TODAY, leaves the server's day as it was.)
        // A time of day pinned with it (YYYY-MM-DDTHH:MM) is the server's too: its clock then runs from that moment.
        if let clinic, let pinned = extra["PORTAL_TODAY"], pinned.count > 10 || String(pinned.prefix(10)) != String(today.prefix(10)),
           (try? pinned.count > 10 ? clinic.cluster.pinClinicMoment(pinned) : clinic.cluster.pinClinicDay(pinned)) != nil {
            defer { try? clinic.cluster.pinClinicDay(PortalRunner.pinnedDay) }
            let r = try runProgram(Self.binary.path, args, environment: env)
            return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
        }
        let r = try runProgram(Self.binary.path, args, environment: env)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// PORTAL_DB: the file, or the patient's own login to the clinic database.
    var database: String { clinic.map { $0.cluster.conninfo($0.patient) } ?? db.path }

    /// A command her therapist runs: in a clinic as the therapist's own login for this patient
    /// (`--patient`); on a local file the patient runs it herself.
    @discardableResult
    func runAsTherapist(_ args: [String], env: [String: String] = [:]) throws -> Result {
        guard let clinic else { return try run(args, env: env) }
        return try run(args + ["--patient", clinic.patient], env: env.merging(["PORTAL_DB": clinic.cluster.conninfo(clinic.therapist)]) { $1 })
    }

    /// A command only her care team may run in a clinic (recording a visit completed or missed, importing a
    /// program week): there her therapist runs it (`runAsTherapist`); on a local file she runs it herself.
    @discardableResult
    func runAsCareTeam(_ args: [String], env: [String: String] = [:]) throws -> Result {
        try runAsTherapist(args, env: env)
    }

    /// A program week imported by her care team and, in a clinic, published (a draft until then), so she sees
    /// it: the import's result.
    @discardableResult
    func importWeek(_ path: String, week: Int, env: [String: String] = [:]) throws -> Result {
        let r = try runAsCareTeam(["program", "import", path], env: env)
        if r.status == 0 { try publish(week: week) }
        return r
    }

    /// Sets her record up: on a local file she does (`portal setup`); in a clinic her care team does, never she
    /// (the administrator's `portal clinic add-patient` for her login, her therapist's, with the same details).
    @discardableResult
    func setUp(_ args: [String]) throws -> Result {
        guard let clinic else { return try run(["setup"] + args) }
        return try run(["clinic", "add-patient", clinic.patient, "--therapist", clinic.therapist] + args,
                       env: ["PORTAL_DB": clinic.cluster.conninfo("postgres")])
    }

    /// The demo patient (`demoWithVisit3Ahead` for the plan with nothing left to record). On a local file
    /// `portal demo`, which must work; in a clinic her care team sets her record up, never she (`portal demo`
    /// is refused to her), so the administrator loads it here (`ClinicAdmin.record(of:)`, as `clinic
    /// add-patient` writes a record). `force`: whatever the record held is replaced (`portal demo --force`).
    func demo(force: Bool = false, lateVisit: Bool = true) throws {
        let clock = PortalClock(at: Date(), pinned: CalendarDate(today))
        let demo = DemoPatient(content: try ContentLibrary.bundled(), today: clock.today, time: clock.time, lateVisit: lateVisit)
        guard let clinic else {
            guard lateVisit else { return try demo.load(into: try SQLiteStore.open(url: db, mode: .createIfMissing)) }
            try must(force ? ["demo", "--force"] : ["demo"])
            return
        }
        let record = try clinic.cluster.admin().record(of: clinic.patient)
        if force { try record.eraseAll() }
        try demo.load(into: record)
    }

    /// A step of a case that did not work: the case fails with the portal's own words, and goes no further.
    struct StepFailed: Error, CustomStringConvertible {
        let description: String
        init(_ step: String, _ r: Result) {
            description = "\(step) exited \(r.status): \(r.stderr)\(r.stdout.isEmpty ? "" : "\nstdout: \(r.stdout)")"
        }
    }

    /// Runs a step that must work (as the patient), or ends the case with `StepFailed`.
    @discardableResult
    func must(_ args: [String], env: [String: String] = [:]) throws -> Result {
        let r = try run(args, env: env)
        guard r.status == 0 else { throw StepFailed("portal \(args.joined(separator: " "))", r) }
        return r
    }

    /// `runAsCareTeam` for a step that must work, or the case ends with `StepFailed`.
    @discardableResult
    func mustAsCareTeam(_ args: [String], env: [String: String] = [:]) throws -> Result {
        let r = try runAsCareTeam(args, env: env)
        guard r.status == 0 else { throw StepFailed("portal \(args.joined(separator: " ")) (care team)", r) }
        return r
    }

    /// `setUp` for a set-up that must work.
    func mustSetUp(_ args: [String]) throws {
        let r = try setUp(args)
        guard r.status == 0 else { throw StepFailed("set-up \(args.joined(separator: " "))", r) }
    }

    /// In a clinic a week her therapist adds is a draft until it is published; a local file has no drafts.
    func publish(week: Int) throws {
        guard clinic != nil else { return }
        let r = try runAsTherapist(["clinic", "publish", "--week", "\(week)"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// The record, opened as the patient.
    func store() throws -> any RecordStore {
        if let clinic { return try PostgresStore.open(clinic.cluster.conninfo(clinic.patient)) }
        return try SQLiteStore.open(url: db, mode: .existingOnly)
    }

    /// Every pain entry as CSV: a fingerprint of the data that must not change when input is refused.
    func painCSV() throws -> String { try run(["export", "--format", "csv"]).stdout }
}
