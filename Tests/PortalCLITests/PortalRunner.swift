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
    var today = "2026-11-27"
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
