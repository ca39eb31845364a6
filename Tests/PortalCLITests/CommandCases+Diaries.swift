import Foundation
import XCTest
@testable import PortalCore

/// The bladder diary, the bowel log and the questionnaires from the command line (issue 22): saved in the
/// record, shown back, and every bad value refused with the accepted values named and nothing written.
extension CommandCases {
    func theBladderDiaryIsKeptFromTheCommandLine() throws {
        let portal = try makePortal()
        try portal.demo()
        let leak = try portal.run(["bladder", "leak", "--amount", "damp", "--activity", "cough", "--time", "08:10", "--note", "sneezed"])
        XCTAssertEqual(leak.status, 0, leak.stderr)
        XCTAssertTrue(leak.stdout.contains("Saved: 08:10 Leak · damp · coughing, sneezing or laughing on 2026-11-27"), leak.stdout)
        for args in [["bladder", "pee", "--ml", "250", "--urgency", "2", "--time", "07:00"], ["bladder", "drink", "300", "--kind", "coffee", "--time", "07:30"],
                     ["bladder", "pad", "--time", "09:00"], ["bladder", "pee", "--night", "--date", "2026-11-26", "--time", "03:00"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        let events = try portal.store().entries(BladderEvent.self, from: nil, to: nil)
        XCTAssertEqual(events.map(\.kind), [.pee, .pee, .drink, .leak, .pad])
        XCTAssertEqual(events.first?.wokeAtNight, true)
        XCTAssertEqual(try events.item(3).note, "sneezed")
        let show = try portal.run(["bladder"])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("Today, Fri 27 Nov"), show.stdout)
        XCTAssertTrue(show.stdout.contains("  Pees: 1 by day, 0 at night · 250 mL measured in 1"), show.stdout)
        XCTAssertTrue(show.stdout.contains("  Leaks: 1 (1 with effort (cough, lift, exercise))"), show.stdout)
        XCTAssertTrue(show.stdout.contains("  Drinks: 1 · 300 mL · 1 with caffeine"), show.stdout)
        XCTAssertTrue(show.stdout.contains("Thu 26 Nov\n  Pees: 0 by day, 1 at night"), show.stdout)
    }

    func badDiaryAndQuestionnaireInputIsRefusedAndNothingIsWritten() throws {
        let portal = try makePortal()
        try portal.demo()
        let before = try portal.run(["export", "--format", "json"]).stdout
        let bytes = portal.clinic == nil ? try Data(contentsOf: portal.db) : nil
        let cases: [([String], String)] = [
            (["bladder", "leak", "--amount", "lots"], "Accepted amounts: drops, damp, wet, soaked"),
            (["bladder", "leak", "--activity", "running"], "Accepted activities: cough, lift, exercise, urge, none"),
            (["bladder", "pee", "--ml", "5000"], "from 10 to 1500"),
            (["bladder", "pee", "--urgency", "5"], "0 (no urge)"),
            // A value that starts with a dash is judged as a value (out of range), not read as an option.
            (["bladder", "pee", "--ml", "-5"], "“-5” is not a volume for a pee; use a whole number of mL from 10 to 1500"),
            (["bladder", "pee", "--urgency", "-1"], "0 (no urge)"),
            (["bladder", "drink", "-5"], "from 10 to 2000"),
            (["bladder", "drink"], "needs how much you drank in mL"),
            (["bowel", "-1"], "Use a type of the Bristol scale from 1 to 7"),
            (["bowel", "4", "--pain", "-1"], "from 0 (no pain) to 10"),
            (["bowel", "4", "--stain"], "Unknown option “--stain”"),
            (["measure", "rmdq", "--answers", "-1"], "needs 24 answers separated by commas; 1 was given"),
            (["bladder", "drink", "0"], "from 10 to 2000"),
            (["bladder", "drink", "250", "--kind", "milk"], "Accepted kinds: water, coffee, tea, alcohol, fizzy, other"),
            (["bladder", "pad", "--time", "25:00"], "HH:MM"),
            (["bladder", "leak", "--date", "2026-11-28"], "in the future"),
            (["bowel", "8"], "Use a type of the Bristol scale from 1 to 7"),
            (["bowel", "4", "--pain", "11"], "from 0 (no pain) to 10"),
            (["bowel", "4", "--leak", "water"], "Accepted leaks: gas, liquid, solid"),
            (["measure", "odi"], "Use one of: psfs, rmdq"),
            (["measure", "psfs", "--activity", "Lifting=4"], "needs 3 to 5 activities, not 1"),
            (["measure", "psfs", "--activity", "Lifting=11", "--activity", "Walking=4", "--activity", "Sitting=5"], "from 0"),
            (["measure", "rmdq", "--answers", "1,0,1"], "needs 24 answers separated by commas; 3 were given"),
            // The refusal names the answer and the accepted values once, never "question 24 (24)".
            (["measure", "rmdq", "--answers", Array(repeating: "0", count: 23).joined(separator: ",") + ",2"],
             "Answer 24 is “2”; accepted answers: 1 or y (Ticked: describes me today); 0 or n (Not ticked).\n"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        if let bytes { XCTAssertEqual(try Data(contentsOf: portal.db), bytes) }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before)
    }

    func theBowelLogAndTheQuestionnairesAreKeptFromTheCommandLine() throws {
        let portal = try makePortal()
        try portal.demo()
        let bowel = try portal.run(["bowel", "2", "--strain", "--pain", "3", "--time", "07:40"])
        XCTAssertEqual(bowel.status, 0, bowel.stderr)
        XCTAssertTrue(bowel.stdout.contains("Type 2: sausage-shaped but lumpy. That is hard (types 1–2)."), bowel.stdout)
        XCTAssertEqual(try portal.store().entries(BowelEntry.self, from: nil, to: nil).map(\.type), [.two])
        XCTAssertTrue(try portal.run(["bowel"]).stdout.contains("1 movement: 1 hard (types 1–2); strained 1, rushed 0, leaks 0"))
        XCTAssertFalse(bowel.stdout.contains("High pain"), bowel.stdout)
        // QA G7: leaked stool and a high score are worth telling her therapist, as Log pain says of a high score.
        let leak = try portal.run(["bowel", "7", "--urgent", "--leak", "liquid", "--pain", "9", "--time", "08:10"])
        XCTAssertEqual(leak.status, 0, leak.stderr)
        XCTAssertTrue(leak.stdout.contains("High pain: Pain of 9 out of 10 with a bowel movement."), leak.stdout)
        XCTAssertTrue(leak.stdout.contains("is not something you have to live with: tell your therapist or provider."), leak.stdout)

        let first = try portal.run(["measure", "psfs", "--date", "2026-11-02", "--activity", "Lifting my baby=3",
                                    "--activity", "Walking=4", "--activity", "Sitting=4"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let latest = try portal.run(["measure", "psfs", "--activity", "Lifting my baby=6", "--activity", "Walking=7", "--activity", "Sitting=6"])
        XCTAssertEqual(latest.status, 0, latest.stderr)
        XCTAssertTrue(latest.stdout.contains("That is a change that matters"), latest.stdout)
        let list = try portal.run(["measure"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("psfs: Activities you find hard · last 6.3 out of 10 on average on 2026-11-27 · up 2.6 since 2 Nov: better, a change that matters"),
                      list.stdout)
        XCTAssertTrue(list.stdout.contains("rmdq: "), list.stdout)
        let csv = try portal.run(["export", "--format", "csv", "--what", "measures"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.contains("2026-11-27,psfs,Patient-Specific Functional Scale,6.3,"), csv.stdout)
    }
}
