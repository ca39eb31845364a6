import Foundation
import XCTest
@testable import PortalCore
import StoreTestSupport

/// The questionnaire engine: measures as content files, their checks, scoring, the change since the first
/// in words, and parsing what she types.
final class MeasureTests: XCTestCase {
    private var psfs: Measure { sharedContent.measure("psfs")! }
    private var rmdq: Measure { sharedContent.measure("rmdq")! }
    private var checkIn: Measure { sharedContent.measure(Measure.checkInID)! }

    private func psfsResponse(_ day: String, _ scores: [Int]) -> MeasureResponse {
        MeasureResponse(measureID: "psfs", date: StoreTestSupport.day(day),
                        activities: scores.enumerated().map { RatedActivity("Activity \($0.offset + 1)", $0.element) })
    }

    private func rmdqResponse(_ day: String, ticked: Int) -> MeasureResponse {
        MeasureResponse(measureID: "rmdq", date: StoreTestSupport.day(day),
                        answers: Dictionary(uniqueKeysWithValues: rmdq.items.enumerated().map { ($0.element.id, $0.offset < ticked ? 1 : 0) }))
    }

    func testTheShippedMeasuresAreTheOnesWhoseLicenceAllowsThem() {
        XCTAssertEqual(sharedContent.measures.map(\.id), ["pelvic-floor-check-in", "psfs", "rmdq"])
        for m in sharedContent.measures {
            XCTAssertNoThrow(try m.check(file: "measures/\(m.id).json"))
            XCTAssertFalse(m.licence.text.isEmpty, m.id)
            XCTAssertFalse(m.sources.isEmpty, m.id)
        }
        XCTAssertEqual(rmdq.items.count, 24)
        XCTAssertEqual(rmdq.conditions, [.lowBack])
        XCTAssertTrue(psfs.conditions.isEmpty, "PSFS is for everyone")
        XCTAssertEqual(psfs.importantChange?.points, 2)
        XCTAssertNil(checkIn.importantChange, "the portal's own check-in claims no change that matters")
        XCTAssertFalse(checkIn.validated)
    }

    func testTheCheckInQuizIsMadeFromItsMeasureFile() {
        let quiz = sharedContent.quiz
        XCTAssertEqual(quiz.questions.map(\.id), checkIn.items.map(\.id))
        XCTAssertEqual(quiz.questions.count, 12)
        XCTAssertEqual(quiz.questions.first?.area, "bladder")
        XCTAssertEqual(quiz.questions.first { $0.id == "burning" }?.area, "burning")
        XCTAssertEqual(quiz.areas.map(\.area), ["bladder", "emptying", "burning", "bowel", "prolapse", "pain"])
        XCTAssertEqual(quiz.areas.first { $0.area == "burning" }?.urgent, true)
        XCTAssertTrue(quiz.allClear.hasPrefix("You answered no to every question."))
    }

    func testAFlaggedCheckInMatchesTheQuizResultsAreas() {
        let result = QuizResult(id: 7, date: day("2026-11-20"), answers: ["leak-cough-sneeze": true, "burning": true, "straining": true])
        let response = result.measureResponse
        XCTAssertEqual(response.quizResult, result, "a check-in goes to a measure response and back unchanged")
        XCTAssertEqual(Set(checkIn.flagged(response).map(\.id)), Set(result.flaggedAreas(in: sharedContent.quiz).map(\.area)))
        XCTAssertEqual(checkIn.flagged(response).first?.id, "burning", "the urgent area comes first")
        XCTAssertEqual(checkIn.score(response).total, 3)
        XCTAssertEqual(checkIn.score(response).subscales["bowel"], 1)
        XCTAssertNil(MeasureResponse(measureID: "psfs", date: day("2026-11-20")).quizResult)
    }

    func testScoresAreTheSumOrTheMeanTheFileSays() {
        XCTAssertEqual(rmdq.score(rmdqResponse("2026-11-02", ticked: 7)).total, 7)
        XCTAssertEqual(psfs.score(psfsResponse("2026-11-02", [3, 4, 4])).total, 11.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(psfs.scoreText(11.0 / 3), "3.7 out of 10 on average")
        XCTAssertEqual(rmdq.scoreText(7), "7 of 24 sentences ticked")
    }

    // MARK: The change in words

    func testAPSFSChangeOfTwoPointsOrMoreIsOneThatMatters() throws {
        let change = try XCTUnwrap(psfs.change([psfsResponse("2026-11-27", [6, 7, 6]), psfsResponse("2026-11-02", [3, 4, 4])]))
        XCTAssertEqual(change.first.date, day("2026-11-02"), "the first is the earliest, whatever the order given")
        XCTAssertEqual(change.verdict, .better(matters: true))
        XCTAssertEqual(change.sentence, "Activities you find hard: 6.3 out of 10 on average on 27 Nov, from 3.7 out of 10 on average on 2 Nov: "
                       + "2.6 points better. That is a change that matters (the change that matters for this questionnaire is 2 points on the average).")
        XCTAssertEqual(change.short, "up 2.6 since 2 Nov: better, a change that matters")
    }

    func testExactlyTwoPointsMattersAndLessDoesNot() throws {
        let exactly = try XCTUnwrap(psfs.change([psfsResponse("2026-11-02", [4, 4, 4]), psfsResponse("2026-11-27", [6, 6, 6])]))
        XCTAssertEqual(exactly.verdict, .better(matters: true))
        let less = try XCTUnwrap(psfs.change([psfsResponse("2026-11-02", [4, 4, 4]), psfsResponse("2026-11-27", [5, 6, 6])]))
        XCTAssertEqual(less.verdict, .better(matters: false))
        XCTAssertTrue(less.sentence.contains("1.7 points better. That is less than a change that matters"), less.sentence)
        XCTAssertEqual(less.short, "up 1.7 since 2 Nov: better, less than the change that matters")
    }

    func testAWorseScoreThatMattersPointsToTheTherapist() throws {
        // RMDQ: lower is better, so more sentences ticked is worse.
        let change = try XCTUnwrap(rmdq.change([rmdqResponse("2026-11-02", ticked: 5), rmdqResponse("2026-11-27", ticked: 9)]))
        XCTAssertEqual(change.verdict, .worse(matters: true))
        XCTAssertEqual(change.sentence, "Back pain and daily life: 9 of 24 sentences ticked on 27 Nov, from 5 of 24 sentences ticked on 2 Nov: "
                       + "4 sentences worse. That is a change that matters (the change that matters for this questionnaire is "
                       + "3 sentences (the questionnaire's author suggests 2 to 3; studies range from 2 to 8)); please tell your therapist.")
        let better = try XCTUnwrap(rmdq.change([rmdqResponse("2026-11-02", ticked: 5), rmdqResponse("2026-11-27", ticked: 4)]))
        XCTAssertEqual(better.verdict, .better(matters: false))
        XCTAssertTrue(better.sentence.contains("1 sentence better"), "one, not ones: \(better.sentence)")
        let same = try XCTUnwrap(rmdq.change([rmdqResponse("2026-11-02", ticked: 5), rmdqResponse("2026-11-27", ticked: 5)]))
        XCTAssertEqual(same.verdict, .same)
        XCTAssertEqual(same.short, "no change since 2 Nov")
    }

    func testTheCheckInNeverCallsAChangeOneThatMatters() throws {
        let first = QuizResult(date: day("2026-11-02"), answers: ["urgency": true, "straining": true, "burning": false]).measureResponse
        let later = QuizResult(date: day("2026-11-27"), answers: ["urgency": true, "straining": false]).measureResponse
        let change = try XCTUnwrap(checkIn.change([first, later]))
        XCTAssertEqual(change.verdict, .better(matters: nil))
        XCTAssertNil(change.matters)
        XCTAssertEqual(change.sentence, "Pelvic floor check-in: 1 of 12 answered yes on 27 Nov, from 2 of 12 answered yes on 2 Nov: 1 yes answer better. "
                       + "This check-in has no agreed size of change that matters; talk it through with your therapist.")
        XCTAssertEqual(change.short, "down 1 since 2 Nov: better")
    }

    private func rated(_ day: String, _ activities: [(String, Int)]) -> MeasureResponse {
        MeasureResponse(measureID: "psfs", date: StoreTestSupport.day(day), activities: activities.map { RatedActivity($0.0, $0.1) })
    }

    /// QA G6: the PSFS compares the same activities over time. Other activities rated later are no change at all
    /// (never "7.0 points better, a change that matters"), whatever their average.
    func testOtherActivitiesLaterAreNoChange() throws {
        let first = rated("2026-12-21", [("Lifting my baby", 2), ("Walking", 2), ("Stairs", 2)])
        let other = rated("2027-01-10", [("Reading", 9), ("Watching TV", 9), ("Knitting", 9)])
        let change = try XCTUnwrap(psfs.change([first, other]))
        XCTAssertFalse(change.isComparable)
        XCTAssertEqual(change.verdict, .same)
        XCTAssertNil(change.matters)
        XCTAssertEqual(change.short, "no change to compute: none of these activities was rated before")
        XCTAssertEqual(change.sentence, "Activities you find hard: none of the activities rated on 10 Jan was rated before (on 21 Dec you rated other ones), so no change can be computed: this questionnaire compares the same activities over time. Each new activity starts from its first rating.")
        XCTAssertFalse(change.sentence.contains("matters"), change.sentence)
        XCTAssertEqual(psfs.change(from: first, to: other), change, "the screen's change is the same one")
    }

    /// Only the activities rated both times count, each against its own first rating; a new one starts its own
    /// baseline and joins the change once it is rated again. Names match whatever their case and spacing.
    func testOnlyActivitiesRatedBothTimesMakeTheChange() throws {
        let first = rated("2026-12-21", [("Lifting my baby", 2), ("Walking", 4), ("Stairs", 3)])
        let second = rated("2027-01-10", [("lifting  my baby", 5), ("Walking", 4), ("Knitting", 10)])
        let change = try XCTUnwrap(psfs.change([second, first]))
        XCTAssertEqual(change.activities?.compared, 2)
        XCTAssertEqual(change.first.score, 3, accuracy: 1e-12, "lifting 2 and walking 4, not stairs")
        XCTAssertEqual(change.latest.score, 4.5, accuracy: 1e-12, "lifting 5 and walking 4, not knitting's 10")
        XCTAssertEqual(change.verdict, .better(matters: false))
        XCTAssertEqual(change.sentence, "Activities you find hard (the 2 activities rated both times): 4.5 out of 10 on average on 10 Jan, from 3.0 out of 10 on average on 21 Dec: 1.5 points better. That is less than a change that matters (the change that matters for this questionnaire is 2 points on the average).")
        XCTAssertEqual(change.short, "up 1.5 since 21 Dec (2 activities rated both times): better, less than the change that matters")
        // Knitting, new on 10 Jan, is compared with its own first rating later.
        let third = rated("2027-01-24", [("Knitting", 6), ("Walking", 8), ("Stairs", 3)])
        let later = try XCTUnwrap(psfs.change([first, second, third]))
        XCTAssertEqual(later.activities?.compared, 3)
        XCTAssertEqual(later.first.score, (10 + 4 + 3) / 3.0, accuracy: 1e-12)
        XCTAssertEqual(later.latest.score, (6 + 8 + 3) / 3.0, accuracy: 1e-12)
        XCTAssertEqual(psfs.activitiesToRateAgain([third, second, first]), ["Knitting", "Walking", "Stairs", "lifting  my baby"],
                       "newest first, each once, in the words she rated it with last")
    }

    func testOneResponseHasNoChange() {
        XCTAssertNil(psfs.change([psfsResponse("2026-11-02", [3, 4, 4])]))
        XCTAssertNil(psfs.change([rmdqResponse("2026-11-02", ticked: 3), rmdqResponse("2026-11-09", ticked: 3)]), "only its own responses count")
    }

    // MARK: Validation: every refusal names what is accepted

    private func refusal(_ m: Measure, _ r: MeasureResponse, today: String = "2026-11-27") -> String {
        do {
            try m.validate(r, today: day(today))
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    func testAnItemMeasureNeedsEveryAnswerFromItsScale() {
        var r = rmdqResponse("2026-11-27", ticked: 3)
        XCTAssertEqual(refusal(rmdq, r), "accepted")
        r.answers["24"] = nil
        XCTAssertEqual(refusal(rmdq, r), "Question 24 has no answer; each of the 24 questions needs one: 1 (Ticked: describes me today) or 0 (Not ticked).")
        r.answers["24"] = 2
        XCTAssertEqual(refusal(rmdq, r), "Question 24 cannot be answered 2; accepted answers: 1 (Ticked: describes me today) or 0 (Not ticked).")
        r.answers["24"] = 0
        r.answers["25"] = 1
        XCTAssertTrue(refusal(rmdq, r).hasPrefix("RMDQ has no question “25”. Its questions are 1, 2, 3,"), refusal(rmdq, r))
        XCTAssertEqual(refusal(rmdq, rmdqResponse("2026-11-28", ticked: 1)),
                       "The date 2026-11-28 is in the future; a questionnaire can be dated today (2026-11-27) or earlier.")
        XCTAssertTrue(refusal(rmdq, rmdqResponse("2025-11-25", ticked: 1)).contains("last 366 days"))
    }

    func testPSFSNeedsThreeToFiveNamedActivitiesRatedZeroToTen() {
        XCTAssertEqual(refusal(psfs, psfsResponse("2026-11-27", [1, 2])), "PSFS needs 3 to 5 activities, not 2.")
        XCTAssertEqual(refusal(psfs, psfsResponse("2026-11-27", [1, 2, 3, 4, 5, 6])), "PSFS needs 3 to 5 activities, not 6.")
        XCTAssertEqual(refusal(psfs, psfsResponse("2026-11-27", [1, 2, 11])),
                       "Activity 3 (“Activity 3”) is rated 11; rate it with a whole number from 0 (unable to perform activity) to 10 (able to perform activity at the same level as before injury or problem).")
        var r = psfsResponse("2026-11-27", [1, 2, 3])
        r.activities[2].text = "activity 1"
        XCTAssertEqual(refusal(psfs, r), "“activity 1” is named twice; name each activity once.")
        r.activities[2].text = "   "
        XCTAssertEqual(refusal(psfs, r), "Activity 3 has no name; name each activity in a few words (at most 60 characters).")
        r.activities[2].text = "Lift\u{1B}[2J"
        XCTAssertEqual(refusal(psfs, r), "Activity 3 contains control characters (ESC); use plain text.")
        r.activities[2].text = String(repeating: "a", count: 61)
        XCTAssertEqual(refusal(psfs, r), "Activity 3 is 61 characters; at most 60 fit.")
    }

    func testAnswersOnTheCommandLineAreCountedAndChecked() throws {
        let all = Array(repeating: "0", count: 24)
        XCTAssertEqual(try rmdq.parseAnswers(all.joined(separator: ",")).values.reduce(0, +), 0)
        var keys = all
        keys[0] = "y"
        keys[1] = " 1 "
        XCTAssertEqual(try rmdq.parseAnswers(keys.joined(separator: ","))["1"], 1, "y is the tick's key")
        XCTAssertEqual(try rmdq.parseAnswers(keys.joined(separator: ","))["2"], 1)
        XCTAssertThrowsError(try rmdq.parseAnswers("1,0,1")) {
            XCTAssertEqual("\($0)", "RMDQ has 24 questions, so --answers needs 24 answers separated by commas; 3 were given.")
        }
        XCTAssertThrowsError(try rmdq.parseAnswers("1")) {
            XCTAssertEqual("\($0)", "RMDQ has 24 questions, so --answers needs 24 answers separated by commas; 1 was given.")
        }
        keys[5] = "maybe"
        XCTAssertThrowsError(try rmdq.parseAnswers(keys.joined(separator: ","))) {
            XCTAssertEqual("\($0)", "Answer 6 is “maybe”; accepted answers: 1 or y (Ticked: describes me today); 0 or n (Not ticked).")
        }
        XCTAssertThrowsError(try psfs.parseAnswers("1,2,3")) { XCTAssertTrue("\($0)".contains("--activity")) }
    }

    func testActivitiesOnTheCommandLineAreTextEqualsRating() throws {
        XCTAssertEqual(try psfs.parseActivity("Lifting my baby=4"), RatedActivity("Lifting my baby", 4))
        XCTAssertEqual(try psfs.parseActivity("Sit=stand = 10"), RatedActivity("Sit=stand", 10), "the last = splits")
        XCTAssertThrowsError(try psfs.parseActivity("Walking")) {
            XCTAssertEqual("\($0)", "“Walking” has no rating; write the activity, =, and a whole number from 0 to 10, as in \"Lifting my baby=4\".")
        }
        XCTAssertThrowsError(try psfs.parseActivity("Walking=11")) {
            XCTAssertEqual("\($0)", "“11” is not a rating for “Walking”; use a whole number from 0 (unable to perform activity) to 10 (able to perform activity at the same level as before injury or problem).")
        }
        XCTAssertThrowsError(try psfs.parseActivity("Walking=-1"))
        XCTAssertThrowsError(try rmdq.parseActivity("Walking=1")) { XCTAssertTrue("\($0)".contains("--answers")) }
    }

    // MARK: A broken measure file is named

    func testABrokenMeasureFileIsRefusedByName() throws {
        let folder = try makeTempFolder(self)
        let root = try contentWithABrokenRMDQItem(in: folder)
        XCTAssertThrowsError(try ContentLibrary(folder: root)) {
            XCTAssertEqual("\($0)", "Content file measures/rmdq.json: item “4” has no scale “nope”.")
        }
        let lazy = try ContentLibrary(onDemand: root)
        XCTAssertEqual(lazy.measures.map(\.id), ["pelvic-floor-check-in", "psfs"], "the broken one is left out, the rest still work")
    }

    // MARK: When each is due, without the whole questionnaires (issue 26)

    /// Home's "To do" line asks when each questionnaire is due (`measureTimings`): read from each file's own keys,
    /// no whole questionnaire is decoded for it (a file broken past those keys raises nothing); once the
    /// questionnaires are decoded the timings are theirs, so Home then agrees with Questionnaires.
    func testTheTimingsAreReadFromTheFilesWithoutTheWholeQuestionnaires() throws {
        XCTAssertEqual(sharedContent.measureTimings, sharedContent.measures.map(\.timing))
        XCTAssertEqual(sharedContent.measureTimings.map(\.minutes), sharedContent.measures.map(\.minutes))
        let folder = try makeTempFolder(self)
        let root = try contentWithABrokenRMDQItem(in: folder)
        let lazy = try ContentLibrary(onDemand: root)
        XCTAssertEqual(lazy.measureTimings.map(\.id), ["pelvic-floor-check-in", "psfs", "rmdq"])
        XCTAssertEqual(lazy.problems.map(\.description), [], "no whole questionnaire was decoded for the timings")
        XCTAssertEqual(lazy.measures.map(\.id), ["pelvic-floor-check-in", "psfs"])
        XCTAssertEqual(lazy.measureTimings.map(\.id), ["pelvic-floor-check-in", "psfs"], "decoded, the broken one is left out of both")

        // A file broken in the keys the timing reads is left out of it, named.
        let psfs = root.appendingPathComponent("measures/psfs.json")
        var p = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: psfs)) as? [String: Any])
        p["minutes"] = "three"
        try JSONSerialization.data(withJSONObject: p).write(to: psfs)
        let other = try ContentLibrary(onDemand: root)
        XCTAssertEqual(other.measureTimings.map(\.id), ["pelvic-floor-check-in", "rmdq"])
        XCTAssertEqual(other.problems.count, 1)
        XCTAssertTrue(other.problems.first?.description.contains("measures/psfs.json") == true, "\(other.problems)")
    }

    /// A copy of the shipped content in `folder`, its RMDQ's fourth item naming a scale it does not have.
    private func contentWithABrokenRMDQItem(in folder: URL) throws -> URL {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Resources").standardizedFileURL
        let root = folder.appendingPathComponent("r")
        try FileManager.default.copyItem(at: resources, to: root)
        let file = root.appendingPathComponent("measures/rmdq.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var items = try XCTUnwrap(json["items"] as? [[String: Any]])
        items[3]["scale"] = "nope"
        json["items"] = items
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        return root
    }
}
