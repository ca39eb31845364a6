import Foundation
import XCTest
@testable import PortalCore

/// Booking, moving and recording visits, and the patient's set-up and profile.
extension CommandCases {
    // Issue 19, point 6: once all six visits are done nothing says "none booked"; the plan is complete, and the
    // care plan's own words say what comes next.
    func onceAllSixVisitsAreDoneTheCommandsSayThePlanIsComplete() throws {
        let portal = try makePortal()
        try portal.demo()
        for args in [["complete", "3"], ["complete", "4", "--at", "2026-11-25T09:00"], ["complete", "5", "--at", "2026-11-26T09:00"],
                     ["complete", "6", "--at", "2026-11-27T08:00"]] {
            // At noon: visit 6 at 08:00 today has taken place whatever the time the tests run (the day is pinned).
            try portal.mustAsCareTeam(["visits"] + args, env: ["PORTAL_TODAY": "2026-11-27T12:00"])
        }
        let after = try ContentLibrary.bundled().afterCarePlan
        let today = try portal.run(["today"]).stdout
        XCTAssertTrue(today.contains("Next visit: none. All six visits are done: your care plan is complete. \(after)"), today)
        XCTAssertFalse(today.contains("none booked"), today)
        XCTAssertTrue(try portal.run(["visits"]).stdout.hasSuffix("\nAll six visits are done: your care plan is complete. \(after)\n"))
    }

    /// qa-e E18: the demo's video visit 3 (Thu 3 Dec 10:15–11:00) is "now", with its link, from its start to its
    /// end on `today`, `today --brief` and `visits`, and is asked about only from its end.
    func aVisitUnderWayIsNowWithItsLinkUntilItsEnd() throws {
        let portal = try makePortal()
        try portal.demoWithVisit3Ahead()
        let link = "https://video.example.org/harbor/jordan-lee"
        func at(_ time: String, _ args: [String]) throws -> String {
            let r = try portal.run(args, env: ["PORTAL_TODAY": "2026-12-03T\(time)"])
            XCTAssertEqual(r.status, 0, "\(args) \(r.stderr)")
            return r.stdout
        }
        let today = try at("10:17", ["today"])
        XCTAssertTrue(today.contains("Next visit: 3 of 6, follow-up, Thu 3 Dec at 10:15 (now, until 11:00) · virtual\n  Link: \(link)"), today)
        XCTAssertFalse(today.contains("none booked"), today)
        XCTAssertTrue(try at("10:17", ["today", "--brief"]).contains("visit 3 now"))
        XCTAssertFalse(try at("10:17", ["visits"]).contains("did it take place"))
        XCTAssertTrue(try at("09:20", ["today"]).contains("Link: \(link)"), "an hour before, the link is at hand")
        XCTAssertFalse(try at("09:10", ["today"]).contains("Link:"))
        let over = try at("11:00", ["visits"])
        XCTAssertTrue(over.contains("Visit 3 was Thu 3 Dec — did it take place?"), over)
        XCTAssertFalse(try at("11:00", ["today"]).contains(link))
    }

    /// qa-g (E18, the rest): after the last booked visit ended, not yet marked, `portal today` said "Next visit:
    /// none booked." without asking whether it took place, as Home and `portal visits` ask.
    func afterTheLastBookedVisitEndsTodayAsksWhetherItTookPlace() throws {
        let portal = try makePortal()
        try portal.demoWithVisit3Ahead()
        let r = try portal.run(["today"], env: ["PORTAL_TODAY": "2026-12-03T11:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("none booked"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Next visit: Visit 3 was Thu 3 Dec — did it take place?"), r.stdout)
    }

    func bookingAndRecordingVisits() throws {
        let portal = try makePortal()
        try portal.demoWithVisit3Ahead()
        let booked = try portal.run(["visits", "book", "4", "2026-12-10", "14:00", "--virtual", "--where", "https://video.example.org/r"])
        XCTAssertEqual(booked.status, 0, booked.stderr)
        XCTAssertEqual(booked.stdout, "Saved: visit 4 of 6 (re-evaluation) is booked, Thu 10 Dec 2026 at 14:00, virtual.\n")
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("4. Re-evaluation  Booked       Thu 10 Dec 2026 14:00"))
        let before = try portal.run(["export", "--format", "json"]).stdout
        let refused: [([String], String)] = [
            // In a clinic a visit her therapist recorded stays as recorded (QA S1); on her own file a completed one keeps its date.
            (["visits", "book", "1", "2026-12-10", "14:00"], portal.clinic != nil ? "it stays as recorded" : "keeps its date"),
            (["visits", "book", "5", "2026-11-01", "14:00"], "in the past"),
            (["visits", "book", "7", "2026-12-10", "14:00"], "visits 1 to 6"),
            (["visits", "book", "5", "2026-12-10", "2pm"], "HH:MM"),
            (["visits", "book", "5", "10/12/2026", "14:00"], "YYYY-MM-DD"),
            (["visits", "complete", "5"], "book it first"),
            (["visits", "complete", "3"], "once it has started"),
            (["visits", "cancel", "6"], "only a booked visit"),
        ]
        for (args, message) in refused {
            // Recording a visit is her care team's (in a clinic her therapist's); booking and cancelling are hers.
            let r = try ["complete", "missed"].contains(args[1]) ? portal.runAsCareTeam(args) : portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused changes write nothing")
        XCTAssertEqual(try portal.run(["visits", "cancel", "4"]).status, 0)
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("4. Re-evaluation  Cancelled"))
        let done = try portal.runAsCareTeam(["visits", "complete", "3", "--notes", "Less pain sitting."], env: ["PORTAL_TODAY": "2026-12-04"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("Notes: Less pain sitting."))
    }

    func visitsKeepTheirOrderAndDoNotOverlap() throws {
        let portal = try makePortal()
        try portal.demoWithVisit3Ahead() // visit 3 is booked Thu 3 Dec 2026 10:15 to 11:00
        let before = try portal.run(["export", "--format", "json"]).stdout
        let refused: [([String], String)] = [
            (["visits", "book", "4", "2026-12-03", "10:15"], "Error: Visit 4 on Thu 3 Dec 2026 at 10:15 would overlap visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.\n"),
            (["visits", "book", "4", "2026-12-03", "10:45"], "Error: Visit 4 on Thu 3 Dec 2026 at 10:45 would overlap visit 3, booked for Thu 3 Dec 2026 from 10:15 to 11:00; choose another time.\n"),
            (["visits", "book", "4", "2026-12-01", "09:00"], "Error: Visit 4 must come after visit 3, booked for Thu 3 Dec 2026 at 10:15; choose a time after it.\n"),
            (["visits", "book", "-1", "2026-12-10", "14:00"], "Error: There is no visit -1; the care plan has visits 1 to 6.\n"),
            (["visits", "complete", "-1"], "Error: There is no visit -1; the care plan has visits 1 to 6.\n"),
            (["visits", "cancel", "0"], "Error: There is no visit 0; the care plan has visits 1 to 6.\n"),
            (["visits", "book", "4", "2026-12-10"], "Error: `portal visits book` needs the visit number, the day and the time. See `portal visits book --help`.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--wher", "x"], "Error: Unknown option “--wher”. See `portal visits book --help`.\n"),
        ]
        for (args, message) in refused {
            let r = try args[1] == "complete" ? portal.runAsCareTeam(args) : portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "refused bookings write nothing")
        XCTAssertEqual(try portal.run(["visits", "book", "4", "2026-12-03", "11:00"]).status, 0, "back to back is fine")
        XCTAssertEqual(try portal.run(["visits", "book", "4", "2026-12-10", "14:00"]).status, 0, "moving it later")
        XCTAssertEqual(try portal.run(["visits", "cancel", "3"]).status, 0)
        let late = try portal.run(["visits", "book", "3", "2026-12-11", "09:00"])
        XCTAssertEqual(late.stderr, "Error: Visit 3 must come before visit 4, booked for Thu 10 Dec 2026 at 14:00; choose an earlier time, or move visit 4 first.\n")
        XCTAssertEqual(try portal.run(["visits", "book", "3", "2026-12-07", "09:00"]).status, 0)
    }

    func setUpWithAFirstVisitThatAlreadyTookPlaceThenTheBirth() throws {
        let portal = try makePortal()  // today is 2026-11-27
        if portal.clinic != nil {
            // In a clinic her care team sets her record up, never she: `portal setup` is refused to her.
            let hers = try portal.run(["setup", "--name", "Ana Diaz", "--due", "2027-03-01"])
            XCTAssertEqual(hers.status, 1)
            XCTAssertTrue(hers.stderr.contains("In a clinic your care team sets up your record"), hers.stderr)
            XCTAssertTrue(try portal.store().isEmpty(), "nothing was written")
        }
        // (In a clinic each of these is the administrator's `portal clinic add-patient` for her login.)
        let bad = try portal.setUp(["--name", "Ana Diaz", "--due", "2028-03-01"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("A due date must be within the next 40 weeks"), bad.stderr)
        XCTAssertEqual(try portal.setUp(["--name", "Ana", "--born", "2026-11-01"]).status, 1, "--delivery is needed")
        // A condition that does not go with her stage: PortalCore's reason, then this command's own options.
        let scar = try portal.setUp(["--name", "Ana Diaz", "--due", "2027-03-01", "--condition", "c-section-scar"])
        XCTAssertEqual(scar.status, 1)
        XCTAssertEqual(scar.stderr, "Error: C-section scar comes after a birth. Leave out --condition c-section-scar, or give the birth date with --born YYYY-MM-DD and --delivery cesarean instead.\n")
        let tear = try portal.setUp(["--name", "Ana Diaz", "--due", "2027-03-01", "--condition", "perineal-tear"])
        XCTAssertTrue(tear.stderr.hasSuffix("Leave out --condition perineal-tear, or give the birth date with --born YYYY-MM-DD and --delivery vaginal or --delivery cesarean instead.\n"), tear.stderr)
        // Round ligament pain too: its log roll and sit to stand are in her weeks planned for her pregnancy (QA J1).
        let setUp = try portal.setUp(["--name", "Ana Diaz", "--due", "2027-03-01", "--condition", "low-back", "--condition", "round-ligament",
                                      "--first-visit", "2026-11-20T09:30"])
        XCTAssertEqual(setUp.status, 0, setUp.stderr)
        if portal.clinic == nil {
            XCTAssertTrue(setUp.stdout.contains("Set up: Ana Diaz, 26 weeks pregnant · 2nd trimester. Visit 1 is completed, Fri 20 Nov 2026 at 09:30."),
                          setUp.stdout)
        }
        let visits = try portal.run(["visits"]).stdout
        XCTAssertTrue(visits.contains("1. Evaluation     Completed    Fri 20 Nov 2026 09:30"), visits)
        let again = try portal.setUp(["--name", "Someone Else", "--due", "2027-03-01"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains(portal.clinic == nil ? "already has a patient" : "and a record (Ana Diaz)"), again.stderr)

        // The birth: a scar without a C-section is refused by set-up's rule, and nothing changes.
        let wrong = try portal.run(["profile", "--born", "2026-11-25", "--delivery", "vaginal", "--condition", "c-section-scar"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.stderr, "Error: C-section scar goes with a C-section birth. Leave out --condition c-section-scar, or give --delivery cesarean with --born YYYY-MM-DD.\n")
        XCTAssertTrue(try portal.run(["profile"]).stdout.contains("26 weeks pregnant"))
        let born = try portal.run(["profile", "--born", "2026-11-25", "--delivery", "cesarean", "--condition", "c-section-scar",
                                   "--condition", "low-back"])
        XCTAssertEqual(born.status, 0, born.stderr)
        XCTAssertTrue(born.stdout.contains("Less than a week after birth · C-section birth"), born.stdout)
        if portal.clinic != nil {
            // Her program is her therapist's: the new one is asked of her, and --use-new-program is refused.
            XCTAssertTrue(born.stdout.contains("Sent to your therapist"), born.stdout)
            let use = try portal.run(["profile", "--use-new-program"])
            XCTAssertEqual(use.status, 1)
            XCTAssertTrue(use.stderr.contains("Your program is your therapist's"), use.stderr)
            return
        }
        // QA G2: the program after the birth takes the place of the weeks planned for her pregnancy without
        // her having to know --use-new-program, and she is told to check with her provider first.
        XCTAssertTrue(born.stdout.contains("After the birth, check with your provider or therapist before you exercise again. "
                                           + "Your program goes on with weeks 3 to 8, from Fri 4 Dec."), born.stdout)
        XCTAssertFalse(born.stdout.contains("--use-new-program"), born.stdout)
        XCTAssertTrue(try portal.run(["exercises", "--week", "8"]).stdout.contains("Program week 8, from"))
        // The birth recorded within the week under way (week 1, from Fri 20 Nov): that week was planned for her
        // pregnancy, so she reads the check beside it, and what it added or made harder waits after the C-section.
        let within = try portal.run(["today"], env: ["PORTAL_TODAY": "2026-11-26T10:00"]).stdout
        XCTAssertTrue(within.contains("After the birth, check with your provider or therapist before you exercise again. "
                                      + "This week's exercises were planned for your pregnancy."), within)
        // Review of G2: `portal exercises` says it too, and the brief line counts no exercises left meanwhile.
        let week = try portal.run(["exercises"], env: ["PORTAL_TODAY": "2026-11-26T10:00"]).stdout
        XCTAssertTrue(week.contains("After the birth, check with your provider or therapist before you exercise again."), week)
        let brief = try portal.run(["today", "--brief"], env: ["PORTAL_TODAY": "2026-11-26T10:00"]).stdout
        XCTAssertFalse(brief.contains("exercise"), brief)
        XCTAssertFalse(brief.contains(" ex."), brief)
        // Review of G2: week 2, under way today (from Fri 27 Nov), started after the birth (Wed 25 Nov) but was
        // planned for her pregnancy: it says so as week 1 did; after the C-section what her program after the
        // birth brings in only later waits until then (sit to stand), not the log roll, which that program never
        // gives and is how she gets out of bed (QA J1); and its note names none of what waits.
        let today = try portal.run(["today"]).stdout
        XCTAssertTrue(today.contains("(program week 2)"), today)
        XCTAssertTrue(today.contains("After the birth, check with your provider or therapist before you exercise again. "
                                     + "This week's exercises were planned for your pregnancy."), today)
        let week2 = try portal.run(["exercises"]).stdout
        XCTAssertTrue(week2.contains("Program week 2, from Fri 27 Nov (this week)"), week2)
        XCTAssertTrue(week2.contains("After the birth, check"), week2)
        let row = { (name: String) in week2.components(separatedBy: "\n").drop { !($0.hasPrefix("[") && $0.contains(name)) }.prefix(2).joined(separator: "\n") }
        XCTAssertTrue(row("Sit to stand").contains("[-] Sit to stand"), week2)
        XCTAssertTrue(words(row("Sit to stand")).contains("Wait: not yet right for you. Sit to stand waits until your program after the C-section brings it in ("), week2)
        XCTAssertTrue(row("(log roll)").contains("[ ] Getting in and out of bed (log roll)"), week2)
        XCTAssertFalse(row("(log roll)").contains("Wait"), week2)
        let note = week2.components(separatedBy: "\n").first { $0.hasPrefix("About this week: ") } ?? ""
        XCTAssertFalse(note.lowercased().contains("sit to stand"), week2)
        // QA J4: what waits cannot be marked done from the command line either: the screen's sentence, nothing saved.
        let done = try portal.run(["exercises", "done", "sit-to-stand"])
        XCTAssertNotEqual(done.status, 0, done.stdout)
        XCTAssertTrue(words(done.stderr).contains("Sit to stand waits until your program after the C-section brings it in ("), done.stderr)
        XCTAssertTrue(try portal.run(["exercises"]).stdout.contains("[-] Sit to stand"), "nothing was saved")
        XCTAssertEqual(try portal.run(["exercises", "done", "log-roll"]).status, 0, "the log roll is hers to do")
    }

    /// Issue 18: her details and the program weeks they bring are saved in one transaction. A portal killed
    /// between the two (`PORTAL_TEST_KILL_AT`, debug builds only) leaves both as they were; run again, both
    /// are saved.
    func aProfileChangeKilledHalfWaySavesNeitherHalf() throws {
        let portal = try makePortal()
        XCTAssertEqual(try portal.setUp(["--name", "Ana Diaz", "--due", "2027-03-01", "--condition", "low-back"]).status, 0)
        let before = try portal.run(["export", "--format", "json"]).stdout
        // In a clinic the weeks are her therapist's (--use-new-program is refused): her details go with no week.
        let birth = ["profile", "--born", "2026-11-25", "--delivery", "cesarean", "--condition", "c-section-scar",
                     "--condition", "low-back"] + (portal.clinic == nil ? ["--use-new-program"] : [])
        let killed = try portal.run(birth, env: ["PORTAL_TEST_KILL_AT": "profile-before-weeks"])
        XCTAssertEqual(killed.status, SIGKILL, "killed where her details are written and her weeks not yet: \(killed.stderr)")
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "neither her details nor her weeks")
        XCTAssertTrue(try portal.run(["profile"]).stdout.contains("weeks pregnant"))
        let saved = try portal.run(birth)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertTrue(saved.stdout.contains("Saved your details."), saved.stdout)
        XCTAssertTrue(saved.stdout.contains(portal.clinic == nil ? "Your program now goes on with weeks " : "Sent to your therapist"), saved.stdout)
        XCTAssertTrue(saved.stdout.contains("Less than a week after birth · C-section birth"), saved.stdout)
        XCTAssertNotEqual(try portal.run(["export", "--format", "json"]).stdout, before)
    }

    func aPastVisitIsRecordedWithItsTimeAndListedInTheScreensWords() throws {
        let portal = try makePortal()
        try portal.mustSetUp(["--name", "Ana Diaz", "--due", "2027-03-01"])
        let future = try portal.runAsCareTeam(["visits", "complete", "1", "--at", "2026-12-20T09:00"])
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("has not happened yet"), future.stderr)
        let done = try portal.runAsCareTeam(["visits", "complete", "1", "--at", "2026-11-02T09:00", "--notes", "Evaluation done"])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.contains("visit 1 of 6 (evaluation) is completed, Mon 2 Nov 2026 at 09:00"), done.stdout)
        let early = try portal.runAsCareTeam(["visits", "missed", "2", "--at", "2026-11-01T09:00"])
        XCTAssertEqual(early.status, 0, "a missed visit takes no place in the order")
        let booked = try portal.run(["visits", "book", "3", "2026-11-24", "10:00"], env: ["PORTAL_TODAY": "2026-11-20"])
        XCTAssertEqual(booked.status, 0, booked.stderr)
        let list = try portal.run(["visits"]).stdout
        XCTAssertTrue(list.contains("1. Evaluation     Completed"), list)
        XCTAssertTrue(list.contains("2. Follow-up      Missed"), list)
        XCTAssertTrue(list.contains("Visit 3 was Tue 24 Nov — did it take place?"), list)
        if portal.clinic == nil {
            XCTAssertTrue(list.contains("did it take place? portal visits complete 3, or portal visits missed 3"), list)
        }
        XCTAssertEqual(try portal.runAsCareTeam(["visits", "complete", "4", "--at", "yesterday"]).status, 1)
    }
}
