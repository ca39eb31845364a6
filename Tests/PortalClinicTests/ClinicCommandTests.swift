import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// `portal clinic ...` and the therapist's `program import --patient`, run as the built executable against a
/// private cluster, each command logging in as the role it would run as on a clinic server.
final class ClinicCommandTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    var portal: String { PortalExecutable.path }

    func run(_ args: [String]) throws -> (Int32, String) { try PortalExecutable.run(args, in: self) }

    func testAnAdministratorAddsATherapistAndAPatientWhoseTherapistPublishesHerWeek() throws {
        let c = try Self.cluster.get()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: portal), portal)
        let admin = ["--db", c.conninfo("postgres")]
        var (status, text) = try run(["clinic", "init"] + admin)
        XCTAssertEqual(status, 0, text)
        (status, text) = try run(["clinic", "add-therapist", "th_1"] + admin)
        XCTAssertEqual(status, 0, text)
        (status, text) = try run(["clinic", "add-patient", "pt_1", "--name", "Ana Example", "--therapist", "th_1", "--due", "2027-03-01",
                                  "--condition", "low-back", "--first-visit", "2026-11-30T09:00", "--clinic", "1 Main St"] + admin)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Added patient pt_1"), text)

        // Mistakes leave no half-added patient.
        (status, text) = try run(["clinic", "add-patient", "pt_2", "--name", "B", "--therapist", "th_9", "--due", "2027-03-01"] + admin)
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(text.contains("no therapist “th_9”"), text)
        (status, text) = try run(["clinic", "add-patient", "pt_2", "--name", "B", "--therapist", "th_1", "--due", "2027-02-30"] + admin)
        XCTAssertNotEqual(status, 0, text)
        (status, text) = try run(["clinic", "add-patient", "pt_2", "--name", "B", "--therapist", "th_1", "--due", "2027-03-01", "--condition", "flu"] + admin)
        XCTAssertTrue(text.contains("“flu” is not a condition"), text)
        XCTAssertThrowsError(try PostgresStore.open(c.conninfo("pt_2")), "pt_2 was never added")

        let ana = try PostgresStore.open(c.conninfo("pt_1"))
        XCTAssertEqual(try ana.patient()?.name, "Ana Example")
        XCTAssertEqual(try ana.carePlan()?.visits.first?.start, at("2026-11-30T09:00"))
        let weeks = try ana.program().weeks
        XCTAssertFalse(weeks.isEmpty, "the program of her set-up, published")
        (status, text) = try run(["today", "--db", c.conninfo("pt_1")])
        XCTAssertEqual(status, 0, text)
        (status, text) = try run(["today", "--db", c.conninfo("postgres")])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(text.contains("does not run as a database administrator"), text)

        try ana.addPainEntry(PainEntry(date: day("2026-11-26"), time: time("08:00"), score: 6, warningSigns: ["bleeding"]), now: at("2026-11-27T12:00"))
        let therapist = ["--db", c.conninfo("th_1")]
        (status, text) = try run(["program", "template", "--patient", "pt_1"] + therapist)
        XCTAssertEqual(status, 0, text)
        let next = try ProgramWeekFile.parse(Data(text.utf8), library: sharedContent.exercises)
        XCTAssertEqual(next.number, try XCTUnwrap(weeks.last).number + 1, "her next week")
        let file = try makeTempFolder(self).appendingPathComponent("week.json")
        try Data(text.utf8).write(to: file)
        (status, text) = try run(["program", "import", file.path, "--patient", "pt_1"] + therapist)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("It is a draft"), text)
        XCTAssertEqual(try ana.program().weeks.count, weeks.count, "not shown before it is published")
        (status, text) = try run(["clinic", "publish", "--patient", "pt_1", "--week", "\(next.number)"] + therapist)
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(try ana.program().weeks.last, next)

        // Every command takes --patient for a therapist, and the database still decides what she may do.
        (status, text) = try run(["today", "--patient", "pt_1"] + therapist)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Ana Example") || text.contains("6/10"), text)
        (status, text) = try run(["log", "3", "--patient", "pt_1"] + therapist)
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(text.contains("not allowed"), text)
        XCTAssertEqual(try ana.painEntries().count, 1, "her diary is hers")

        (status, text) = try run(["clinic", "patients"] + therapist)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("! pt_1 (Ana Example): 26 weeks pregnant · pain 6/10 yesterday · 7-day 6.0"), text)
        XCTAssertTrue(text.contains("next visit Mon 30 Nov 09:00"), text)
        XCTAssertTrue(text.contains("\n    warning sign not reviewed: bleeding (yesterday)\n"), text)
        (status, text) = try run(["clinic", "patients", "--db", c.conninfo("pt_1")])
        XCTAssertEqual(text, "No patients in your caseload yet.\n", "a patient has no caseload")
    }
}
