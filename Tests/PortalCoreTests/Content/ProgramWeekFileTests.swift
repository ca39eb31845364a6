@testable import PortalCore
import StoreTestSupport
import XCTest

final class ProgramWeekFileTests: XCTestCase {
    let library = sharedContent.exercises

    private func parse(_ json: String) throws -> ProgramWeek {
        try ProgramWeekFile.parse(Data(json.utf8), library: library)
    }

    private func week(_ prescriptions: String, extra: String = "") -> String {
        #"{"format":"portal.program-week","version":1,"week":3,"starts":"2026-11-16","note":"n",\#(extra)"prescriptions":[\#(prescriptions)]}"#
    }

    func testAValidWeekParsesWithDefaults() throws {
        let w = try parse(week(#"{"exercise":"clamshell","sets":2,"reps":12,"side":"each"}"#))
        XCTAssertEqual(w.number, 3)
        XCTAssertEqual(w.starts, day("2026-11-16"))
        XCTAssertEqual(w.prescriptions.first?.dose, Dose(sets: 2, reps: 12, holdSeconds: 0, restSeconds: 30, timesPerDay: 1, daysPerWeek: 7, side: .each))
    }

    /// Issue 18: a prescription may carry the therapist's decision, with her reason; it round-trips, and an
    /// empty or control-character reason is refused. A week read from a file is the therapist's.
    func testTheTherapistsDecisionIsReadCheckedAndWritten() throws {
        let w = try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":" Checked at visit 4. "}"#))
        XCTAssertEqual(w.prescriptions[0].therapistDecision, "Checked at visit 4.")
        XCTAssertEqual(w.origin, .therapist)
        XCTAssertEqual(try ProgramWeekFile.parse(try ProgramWeekFile.encode(w), library: library), w)
        XCTAssertThrowsError(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":"  "}"#))) {
            XCTAssertTrue("\($0)".contains("prescriptions[0].therapistDecision is empty"), "\($0)")
        }
        // Issue 18 QA (c): line breaks and other blanks are no reason either.
        for blank in [#""#, #"\n"#, #" \n\t\r"#, #"\u2028"#, #"\u00a0\n"#] {
            XCTAssertThrowsError(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":""#+blank+#""}"#)), blank) {
                XCTAssertTrue("\($0)".contains("prescriptions[0].therapistDecision is empty"), "\(blank): \($0)")
            }
        }
        XCTAssertEqual(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":"\nChecked with her.\n"}"#)).prescriptions[0].therapistDecision,
                       "Checked with her.", "line breaks around a reason are trimmed")
        // QA J10: a reason too short to say why is refused, naming the field and the rule.
        for short in ["x", "  ok  ", "!!!!!!!!!!!!", "1234567890"] {
            XCTAssertThrowsError(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":""#+short+#""}"#)), short) {
                XCTAssertTrue("\($0)".contains("prescriptions[0].therapistDecision: “\(short.trimmingCharacters(in: .whitespaces))” does not say why"), "\(short): \($0)")
                XCTAssertTrue("\($0)".contains(Prescription.decisionRuleText), "\($0)")
            }
        }
        XCTAssertThrowsError(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":"a\u001b[2Jb"}"#))) {
            XCTAssertTrue("\($0)".contains("therapistDecision contains control characters"), "\($0)")
        }
        XCTAssertThrowsError(try parse(week(#"{"exercise":"head-lift","sets":2,"reps":8,"therapistDecision":7}"#)))
    }

    func testErrorsNameTheFieldAndWhereItIs() {
        let cases: [(String, String)] = [
            (week(#"{"exercise":"clamshell","sets":0,"reps":12}"#), "prescriptions[0].sets is 0; it must be 1 to 10"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":12},{"exercise":"moonwalk","sets":1,"reps":1}"#), "prescriptions[1].exercise: “moonwalk” is not in the exercise library"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":1.5}"#), "prescriptions[0].reps must be a whole number"),
            (week(#"{"exercise":"clamshell","sets":true,"reps":1}"#), "prescriptions[0].sets must be a whole number, not true"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5,"side":"up"}"#), "prescriptions[0].side is “up”"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5,"holdSeconds":500}"#), "prescriptions[0].holdSeconds is 500; it must be 0 to 120"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5},{"exercise":"clamshell","sets":2,"reps":5}"#), "appears twice"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5,"weight":3}"#), "prescriptions[0].weight is not a field"),
            (week(""), "prescriptions has 0 exercises"),
            (#"{"format":"portal.program-week","version":2,"week":3,"starts":"2026-11-16","prescriptions":[]}"#, "version must be 1"),
            (#"{"format":"portal.program-week","version":1,"week":3,"starts":"16/11/2026","prescriptions":[]}"#, "starts must be a date"),
            (#"{"format":"portal.program-week","version":1,"week":60,"starts":"2026-11-16","prescriptions":[]}"#, "week is 60"),
            (#"[1,2]"#, "one JSON object"),
            (#"{"format":"#, "not valid JSON"),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5},{"exercise":"cat-cow","sets":2,"reps":5,"note":"\u001b]0;PWNED\u0007"}"#),
             "prescriptions[1].note contains control characters (ESC); use plain text."),
            (week(#"{"exercise":"clamshell","sets":2,"reps":5}"#).replacingOccurrences(of: #""note":"n""#, with: #""note":"Hi\r\u001b[2J""#),
             "note contains control characters (CR); use plain text."),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try parse(json), expected) { error in
                XCTAssertTrue("\(error)".contains(expected), "expected “\(expected)” in “\(error)”")
            }
        }
    }

    func testAWeekRoundTripsThroughItsFile() throws {
        let original = ProgramWeek(number: 5, starts: day("2026-12-07"), note: "Keep going — “well done”",
                                   prescriptions: [Prescription(exerciseID: "bird-dog", dose: Dose(sets: 2, reps: 8, holdSeconds: 5, side: .alternating), note: "Slow"),
                                                   rx("clamshell", sets: 3, reps: 15, days: 5)])
        let data = try ProgramWeekFile.encode(original)
        XCTAssertEqual(try ProgramWeekFile.parse(data, library: library), original)
    }

    func testInvalidJSONSaysWhereInPlainWords() {
        XCTAssertThrowsError(try parse("xyz")) { XCTAssertEqual("\($0)", "The file is not valid JSON (near character 1).") }
    }

    func testReadingAFileGivesPlainErrors() throws {
        let folder = try makeTempFolder(self)
        let missing = folder.appendingPathComponent("week5.json").path
        XCTAssertThrowsError(try ProgramWeekFile.read(path: missing)) { XCTAssertEqual("\($0)", "Cannot read \(missing): no such file.") }
        XCTAssertThrowsError(try ProgramWeekFile.read(path: folder.path)) { XCTAssertEqual("\($0)", "\(folder.path) is a folder, not a file.") }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: missing))
        XCTAssertEqual(try ProgramWeekFile.read(path: missing), Data("{}".utf8))
    }

    func testAWeekBuiltInCodeIsCheckedForControlCharacters() {
        let w = ProgramWeek(number: 2, starts: day("2026-11-09"), note: "ok",
                            prescriptions: [rx("clamshell"), Prescription(exerciseID: "cat-cow", dose: rx("cat-cow").dose, note: "\u{07}")])
        XCTAssertThrowsError(try ProgramWeekFile.validate(w, library: library)) {
            XCTAssertEqual("\($0)", "prescriptions[1].note contains control characters (BEL); use plain text.")
        }
    }
}

final class ProgramWeekFileStrictnessTests: XCTestCase {
    private func parse(_ json: String) throws -> ProgramWeek {
        try ProgramWeekFile.parse(Data(json.utf8), library: sharedContent.exercises)
    }

    private func message(_ json: String) -> String {
        do { _ = try parse(json); return "accepted" } catch { return "\(error)" }
    }

    func testNullAndOtherValuesAreValidJSONButNotAWeek() {
        XCTAssertEqual(message("null"), "The file holds null, not a program week: it must hold one JSON object ({ … }).")
        XCTAssertEqual(message("[1]"), "The file holds a list, not a program week: it must hold one JSON object ({ … }).")
        XCTAssertEqual(message("3"), "The file holds 3, not a program week: it must hold one JSON object ({ … }).")
    }

    func testADuplicateKeyAnywhereIsRefused() {
        let head = #""format":"portal.program-week","version":1,"week":3,"starts":"2026-11-16","note":"n","#
        XCTAssertTrue(message(#"{\#(head)"week":4,"prescriptions":[]}"#).contains("The key “week” appears twice"))
        // Inside a prescription, and written another way (\u0073 is "s").
        XCTAssertTrue(message(#"{\#(head)"prescriptions":[{"exercise":"clamshell","sets":2,"reps":10,"\u0073ets":5}]}"#)
            .contains("The key “sets” appears twice"), message(#"{"a":1}"#))
        // The same key in two different objects, and a value that looks like a key, are fine.
        XCTAssertEqual(JSONKeys.firstDuplicate(in: Data(#"{"a":{"a":"a"},"b":[{"a":1},{"a":2}],"c":"b"}"#.utf8)), nil)
        XCTAssertEqual(JSONKeys.firstDuplicate(in: Data(#"{"a\"b":1,"x":"a\"b","a\"b":2}"#.utf8)), #"a"b"#)
    }
}
