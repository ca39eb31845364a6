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

/// QA H11, the order of what is said: her therapist's own login (no `--patient`) has no record of its own, and
/// a command that is the patient's own, run by it with `--patient` or without, is refused first, plainly, with
/// the form that names a patient: no safety text meant for the patient, no check of the line meant for her (a
/// bad score, a day, an exercise), non-zero exit, nothing else said and nothing changed. A command that reads a
/// record says the same without `--patient`. Each as the real login, by the built executable.
extension WrongRoleTests {
    func testHerTherapistsOwnLoginIsToldAtOnceItHasNoRecordAndHowToNameOne() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let own = ["--db", w.cluster.conninfo(w.t1)]
        let noRecord = "Error: \(w.t1) is a therapist's login, which has no record of its own"
        let before = try w.a.record(.whole)
        let hers = [
            "signs": "Only the patient reports her warning signs, from her own login; nothing was saved. What a patient reported is on her chart: portal signs --list --patient LOGIN",
            "log": "Only the patient logs her pain, from her own login; nothing was saved. A patient's log is on her chart: portal today --patient LOGIN",
            "exercises": "Only the patient marks her exercises done, from her own login; nothing was saved. A patient's week is on her chart: portal exercises --patient LOGIN",
        ]
        let cases: [(args: [String], refusal: String)] = [
            (["signs", "vaginal-bleeding"], hers["signs"]!),
            (["signs", "chest-pain", "--note", "x", "--date", "2026-13-45"], hers["signs"]!),
            (["signs"], hers["signs"]!),
            (["log", "5", "--sign", "vaginal-bleeding"], hers["log"]!),
            (["log", "15"], hers["log"]!),
            (["exercises", "done", "clamshell", "--pain", "11"], hers["exercises"]!),
            (["exercises", "done", "no-such-exercise"], hers["exercises"]!),
            // Commands that read a record: the form that names one.
            (["today"], "add --patient LOGIN to name the patient (LOGIN: her user name, as `portal clinic patients` lists it)"),
            (["signs", "--list"], "add --patient LOGIN to name the patient"),
            (["exercises"], "add --patient LOGIN to name the patient"),
        ]
        for (args, refusal) in cases {
            let (status, text) = try run(args + own)
            XCTAssertEqual(status, 1, "\(args): \(text)")
            XCTAssertTrue(text.hasPrefix(noRecord), "\(args), said first: \(text)")
            XCTAssertTrue(text.contains(refusal), "\(args): \(text)")
            XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count, 1, "\(args), nothing else: \(text)")
            for patientsWords in ["911", "Stop exercising", "call your provider", "emergency", "Name at least one", "is not in your program",
                                  "is not a pain score", "not a date", "0 (no pain) to 10"] {
                XCTAssertFalse(text.contains(patientsWords), "\(args): \(text)")
            }
        }
        // With --patient, the refusal that names her, first too, whoever she is (one not in the caseload as well).
        for (args, refusal) in [(["signs", "vaginal-bleeding", "--patient", w.a.patientRole], "Only the patient reports her warning signs"),
                                (["signs", "vaginal-bleeding", "--patient", "nobody_here"], "Only the patient reports her warning signs"),
                                (["log", "15", "--patient", w.a.patientRole], "Only the patient logs her pain"),
                                (["exercises", "done", "clamshell", "--pain", "11", "--patient", w.a.patientRole], "Only the patient marks her exercises done")] {
            let (status, text) = try run(args + own)
            XCTAssertEqual(status, 1, "\(args): \(text)")
            XCTAssertTrue(text.hasPrefix("Error: " + refusal), "\(args), said first: \(text)")
            for patientsWords in ["911", "Stop exercising", "call your provider", "emergency", "0 (no pain) to 10"] {
                XCTAssertFalse(text.contains(patientsWords), "\(args): \(text)")
            }
        }
        XCTAssertEqual(try w.a.record(.whole), before, "nothing changed")

        // Her patient's own login still gets the safety text first, then her report saved.
        let (status, text) = try run(["signs", "vaginal-bleeding", "--db", w.cluster.conninfo(w.a.patientRole)])
        XCTAssertEqual(status, 0, text)
        XCTAssertFalse(text.contains("therapist's login"), text)
        XCTAssertTrue(text.contains("Saved: warning signs"), text)
        XCTAssertLessThan(try XCTUnwrap(text.range(of: "911")?.lowerBound ?? text.range(of: "call")?.lowerBound),
                          try XCTUnwrap(text.range(of: "Saved:")?.lowerBound), "safety first: \(text)")
    }
}
