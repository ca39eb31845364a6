import Foundation
import XCTest
@testable import PortalCore

/// `portal questions` on both stores (issue 23, point 4): she adds, lists and removes her questions for the
/// visit; in a clinic her therapist answers with `--patient`, she sees the answer (and `today --brief` says so
/// until Home has shown it); on her own file nobody answers, and the report and the JSON export carry the list.
/// Every refusal names the problem and the accepted values, exits non-zero and writes nothing.
extension CommandCases {
    func questionsAreAskedListedAnsweredAndRemoved() throws {
        let portal = try makePortal()
        try portal.demo()
        var r = try portal.must(["questions"])
        XCTAssertEqual(r.stdout, "No questions for the visit yet. Add one: portal questions add \"TEXT\"\n")

        r = try portal.must(["questions", "add", "Can", "I", "run", "after", "week", "4?"])
        let first = try XCTUnwrap(Int(r.stdout.split(separator: " ")[2].dropLast()), r.stdout)
        XCTAssertEqual(r.stdout, "Saved question \(first): Can I run after week 4?\n")
        r = try portal.must(["questions", "add", "  Is pain at night normal?  "])
        let second = try XCTUnwrap(Int(r.stdout.split(separator: " ")[2].dropLast()), r.stdout)
        XCTAssertEqual(r.stdout, "Saved question \(second): Is pain at night normal?\n", "kept trimmed")

        r = try portal.must(["questions", "list"])
        XCTAssertTrue(r.stdout.hasPrefix("Questions for the visit: 2, 2 waiting for an answer\n\(first). Can I run after week 4?\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\(second). Is pain at night normal?\n   Asked "), r.stdout)
        XCTAssertTrue(r.stdout.contains(", waiting for an answer"), r.stdout)
        XCTAssertEqual(try portal.must(["questions"]).stdout, r.stdout, "`portal questions` alone lists them")
        XCTAssertEqual(try portal.store().questions().map(\.text), ["Can I run after week 4?", "Is pain at night normal?"], "kept in her record")

        // The report and the JSON export carry them (with the visits).
        XCTAssertTrue(words(try portal.must(["report"]).stdout).contains("QUESTIONS FOR THE VISIT Asked"), "the report's list")
        XCTAssertTrue(try portal.must(["export", "--format", "json"]).stdout.contains("\"question\" : \"Can I run after week 4?\""))
        XCTAssertFalse(try portal.must(["export", "--format", "json", "--exclude", "visits"]).stdout.contains("Can I run"),
                       "left out with the visits")
        // The parts list says which part carries them, from the record's one list (`RecordPart.section`); the
        // report leaves them out with that part, and `--exclude notes`, which is her notes, keeps them.
        let help = words(try portal.must(["export", "--help"]).stdout)
        XCTAssertTrue(help.contains("visits (with questions for the visit)"), help)
        XCTAssertTrue(help.contains("your questions for the visit go with `visits`"), help)
        XCTAssertTrue(words(try portal.must(["report", "--help"]).stdout).contains("visits (with questions for the visit)"))
        XCTAssertFalse(words(try portal.must(["report", "--exclude", "visits"]).stdout).contains("QUESTIONS FOR THE VISIT"),
                       "the report leaves them out with the visits")
        XCTAssertTrue(try portal.must(["export", "--format", "json", "--exclude", "notes"]).stdout.contains("Can I run after week 4?"),
                      "not a note: with the visits, as the parts list says")

        let answer = try portal.runAsTherapist(["questions", "answer", "\(first)", "Not yet: a short jog at visit 4."])
        if portal.clinic == nil {
            // Her own file: the list is hers to take along; nobody answers in it.
            XCTAssertNotEqual(answer.status, 0)
            XCTAssertTrue(answer.stderr.contains("Only her therapist answers her questions, in a clinic"), answer.stderr)
            XCTAssertEqual(try portal.store().questions().unanswered.count, 2, "nothing written")
        } else {
            XCTAssertEqual(answer.status, 0, answer.stderr)
            XCTAssertEqual(answer.stdout, "Answered question \(first): Not yet: a short jog at visit 4.\n")
            // He reads her list with --patient, and which login answered; she reads the answer from "your
            // therapist" (never the login), new until Home shows it.
            let his = try portal.runAsTherapist(["questions"]).stdout
            XCTAssertTrue(his.contains("Can I run after week 4?") && his.contains("Answer from \(portal.clinic!.therapist), "), his)
            r = try portal.must(["questions"])
            XCTAssertTrue(r.stdout.hasPrefix("Questions for the visit: 2, 1 waiting for an answer\n"), r.stdout)
            XCTAssertTrue(r.stdout.contains("Answer from your therapist, ") && r.stdout.contains(" (new): Not yet: a short jog at visit 4.\n"),
                          r.stdout)
            XCTAssertFalse(r.stdout.contains(portal.clinic!.therapist), r.stdout)
            // Whole, or in its shorter wording when the line also holds the questionnaires due (the clinic's dates).
            let brief = try portal.must(["today", "--brief"]).stdout
            XCTAssertTrue(brief.contains("answer from your therapist") || brief.hasSuffix(" · answer\n"), brief)
            XCTAssertTrue(try portal.store().questions().first?.hasUnreadAnswer == true)
            // An answered question stays with its answer.
            r = try portal.run(["questions", "remove", "\(first)"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("has an answer already"), r.stderr)
            // She asks; he does not ask in her name.
            r = try portal.runAsTherapist(["questions", "add", "Mine?"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("Her questions are hers to ask"), r.stderr)
        }

        r = try portal.must(["questions", "remove", "\(second)"])
        XCTAssertEqual(r.stdout, "Removed question \(second).\n")
        XCTAssertEqual(try portal.store().questions().map(\.text), ["Can I run after week 4?"])
    }

    func badQuestionInputIsRefusedAndNothingIsWritten() throws {
        let portal = try makePortal()
        try portal.demo()
        let asked = try portal.must(["questions", "add", "Can I swim?"])
        let id = try XCTUnwrap(Int(asked.stdout.split(separator: " ")[2].dropLast()), asked.stdout)
        let before = try portal.store().record(.whole)
        func refused(_ args: [String], _ says: [String], asTherapist: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
            let r = asTherapist ? try portal.runAsTherapist(["questions"] + args) : try portal.run(["questions"] + args)
            XCTAssertNotEqual(r.status, 0, "\(args) is refused", file: file, line: line)
            XCTAssertEqual(r.stdout, "", file: file, line: line)
            for words in says { XCTAssertTrue(r.stderr.contains(words), "\(args): “\(words)” in \(r.stderr)", file: file, line: line) }
            XCTAssertFalse(r.stderr.contains("\u{1B}"), "never printed raw", file: file, line: line)
            XCTAssertEqual(try portal.store().record(.whole), before, "\(args): nothing written", file: file, line: line)
        }
        let accepted = "Write 1 to 500 characters of plain text on one line."
        try refused(["add"], ["The question is empty.", accepted])
        try refused(["add", "   "], ["The question is empty.", accepted])
        try refused(["add", String(repeating: "a", count: 501)], ["The question is 501 characters; at most 500 fit."])
        try refused(["add", "Run?\u{1B}[2J"], ["The question contains control characters (ESC); use plain text."])
        try refused(["add", "two\nlines"], ["The question must fit on one line."])
        try refused(["add", "a\u{202E}b"], ["invisible formatting character"])
        for bad in ["abc", "0", "1.5", "-1"] {
            try refused(["remove", bad], ["is not a question number", "the number portal questions shows (1 or more)"])
        }
        try refused(["remove", "\(id + 100)"], ["There is no question \(id + 100)", "portal questions lists them"])
        try refused(["answer", "\(id)"], ["The answer is empty.", "Write 1 to 2000 characters"], asTherapist: true)
        try refused(["answer", "\(id)", String(repeating: "b", count: 2001)], ["The answer is 2001 characters; at most 2000 fit."], asTherapist: true)
        try refused(["answer", "x", "Yes"], ["is not a question number"], asTherapist: true)
        // Her own session never answers, on a file or in a clinic.
        try refused(["answer", "\(id)", "Yes"], ["Only her therapist answers her questions"])
    }
}
