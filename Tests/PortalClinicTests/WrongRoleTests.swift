import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// QA H11: a command run by the login whose it is not says so up front, naming who does it, before any safety
/// text meant for the patient, and never suggests what the database would refuse. Each as the real login, by the
/// built executable, on a private cluster.
final class WrongRoleTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func run(_ args: [String]) throws -> (Int32, String) { try PortalExecutable.run(args, in: self) }

    func testHerTherapistIsToldWhatIsHersBeforeAnySafetyText() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let asTherapist = ["--patient", w.a.patientRole, "--db", w.cluster.conninfo(w.t1)]
        let before = try w.a.record(.whole)
        for (args, refusal) in [(["signs", "vaginal-bleeding"], "Only the patient reports her warning signs"),
                                (["signs"], "Only the patient reports her warning signs"),
                                (["log", "5", "--sign", "vaginal-bleeding"], "Only the patient logs her pain"),
                                (["exercises", "done", "clamshell"], "Only the patient marks her exercises done")] {
            let (status, text) = try run(args + asTherapist)
            XCTAssertEqual(status, 1, text)
            XCTAssertTrue(text.hasPrefix("Error: " + refusal), "said first: \(text)")
            XCTAssertTrue(text.contains("--patient \(w.a.patientRole)"), "what she may do instead: \(text)")
            for patientsWords in ["Stop exercising", "call your provider", "Name at least one", "is not in your program"] {
                XCTAssertFalse(text.contains(patientsWords), "\(args): \(text)")
            }
        }
        XCTAssertEqual(try w.a.record(.whole), before, "nothing changed")
        // What the refusal offers her works: her patient's signs, listed.
        let (listed, list) = try run(["signs", "--list"] + asTherapist)
        XCTAssertEqual(listed, 0, list)
        XCTAssertFalse(list.contains("Only the patient"), list)

        // Questions: with none, she is not told to add one (only the patient asks).
        let none = try w.cluster.newPatient(therapist: w.t1)
        try w.cluster.admin().record(of: none).setUp(patient: pregnantPatient(), plan: try Onboarding(content: sharedContent)
            .carePlan(firstVisit: at("2026-11-02T09:00"), location: "", therapist: "T"), weeks: StoreContract.weeks, readingList: [])
        let (status, text) = try run(["questions", "--patient", none, "--db", w.cluster.conninfo(w.t1)])
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("She has asked no questions for the visit yet."), text)
        XCTAssertFalse(text.contains("Add one"), text)
    }

    func testAPatientIsToldACaseloadAndAnotherRecordAreNotHers() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let hers = ["--db", w.cluster.conninfo(w.a.patientRole)]
        var (status, text) = try run(["clinic", "patients"] + hers)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("A caseload is a therapist's: your login is a patient's"), text)
        (status, text) = try run(["today", "--patient", w.b.patientRole] + hers)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("Only a therapist names a patient with --patient: your login opens your own record, so leave out --patient."), text)
        XCTAssertFalse(text.contains("caseload"), text)
        (status, text) = try run(["clinic", "init"] + hers)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("runuser -u postgres -- portal clinic init"), text)
        XCTAssertFalse(text.contains("sudo"), text)
    }
}
