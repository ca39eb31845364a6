import ClinicTestSupport
import Foundation
import GRDB
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// `portal clinic report` (a therapist reads one patient's sharing report, the database deciding whose) and
/// `portal clinic import-local` (a patient's own portal file moved into the clinic once), run as the built
/// executable against a private cluster.
final class ClinicReportAndImportTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    func run(_ args: [String]) throws -> (Int32, String) { try PortalExecutable.run(args, in: self) }

    func testATherapistReadsTheReportOfHerOwnPatientOnly() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let c = w.cluster
        let own = try run(["report", "--db", c.conninfo(w.a.patientRole)])
        XCTAssertEqual(own.0, 0, own.1)
        XCTAssertTrue(own.1.contains("PHYSICAL THERAPY SUMMARY"), own.1)

        let therapist = ["--db", c.conninfo(w.t1)]
        let report = try run(["clinic", "report", "--patient", w.a.patientRole] + therapist)
        XCTAssertEqual(report.0, 0, report.1)
        // The same report the patient makes herself, its header naming her therapist instead (issue 23).
        let words = { (t: String) in t.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        XCTAssertEqual(words(report.1), words(own.1).replacingOccurrences(of: "by the patient from her clinic's record",
                                                                         with: "by her therapist (\(w.t1)) from the clinic's record"))
        XCTAssertTrue(report.1.contains("(\(w.t1))"), report.1)
        // Named by the clinic (change 26), the header says her name, not her login.
        try c.admin().addTherapist(w.t1, name: "Maria Silva")
        let named = try run(["clinic", "report", "--patient", w.a.patientRole] + therapist)
        XCTAssertEqual(named.0, 0, named.1)
        XCTAssertTrue(words(named.1).contains("by her therapist (Maria Silva) from the clinic's record"), named.1)
        XCTAssertFalse(named.1.contains("(\(w.t1))"), named.1)

        let folder = try makeTempFolder(self)
        let file = folder.appendingPathComponent("a.html").path
        let toFile = try run(["clinic", "report", "--patient", w.a.patientRole, "--format", "html", "--output", file] + therapist)
        XCTAssertEqual(toFile.0, 0, toFile.1)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("<html"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, 0o600)
        let again = try run(["clinic", "report", "--patient", w.a.patientRole, "--output", file] + therapist)
        XCTAssertNotEqual(again.0, 0, "an existing file is replaced only with --force")
        XCTAssertTrue(again.1.contains("already exists"), again.1)

        // B is t2's patient: t1 gets a refusal, and so does A asking for B.
        let notHers = try run(["clinic", "report", "--patient", w.b.patientRole] + therapist)
        XCTAssertNotEqual(notHers.0, 0)
        XCTAssertEqual(notHers.1, "Error: There is no patient “\(w.b.patientRole)” in your caseload.\n")
        let neighbour = try run(["clinic", "report", "--patient", w.b.patientRole, "--db", c.conninfo(w.a.patientRole)])
        XCTAssertNotEqual(neighbour.0, 0)
        XCTAssertFalse(neighbour.1.contains("SUMMARY"), neighbour.1)
        let empty = try c.newPatient(therapist: w.t1)
        let none = try run(["clinic", "report", "--patient", empty] + therapist)
        XCTAssertEqual(none.0, 1)
        XCTAssertTrue(none.1.contains("\(empty) has no record in the clinic database yet"), none.1)
        let unnamed = try run(["clinic", "report"] + therapist)
        XCTAssertNotEqual(unnamed.0, 0)
        XCTAssertTrue(unnamed.1.contains("--patient USER"), unnamed.1)
    }

    /// A demo portal file with a warning-sign report and a check-in besides the demo's own history.
    func localPortal() throws -> URL {
        let file = try makeTempFolder(self).appendingPathComponent("portal.sqlite")
        let demo = try run(["demo", "--db", file.path])
        XCTAssertEqual(demo.0, 0, demo.1)
        XCTAssertEqual(try run(["signs", "severe-headache", "--time", "09:15", "--db", file.path]).0, 0)
        let store = try SQLiteStore.open(url: file, mode: .existingOnly)
        try store.saveQuizResult(QuizResult(date: day("2026-11-25"), answers: ["urgency": true]))
        try store.markArticleRead(try XCTUnwrap(store.readingList().first), on: day("2026-11-26"))
        return file
    }

    /// A snapshot as the screens use it: the stores' own row ids left out.
    func screens(_ s: PortalSnapshot) -> String {
        var s = s
        for i in s.painEntries.indices { s.painEntries[i].id = nil }
        for i in s.firstWeekPain.indices { s.firstWeekPain[i].id = nil }
        for i in s.sessions.indices { s.sessions[i].id = nil }
        for i in s.quizResults.indices { s.quizResults[i].id = nil }
        for i in s.signReports.indices { s.signReports[i].id = nil }
        // (What each week was planned for is a dictionary: in order, so two equal programs print alike.)
        let program = "\(s.program.weeks) \(s.program.drafts.sorted()) \(s.program.plannedFor.sorted { $0.key < $1.key })"
        return "\(s.patient as Any)\n\(s.plan as Any)\n\(program)\n\(s.sessions)\n\(s.painEntries)\n\(s.readingList)\n"
            + "\(s.articlesRead.sorted { $0.key < $1.key })\n\(s.quizResults)\n\(s.signReports)\n\(s.firstWeekPain)"
    }

    /// The file's bytes, and which files sit beside it: what "left untouched" means.
    func fingerprint(_ file: URL) throws -> (Data, [String]) {
        (try Data(contentsOf: file), try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path).sorted())
    }

    func testALocalPortalMovesInOnceAndTheClinicShowsWhatTheFileShowed() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        try c.admin().addTherapist(therapist, name: "Ines Prado")
        let file = try localPortal()
        let before = try fingerprint(file)
        let admin = ["--db", c.conninfo("postgres")]
        let role = "pt_390"  // a login the import itself adds

        let missing = try run(["clinic", "import-local", file.path, "--patient", role] + admin)
        XCTAssertNotEqual(missing.0, 0)
        XCTAssertTrue(missing.1.contains("“\(role)” is not in the clinic database yet. Give her therapist with --therapist USER"), missing.1)

        let moved = try run(["clinic", "import-local", file.path, "--patient", role, "--therapist", therapist] + admin)
        XCTAssertEqual(moved.0, 0, moved.1)
        XCTAssertTrue(moved.1.contains("6 visits, 4 program weeks"), moved.1)
        XCTAssertTrue(moved.1.contains("1 warning-sign report, 1 check-in"), moved.1)
        XCTAssertEqual(try fingerprint(file).0, before.0, "the file is only read")
        XCTAssertEqual(try fingerprint(file).1, before.1, "nothing is left beside it")

        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"), isPinned: true)
        let clinic = try PostgresStore.open(c.conninfo(role))
        let local = try SQLiteStore.open(url: file, mode: .existingOnly)
        XCTAssertFalse(try local.painEntries().isEmpty)
        // The clinic holds what is hers to say (qa-h H12): the visits she recorded as taken place arrive booked,
        // for her therapist to record how they went; everything else is the file's.
        var herWord = try local.snapshot(clock: clock)
        herWord.plan = try LocalRecord.herOwnWord(try LocalRecord.read(file: file.path)).record.plan
        // Her therapist there is the clinic's (QA H10), whatever her file named (review point 9: the name the
        // administrator gave, not one read back from the store under test).
        XCTAssertNotEqual(herWord.patient?.therapist, "Ines Prado", "her file names another")
        herWord.patient?.therapist = "Ines Prado"
        XCTAssertEqual(try local.carePlan()?.visits.filter { $0.status == .completed }.count, 2, "the demo has two visits she recorded")
        XCTAssertEqual(try clinic.carePlan()?.visits.filter { $0.status == .completed }.count, 0, "her word of how a visit went is not her therapist's")
        XCTAssertEqual(screens(try clinic.snapshot(clock: clock)), screens(herWord))
        XCTAssertEqual(try clinic.painEntries().map(\.sites), try local.painEntries().map(\.sites))
        for args in [["today"], ["exercises"], ["export", "--format", "csv"]] {
            let there = try run(args + ["--db", c.conninfo(role)]), here = try run(args + ["--db", file.path])
            XCTAssertEqual(there.0, 0, there.1)
            // The one difference: on her clinic login her therapist records how a past visit went (issue 21).
            // And her report's header says it was made from her clinic's record (issue 23).
            let hers = args == ["visits"] ? here.1.replacingOccurrences(of: "portal visits complete 3, or portal visits missed 3",
                                                                        with: "Your therapist records how it went.")
                : args == ["report"] ? here.1.replacingOccurrences(of: "with the patient's own portal", with: "by the patient from her clinic's record")
                : here.1
            // (The report's header lines wrap at other words: compared word by word.)
            let words = { (t: String) in args == ["report"] ? t.split(whereSeparator: \.isWhitespace).joined(separator: " ") : t }
            XCTAssertEqual(words(there.1), words(hers), "\(args) shows the same on both")
        }
        XCTAssertEqual(try run(["clinic", "patients", "--db", c.conninfo(therapist)]).1.contains("\(role) (Jordan Lee)"), true,
                       "she is in her therapist's caseload")

        // Once only: the same file again is refused, and the clinic record is as it was.
        let record = try c.admin().record(of: role).snapshot(clock: clock)
        let twice = try run(["clinic", "import-local", file.path, "--patient", role] + admin)
        XCTAssertNotEqual(twice.0, 0)
        XCTAssertTrue(twice.1.contains("\(role) already has data in the clinic database, so nothing was imported"), twice.1)
        XCTAssertTrue(twice.1.contains("--replace"), "says how to proceed: \(twice.1)")
        XCTAssertEqual(screens(try c.admin().record(of: role).snapshot(clock: clock)), screens(record))
    }

    func testAPatientAddedByAddPatientIsReplacedOnlyWhenAskedAndAllAtOnce() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let file = try localPortal()
        let admin = ["--db", c.conninfo("postgres")]
        let role = "pt_391"
        try c.admin().addTherapist(therapist, name: "Rosa Duarte")
        let added = try run(["clinic", "add-patient", role, "--name", "Sam Example", "--therapist", therapist, "--due", "2027-03-01"] + admin)
        XCTAssertEqual(added.0, 0, added.1)
        let refused = try run(["clinic", "import-local", file.path, "--patient", role] + admin)
        XCTAssertNotEqual(refused.0, 0)
        XCTAssertEqual(try PostgresStore.open(c.conninfo(role)).patient()?.name, "Sam Example", "nothing changed")

        let replaced = try run(["clinic", "import-local", file.path, "--patient", role, "--replace"] + admin)
        XCTAssertEqual(replaced.0, 0, replaced.1)
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"), isPinned: true)
        var hers = try SQLiteStore.open(url: file, mode: .existingOnly).snapshot(clock: clock)
        hers.plan = try LocalRecord.herOwnWord(try LocalRecord.read(file: file.path)).record.plan
        // Her therapist there is the clinic's (QA H10), whatever her file named: the name the administrator gave
        // (review point 9).
        XCTAssertNotEqual(hers.patient?.therapist, "Rosa Duarte", "her file names another")
        hers.patient?.therapist = "Rosa Duarte"
        XCTAssertEqual(screens(try PostgresStore.open(c.conninfo(role)).snapshot(clock: clock)), screens(hers))
    }

    func testAFileThatIsNotAPortalOrIsDamagedIsRefusedAndBothAreLeftAsTheyWere() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let folder = try makeTempFolder(self)
        let admin = ["--db", c.conninfo("postgres")]
        let role = "pt_392"

        let notes = folder.appendingPathComponent("notes.txt")
        try Data("not a database".utf8).write(to: notes)
        let damaged = try localPortal()
        var bytes = try Data(contentsOf: damaged)
        XCTAssertGreaterThan(bytes.count, 6 * 4096)
        bytes.replaceSubrange(4096..<(5 * 4096), with: Data(repeating: 0x5A, count: 4 * 4096))
        try bytes.write(to: damaged)
        let absent = folder.appendingPathComponent("nothing.sqlite").path

        for (path, message) in [(notes.path, "\(notes.path) is not a portal database. It was left unchanged."),
                                (damaged.path, "\(damaged.path) is damaged and cannot be read"),
                                (absent, "There is no file at \(absent), so nothing was imported."),
                                (folder.path, "\(folder.path) is a folder")] {
            let before = try? fingerprint(URL(fileURLWithPath: path))
            let r = try run(["clinic", "import-local", path, "--patient", role, "--therapist", therapist] + admin)
            XCTAssertEqual(r.0, 1, path)
            XCTAssertTrue(r.1.contains(message), "\(path): \(r.1)")
            if let before, !path.hasSuffix("/") && path != folder.path {
                let after = try fingerprint(URL(fileURLWithPath: path))
                XCTAssertEqual(after.0, before.0, path)
                XCTAssertEqual(after.1, before.1, path)
            }
        }
        let roles = try PGConnection(c.conninfo("postgres")).transaction { try $0.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]) }
        XCTAssertEqual(roles.rows.count, 0, "a refused import adds no login either")
    }

    /// A file someone edited after the portal wrote it (an escape sequence in her name, a warning sign dated
    /// 2099 that no caseload would ever flag) is refused before the clinic is touched, naming the row; the file
    /// is left as it was and no login is added (hostile QA D22).
    func testAnEditedFileIsRefusedByTheRowsOwnRulesAndNothingIsImported() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let admin = ["--db", c.conninfo("postgres")]
        let role = "pt_393"
        let file = try localPortal()
        // What the portal would refuse, written behind its back (as sqlite3 would).
        do {
            let raw = try DatabaseQueue(path: file.path)
            try raw.write { db in
                try db.execute(sql: "UPDATE pain_entry SET date = '2099-01-01', warning_signs = 'chest-pain' WHERE id = (SELECT min(id) FROM pain_entry)")
            }
            try raw.close()
        }
        let before = try fingerprint(file)

        let r = try run(["clinic", "import-local", file.path, "--patient", role, "--therapist", therapist] + admin)
        XCTAssertEqual(r.0, 1, r.1)
        XCTAssertTrue(r.1.contains("The pain entry of 2099-01-01 in the file cannot be taken"), r.1)
        XCTAssertTrue(r.1.contains("Nothing was imported"), r.1)
        XCTAssertEqual(try fingerprint(file).0, before.0, "the file is left as it was")
        let roles = try PGConnection(c.conninfo("postgres")).transaction { try $0.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]) }
        XCTAssertEqual(roles.rows.count, 0, "a refused import adds no login")
    }

    /// A tab in a note (a paste, saved before the portal refused one) is ordinary text: the file moves in, the
    /// tab kept as the space her portal always showed it as (`PlainText.tabsAsSpaces`), and the import says so.
    func testATabInHerNotesMovesInAsTheSpaceHerPortalShowed() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let admin = ["--db", c.conninfo("postgres")]
        let role = "pt_395"
        let file = try localPortal()
        do {
            let raw = try DatabaseQueue(path: file.path)
            try raw.write { db in
                try db.execute(sql: "UPDATE pain_entry SET note = 'Worse after\tthe stairs' WHERE id = (SELECT min(id) FROM pain_entry)")
                try db.execute(sql: "UPDATE visit SET notes = 'Plan:\tmore walking' WHERE number = 1")
            }
            try raw.close()
        }
        let local = try SQLiteStore.open(url: file, mode: .existingOnly)
        let shown = try local.painEntries().map { PlainText.removingControls($0.note) }
        XCTAssertTrue(shown.contains("Worse after the stairs"), "her portal shows the tab as a space: \(shown)")
        let before = try fingerprint(file)

        let r = try run(["clinic", "import-local", file.path, "--patient", role, "--therapist", therapist] + admin)
        XCTAssertEqual(r.0, 0, r.1)
        XCTAssertTrue(r.1.contains("2 texts held a tab, kept as a space"), r.1)
        XCTAssertEqual(try fingerprint(file).0, before.0, "the file is left as it was")
        let clinic = try PostgresStore.open(c.conninfo(role))
        XCTAssertEqual(try clinic.painEntries().map(\.note), shown, "the notes as her portal showed them")
        XCTAssertEqual(try clinic.carePlan()?.visits.first?.notes, LocalRecord.herNotesLabel + "Plan: more walking", "her words, labelled hers (qa-h H12)")
        XCTAssertFalse(try clinic.record(.whole).painEntries.contains { $0.note.contains("\t") })
    }

    /// All or nothing: the clinic refuses the very last row an import writes (a constraint this test adds
    /// to the cluster for the purpose), and nothing of the import is left, not even her new login; a record
    /// `--replace` was to replace is still whole.
    func testAnImportThatFailsAtItsLastRowLeavesTheClinicAsItWas() throws {
        let c = try Self.cluster.get()
        let therapist = try c.newTherapist()
        let admin = ["--db", c.conninfo("postgres")]
        let sql = try PGConnection(c.conninfo("postgres"))
        try sql.execute("ALTER TABLE sign_report ADD CONSTRAINT test_refuses_this_note CHECK (note <> 'refused by the clinic')")
        addTeardownBlock { try? sql.execute("ALTER TABLE sign_report DROP CONSTRAINT test_refuses_this_note") }
        let file = try localPortal()
        XCTAssertEqual(try run(["signs", "fever", "--time", "10:00", "--note", "refused by the clinic", "--db", file.path]).0, 0)

        let role = "pt_393"
        let failed = try run(["clinic", "import-local", file.path, "--patient", role, "--therapist", therapist] + admin)
        XCTAssertEqual(failed.0, 1, failed.1)
        XCTAssertTrue(failed.1.contains("nothing was saved"), failed.1)
        let left = try sql.transaction { db in
            try db.query("SELECT (SELECT count(*) FROM pg_roles WHERE rolname = $1) + (SELECT count(*) FROM patient_account WHERE role_name = $1) AS n",
                         [role]).rows.first?.int("n")
        }
        XCTAssertEqual(left, 0, "no login and no account")

        let added = "pt_394"
        XCTAssertEqual(try run(["clinic", "add-patient", added, "--name", "Sam Example", "--therapist", therapist, "--due", "2027-03-01"] + admin).0, 0)
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"), isPinned: true)
        let before = screens(try c.admin().record(of: added).snapshot(clock: clock))
        let replaced = try run(["clinic", "import-local", file.path, "--patient", added, "--replace"] + admin)
        XCTAssertEqual(replaced.0, 1, replaced.1)
        XCTAssertEqual(screens(try c.admin().record(of: added).snapshot(clock: clock)), before, "the record it was to replace is whole")
    }
}
