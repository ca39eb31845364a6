import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Issue 23's therapist end to end, over real ssh logins into the portal deploy/sshd_config forces on both groups:
/// her caseload lists the patient with an unreviewed warning sign first and says why; on that patient's chart she
/// reviews the sign (`w`, `v`, `y`), writes next week's program (`n`: week 3 from this week's, one more set,
/// published in place of the generated week 3 after the question) and answers the question the patient asked (`t`); then the patient, over her own login, sees each:
/// the answer on Home, the new week on Home and on her Exercises, "reviewed by your therapist" on her signs.
/// Every step is keys sent one at a time and the screen read back; the world (logins, a sign, two questions) is
/// set up with the administrator's scripts and the patients' own commands.
extension SSHEndToEndTests {
    func testATherapistsWeekOverSSHAndHerPatientSeesEachStepOverHers() throws {
        try install()
        let conn = "host=\(cluster.socketFolder.path) port=\(cluster.port) dbname=portal"
        let admin = "\(conn) user=postgres"
        // Zoe reports the warning sign; Ana would come first by name, and needs her therapist too (a question).
        let (z, a, t) = (sshd.userName("z"), sshd.userName("a"), sshd.userName("t"))
        try cluster.allowOwnLogins([z, a, t])
        // The real day (the server stamps reviews and answers with its own clock), pinned for every process.
        let day = PortalClock(at: Date()).today
        try day.description.write(to: today, atomically: true, encoding: .utf8)
        let env = ["/usr/bin/env", "PORTAL=\(portal)", "PORTAL_ADMIN_DB=\(admin)", "AS_ADMIN=", "KEYS=\(sshd.keys.path)",
                   "HOMES=\(sshd.homes.path)", "PORTAL_TODAY=\(day)"]

        // The administrator's scripts: the therapist in the staff group, both patients with a record and a key.
        let tKey = try sshd.newKey(t)
        sshd.adopt(t)
        try sshd.run(env + ["GROUP=\(sshd.staffGroup)", Self.repo.appendingPathComponent("deploy/add-therapist-login").path, t, tKey.path + ".pub"])
        for (user, name) in [(z, "Zoe Example"), (a, "Ana Example")] {
            let key = try sshd.newKey(user)
            sshd.adopt(user)
            try sshd.run(env + ["GROUP=\(sshd.group)", "SHARES=\(sshd.shares.path)", Self.repo.appendingPathComponent("deploy/add-patient-login").path,
                                user, key.path + ".pub", "--name", name, "--therapist", t, "--due", day.adding(days: 90).description,
                                "--condition", "low-back", "--first-visit", "\(day.adding(days: -7))T09:00", "--clinic", "1 Main St"])
        }
        // The patients' own commands, as their own logins.
        func asPatient(_ user: String, _ args: [String]) throws {
            try sshd.run(["/usr/sbin/runuser", "-u", user, "--", "/usr/bin/env", "LC_ALL=C.UTF-8", "PORTAL_TODAY=\(day)", portal] + args + ["--db", conn])
        }
        let sign = try XCTUnwrap(sharedContent.safety.sign("contractions"))
        try asPatient(z, ["signs", sign.id])
        let question = "Can I go back to running?"
        try asPatient(z, ["questions", "add", question])
        try asPatient(a, ["questions", "add", "Is swimming fine?"])

        let deploy = try String(contentsOf: Self.repo.appendingPathComponent("deploy/sshd_config"), encoding: .utf8)
        try sshd.start(config: deploy, forceCommand: "exec env LC_ALL=C.UTF-8 PORTAL_TODAY=$(cat \(today.path)) \(portal) --db '\(conn)' --share-folder \"\(sshd.shares.path)/$USER\"")

        // Her caseload: Zoe first, and her row says why.
        try login(t, window: "t1")
        try waitFor("Zoe Example", in: "t1")
        var lines = try screen("t1").components(separatedBy: "\n")
        let zoeRow = try XCTUnwrap(lines.firstIndex { $0.contains("Zoe Example") })
        let anaRow = try XCTUnwrap(lines.firstIndex { $0.contains("Ana Example") }, lines.joined(separator: "\n"))
        XCTAssertLessThan(zoeRow, anaRow, "the patient with the unreviewed sign first:\n\(lines.joined(separator: "\n"))")
        let why = CaseloadReason.warningSigns([sign.text], lastOn: day).text(today: day)
        XCTAssertTrue(lines[zoeRow + 1].contains(String(why.prefix(40))), "her row says why (\(why)):\n\(lines.joined(separator: "\n"))")

        // Her chart; the warning signs she reported, reviewed after the question.
        try keys("t1", "Enter")
        try waitFor("Warning signs she reported", in: "t1")
        try keys("t1", "w")
        try waitFor(sign.text, in: "t1")
        try waitFor("not reviewed yet", in: "t1")
        try keys("t1", "v")
        try waitFor("y = ", in: "t1")
        try keys("t1", "y")
        try waitUntil("the sign reviewed", in: "t1") { !$0.contains("not reviewed yet") && $0.contains("reviewed by") }

        // Next week's program: week 3, the week after this one (week 2, begun today), not a week after her last
        // (7): from this week's program, one more set of its first exercise, published in place of the generated
        // week 3 after the question.
        try keys("t1", "Escape")
        try waitFor("Warning signs she reported", in: "t1")
        try keys("t1", "n")
        try waitFor("Program week 3", in: "t1")
        try waitFor("From this week (2): replaces week 3", in: "t1")
        try keys("t1", "Right")
        try waitFor("↑ more", in: "t1")
        try keys("t1", "p")
        try waitFor("y = publish", in: "t1")
        try keys("t1", "y")
        try waitFor("Published week 3", in: "t1")

        // Her question, answered on the chart.
        try keys("t1", "t")
        try waitFor(question, in: "t1")
        try keys("t1", "Enter")
        try waitFor("Esc cancel", in: "t1")
        let answer = "Yes, a short jog from visit 4."
        _ = try tmux(["send-keys", "-t", "t1", "-l", answer])
        try waitFor(answer, in: "t1")
        try keys("t1", "Enter")
        try waitUntil("the answer saved", in: "t1") { !$0.contains("waiting for an answer") && $0.contains(answer) }

        // Back on the caseload, read again: nothing of Zoe's is waiting now, so Ana (her question) comes first.
        try keys("t1", "Escape", "Escape")
        try waitFor("Caseload", in: "t1")
        try waitUntil("the caseload read again", in: "t1") { screen in
            let rows = screen.components(separatedBy: "\n")
            guard let zoe = rows.firstIndex(where: { $0.contains("Zoe Example") }), let ana = rows.firstIndex(where: { $0.contains("Ana Example") })
            else { return false }
            return ana < zoe && !screen.contains(String(why.prefix(25)))
        }
        try quit("t1")

        // What was published, from the database (to know the week's first day and its first exercise's dose).
        let asTherapist = try PostgresStore.open("\(conn) user=\(t)", patient: z)
        let program = try asTherapist.program()
        XCTAssertEqual(program.weeks.count, 6, "week 3 replaced, no week added")
        let published = try XCTUnwrap(program.week(number: 3))
        let before = try XCTUnwrap(program.week(number: 2))
        XCTAssertEqual(published.origin, .therapist)
        XCTAssertEqual(try asTherapist.draftWeeks(), [], "published, no draft left")
        let first = try XCTUnwrap(published.prescriptions.first)
        XCTAssertEqual(first.dose.sets, try XCTUnwrap(before.prescriptions.first).dose.sets + 1)
        let exercise = sharedContent.exercises.name(first.exerciseID)

        // Zoe, over her own login the same day: the answer on her Home, her sign reviewed on her list.
        try login(z, window: "z1")
        try waitUntil("her therapist's answer on Home", in: "z1") { self.flat($0).contains(answer) }
        try keys("z1", "w")
        try waitFor("Do you have any of these now?", in: "z1")
        try keys("z1", "r")
        try waitFor(sign.text, in: "z1")
        try waitFor("reviewed by your therapist", in: "z1")
        try keys("z1", "Escape", "Escape")
        try quit("z1")

        // On the new week's first day: what changed, on her Home, and the new dose on her Exercises.
        try published.starts.description.write(to: today, atomically: true, encoding: .utf8)
        try login(z, window: "z2")
        try waitUntil("the new week on Home", in: "z2") { self.flat($0).contains("New Week \(published.number): ↑ \(exercise)") }
        try keys("z2", "e")
        try waitFor("Week \(published.number)", in: "z2")
        try waitFor(first.dose.summary, in: "z2")
        try keys("z2", "Escape")
        try quit("z2")
    }

    /// Quits the portal in window `w` with `q` (from Home or the caseload) and waits until her ssh login has ended.
    func quit(_ w: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try keys(w, "q")
        for _ in 0..<200 {
            guard let windows = try? tmux(["list-windows", "-a", "-F", "#{window_name}"]),
                  windows.split(separator: "\n").contains(Substring(w)) else { return }
            usleep(50_000)
        }
        XCTFail("The login in \(w) did not end after q. The screen:\n\(try screen(w))", file: file, line: line)
        throw XCTSkip("stopping this test")
    }

    /// Waits until `condition` holds for the screen of window `w`, or fails naming `what` with the screen.
    func waitUntil(_ what: String, in w: String, seconds: Int = 20, file: StaticString = #filePath, line: UInt = #line,
                   _ condition: (String) -> Bool) throws {
        for _ in 0..<(seconds * 20) {
            if condition(try screen(w)) { return }
            usleep(50_000)
        }
        XCTFail("Never saw \(what). The screen:\n\(try screen(w))", file: file, line: line)
        throw XCTSkip("stopping this test")
    }

    /// The screen's words with the line breaks, column gaps and no-break spaces made single spaces: a sentence
    /// wrapped onto the next line (under its label) reads as one.
    func flat(_ screen: String) -> String {
        screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{00A0}" }).joined(separator: " ")
    }
}
