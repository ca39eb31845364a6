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
        // The portal's day is pinned (PORTAL_TODAY); the server's is pinned to it while her therapist publishes.
        try c.pinClinicDay("2026-11-27")
        defer { try? c.unpinClinicDay() }
        XCTAssertTrue(text.contains("the clinic's time zone is \(try c.admin().timeZone())"), text)
        (status, text) = try run(["clinic", "init", "--time-zone", "Mars/Olympus"] + admin)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("“Mars/Olympus” is not a time zone the server knows"), text)
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
        // A name or a clinic may start with a dash (TextOption); a word that is an option is refused, naming it.
        (status, text) = try run(["clinic", "add-patient", "pt_2", "--name", "--therapist", "th_1", "--due", "2027-03-01"] + admin)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("The value '--therapist' is invalid for '--name <name>'"), text)
        XCTAssertThrowsError(try PostgresStore.open(c.conninfo("pt_2")), "pt_2 was never added")
        (status, text) = try run(["clinic", "add-patient", "pt_3", "--name", "-Bea", "--therapist", "th_1", "--due", "2027-03-01",
                                  "--clinic", "-Rehab, 2 Main St"] + admin)
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(try PostgresStore.open(c.conninfo("pt_3")).patient().map { [$0.name, $0.clinic] }, ["-Bea", "-Rehab, 2 Main St"])

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
        // A name not in her caseload gets the refusal every --patient command gives, not a template (QA C1).
        (status, text) = try run(["program", "template", "--patient", "nobody_here"] + therapist)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("There is no patient “nobody_here” in your caseload."), text)
        XCTAssertFalse(text.contains("\"week\""), text)
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
        // Said up front, in words naming whose it is (QA H11), before the database would refuse it.
        XCTAssertTrue(text.contains("Only the patient logs her pain"), text)
        XCTAssertEqual(try ana.painEntries().count, 1, "her diary is hers")

        (status, text) = try run(["clinic", "patients"] + therapist)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("! pt_1 (Ana Example): 26 weeks pregnant · pain 6/10 yesterday · 7-day 6.0"), text)
        XCTAssertTrue(text.contains("next visit Mon 30 Nov 09:00"), text)
        XCTAssertTrue(text.contains("\n    warning sign not reviewed: bleeding (yesterday)\n"), text)
        (status, text) = try run(["clinic", "patients", "--db", c.conninfo("pt_1")])
        // A patient has no caseload: said so, not an empty one (QA H11).
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("A caseload is a therapist's: your login is a patient's"), text)
    }

    func testAddingAPatientAgainChangesNothingAndSaysWhatExists() throws {
        let c = try Self.cluster.get()
        let admin = ["--db", c.conninfo("postgres")]
        let (t1, t2) = (try c.newTherapist(), try c.newTherapist())
        let ana = "pt_\(PrivateCluster.patientSlots - 1)", bea = "pt_\(PrivateCluster.patientSlots - 2)"
        var (status, text) = try run(["clinic", "add-patient", ana, "--name", "Ana Example", "--therapist", t1, "--due", "2027-03-01"] + admin)
        XCTAssertEqual(status, 0, text)
        let anasRecord = try ClinicWorld.everythingOf(role: ana, in: c)

        // Another therapist, or the same one: her login, her caseload and her record stay as they are.
        for therapist in [t2, t1] {
            (status, text) = try run(["clinic", "add-patient", ana, "--name", "Someone Else", "--therapist", therapist, "--due", "2027-04-01"] + admin)
            XCTAssertEqual(status, 1, text)
            XCTAssertTrue(text.contains("\(ana) already has a clinic login, in \(t1)'s caseload, and a record (Ana Example). Nothing was changed."), text)
            XCTAssertFalse(text.contains("Added"), text)
            XCTAssertEqual(try ClinicWorld.everythingOf(role: ana, in: c), anasRecord)
            XCTAssertEqual(try c.admin().existingPatient(ana)?.therapist, t1, "still in \(t1)'s caseload")
        }
        // Importing her file with another therapist moves no one either.
        XCTAssertThrowsError(try c.admin().addPatient(ana, therapist: t2)) {
            XCTAssertTrue("\($0)".contains("in \(t1)'s caseload"), "\($0)")
        }
        XCTAssertEqual(try c.admin().existingPatient(ana)?.therapist, t1)

        // A login whose record is still empty gets its record when the therapist asked for is hers.
        try c.admin().addPatient(bea, therapist: t2)
        (status, text) = try run(["clinic", "add-patient", bea, "--name", "Bea", "--therapist", t1, "--due", "2027-03-01"] + admin)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("\(bea) already has a clinic login, in \(t2)'s caseload, and an empty record. Nothing was changed."), text)
        (status, text) = try run(["clinic", "add-patient", bea, "--name", "Bea", "--therapist", t2, "--due", "2027-03-01"] + admin)
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(try PostgresStore.open(c.conninfo(bea)).patient()?.name, "Bea")
    }

    func testAFirstVisitAlreadyPastIsRecordedAsCompletedAsSetupDoes() throws {
        let c = try Self.cluster.get()
        let admin = ["--db", c.conninfo("postgres")]
        let t = try c.newTherapist()
        let role = "pt_\(PrivateCluster.patientSlots - 3)"
        // Today is 2026-11-27: her evaluation was a week ago.
        var (status, text) = try run(["clinic", "add-patient", role, "--name", "Cy Example", "--therapist", t, "--due", "2027-03-01",
                                      "--first-visit", "2026-11-20T09:30"] + admin)
        XCTAssertEqual(status, 0, text)
        let first = try XCTUnwrap(try PostgresStore.open(c.conninfo(role)).carePlan()?.visits.first)
        XCTAssertEqual(first.status, .completed, "as `portal setup` records it")
        XCTAssertEqual(first.start, at("2026-11-20T09:30"))
        // A year off is a mistyped year, refused by set-up's rule, before anything is made.
        let other = "pt_\(PrivateCluster.patientSlots - 4)"
        (status, text) = try run(["clinic", "add-patient", other, "--name", "Di", "--therapist", t, "--due", "2027-03-01",
                                  "--first-visit", "2025-11-20T09:30"] + admin)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("The first visit is more than a year ago. Please check the year."), text)
        XCTAssertNil(try c.admin().existingPatient(other), "nothing was made")
    }

    /// Clinic change 26: `add-therapist --name` gives the name her patients see (About me; the visits her set-up
    /// books); a name that is not one line of plain text is refused, naming what is accepted, and changes nothing;
    /// running it again with another name changes it.
    func testATherapistGoesByTheNameTheAdministratorGivesHer() throws {
        let c = try Self.cluster.get()
        let admin = ["--db", c.conninfo("postgres")]
        let t = "th_\(PrivateCluster.therapistSlots - 1)", role = "pt_\(PrivateCluster.patientSlots - 5)"
        var (status, text) = try run(["clinic", "add-therapist", t, "--name", "Maria\u{1B}]0;x\u{07}Silva"] + admin)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("a name of 1 to \(Patient.therapistLimit) characters of plain text on one line"), text)
        XCTAssertNil(try c.admin().therapistName(t), "nothing was added")
        (status, text) = try run(["clinic", "add-therapist", t, "--name", "Maria Silva"] + admin)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Added therapist \(t); her patients see her as Maria Silva."), text)
        (status, text) = try run(["clinic", "add-patient", role, "--name", "Eva Example", "--therapist", t, "--due", "2027-03-01",
                                  "--first-visit", "2026-11-30T09:00"] + admin)
        XCTAssertEqual(status, 0, text)
        let her = try PostgresStore.open(c.conninfo(role))
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        XCTAssertEqual(try her.patient()?.therapist, "Maria Silva", "her details, as her set-up wrote them")
        XCTAssertEqual(try her.snapshot(clock: clock).therapistName, "Maria Silva", "About me")
        XCTAssertEqual(try her.carePlan()?.visits.first?.therapist, "Maria Silva", "her visits name her therapist, not the login")
        (status, text) = try run(["clinic", "add-therapist", t, "--name", ""] + admin)
        XCTAssertEqual(status, 1, text)
        XCTAssertTrue(text.contains("The therapist's name is empty"), text)
        (status, text) = try run(["clinic", "add-therapist", t, "--name", "Maria Souza"] + admin)
        XCTAssertEqual(status, 0, text)
        XCTAssertTrue(text.contains("Therapist \(t) was added already; her patients see her as Maria Souza."), text)
        XCTAssertEqual(try her.snapshot(clock: clock).therapistName, "Maria Souza", "About me shows the new name")
    }
}
