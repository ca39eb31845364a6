@testable import PortalCore
import StoreTestSupport
import XCTest

/// QA I8 and I13: a check-in's "burning when you pee" (which the check-in itself answers with "contact your
/// provider now") and a pain of 8 or more logged with a bowel movement were said once, on the spot, and then
/// nowhere: Home, `portal today` and the brief line forgot them. Both now feed the one list of what was
/// reported recently (`SafetyRules.recentSigns`) and the one high score (`PainScore.all`), for as long as a
/// reported sign or a high score from Log pain is said.
final class SafetySaidEverywhereTests: XCTestCase {
    let guide = sharedContent.safety
    let today = day("2026-11-27")

    private func snapshot(checkIns: [QuizResult] = [], bowel: [BowelEntry] = [], on day: CalendarDate? = nil) -> PortalSnapshot {
        let record = PatientRecord(patient: pregnantPatient(), plan: nil, program: Program(weeks: []), sessions: [],
                                   painEntries: [], signReports: [], quizResults: checkIns, bowelEntries: bowel,
                                   readingList: [], articlesRead: [:])
        return PortalSnapshot(clock: PortalClock(today: day ?? today, time: time("12:00")), record: record)
    }

    /// QA M3: her therapist's chart alert names every sign no review covers, whatever its day in the chart's
    /// days; it named only those dated today or yesterday. Hers still goes by the two days.
    func testHerTherapistsAlertNamesEverySignNotReviewedWhateverItsDay() throws {
        var s = snapshot()
        s.signReports = [SignReport(id: 1, date: today.adding(days: -9), time: time("08:00"), signs: ["baby-moving-less"]),
                         SignReport(id: 2, date: today, time: time("09:00"), signs: ["dizziness"])]
        let hers = s.safetyAlerts(guide: guide, viewer: .therapist(login: "maria"))
        let said = try XCTUnwrap(hers.first?.headline)
        for id in ["baby-moving-less", "dizziness"] {
            let words = try XCTUnwrap(guide.sign(id)).text
            XCTAssertTrue(said.contains(words), "\(id): \(said)")
        }
        let own = s.safetyAlerts(guide: guide).map(\.text).joined()
        XCTAssertFalse(own.contains(try XCTUnwrap(guide.sign("baby-moving-less")).text), "her own banner keeps to two days")
        // Older than her chart's days: not in it.
        s.signReports = [SignReport(id: 1, date: today.adding(days: -PortalSnapshot.historyDays - 1), time: time("08:00"), signs: ["dizziness"])]
        XCTAssertEqual(s.safetyAlerts(guide: guide, viewer: .therapist(login: "maria")), [])
    }

    private var everyYes: [String: Bool] { Dictionary(uniqueKeysWithValues: sharedContent.quiz.questions.map { ($0.id, true) }) }

    /// The check-in's questions that report a sign are questions the check-in has, and the sign they report is
    /// the one whose words the check-in's own urgent advice says (burning when peeing: call your provider).
    func testTheCheckInsAnswersThatReportASignAreItsOwnQuestions() throws {
        let ids = Set(sharedContent.quiz.questions.map(\.id))
        let linked = guide.signs.filter { !($0.checkInAnswers ?? []).isEmpty }
        XCTAssertEqual(linked.map(\.id), ["peeing-problems"])
        for sign in linked { XCTAssertTrue(Set(sign.checkInAnswers ?? []).isSubset(of: ids), "\(sign.id): \(sign.checkInAnswers ?? [])") }
        let urgent = sharedContent.quiz.areas.filter { $0.urgent == true }.map(\.area)
        XCTAssertEqual(urgent, ["burning"], "the check-in's only urgent area is the one linked to a sign")
    }

    func testABurningAnswerInTheCheckInIsSaidAsTheSignIs() throws {
        let guide = self.guide, today = self.today
        let checkIn = QuizResult(date: today, answers: everyYes)
        let alerts = snapshot(checkIns: [checkIn]).safetyAlerts(guide: guide)
        let sign = try XCTUnwrap(SafetyRules.alert(for: [try XCTUnwrap(guide.sign("peeing-problems"))], guide: guide, date: today))
        XCTAssertEqual(alerts.map(\.text), [sign.text], "Home's banner and `portal today`: the sign's own message")
        XCTAssertTrue(sign.text.hasPrefix("Important: Call your provider now."), sign.text)
        // The brief line and the reminders read the same list.
        let due = DueToday.items(snapshot(checkIns: [checkIn]), measures: sharedContent.measureTimings, safety: guide)
        XCTAssertEqual(due.first?.kind, .safety)
        XCTAssertEqual(due.first?.text, "Important: Call your provider now.")
        // Said the day after, as a reported sign is; not two days after.
        XCTAssertEqual(snapshot(checkIns: [checkIn], on: today.adding(days: 1)).safetyAlerts(guide: guide).map(\.text), [sign.text])
        XCTAssertEqual(snapshot(checkIns: [checkIn], on: today.adding(days: 2)).safetyAlerts(guide: guide), [])
        // Not a sign that means stopping exercise: her exercises stay as they are.
        XCTAssertNil(snapshot(checkIns: [checkIn]).exerciseStop(guide: guide))
        // Every other "yes" is for her therapist, not an alert.
        var noBurning = everyYes
        noBurning["burning"] = false
        XCTAssertEqual(snapshot(checkIns: [QuizResult(date: today, answers: noBurning)]).safetyAlerts(guide: guide), [])
        // Her therapist is told as she is, for as long (a check-in has no place a review covers).
        let hers = snapshot(checkIns: [checkIn]).safetyAlerts(guide: guide, viewer: .therapist(login: "maria"))
        XCTAssertEqual(hers.map(\.headline), ["She reported: Burning or pain when you pee, or not being able to pee."])
        XCTAssertEqual(hers.map(\.level), [.provider])
        XCTAssertEqual(snapshot(checkIns: [checkIn], on: today.adding(days: 2)).safetyAlerts(guide: guide, viewer: .therapist(login: "maria")), [])
        XCTAssertEqual(snapshot(checkIns: [QuizResult(date: today, answers: noBurning)]).safetyAlerts(guide: guide, viewer: .therapist(login: "maria")), [])
    }

    /// QA J7: the therapist's report lists the check-in's burning when peeing among the warning signs she
    /// reported (it was said only as a check-in topic), as her check-in's, in every format; not when she left
    /// her check-ins out of it.
    func testTheReportListsTheCheckInsSignAmongTheWarningSigns() throws {
        let checkIn = QuizResult(date: today.adding(days: -3), answers: everyYes)
        var s = snapshot(checkIns: [checkIn])
        s.signReports = [SignReport(id: 1, date: today.adding(days: -3), time: time("09:00"), signs: ["fever"])]
        let data = ExportData(today: today, record: s.record, identity: "t", content: sharedContent)
        let report = try TherapistReport(data: data, period: .lastDays(28))
        let burning = "Burning or pain when you pee, or not being able to pee (a check-in answer)"
        XCTAssertEqual(report.warningSigns.map(\.text), [try XCTUnwrap(guide.sign("fever")).text, burning])
        XCTAssertTrue(ReportText.text(report).replacingOccurrences(of: "\n  ", with: " ").contains("24 Nov: " + burning), ReportText.text(report))
        XCTAssertTrue(ReportText.markdown(report).contains(ReportText.escape(burning)))
        XCTAssertTrue(ReportHTML.html(report).contains("24 Nov: " + burning))
        let without = try TherapistReport(data: data.limited(to: Set(ExportSection.allCases).subtracting([.checkins])), period: .lastDays(28))
        XCTAssertEqual(without.warningSigns.map(\.text), [try XCTUnwrap(guide.sign("fever")).text])
        var noBurning = everyYes
        noBurning["burning"] = false
        XCTAssertEqual(try TherapistReport(data: ExportData(today: today, record: snapshot(checkIns: [QuizResult(date: today, answers: noBurning)]).record,
                                                            identity: "t", content: sharedContent), period: .lastDays(28)).warningSigns, [])
    }

    /// Her caseload row says a check-in's burning when peeing as an urgent reason, for the week "lately" covers (a
    /// check-in has no place a review covers, as a high pain has none), in the sign's words.
    func testHerCaseloadRowSaysTheCheckInsSign() throws {
        let checkIn = QuizResult(date: today.adding(days: -3), answers: everyYes)
        var noBurning = everyYes
        noBurning["burning"] = false
        let later = QuizResult(date: today.adding(days: -1), answers: noBurning)
        let row = CaseloadRow(login: "jordan", snapshot: snapshot(checkIns: [checkIn, later]), guide: guide)
        let reason = CaseloadReason.checkInSigns(["Burning or pain when you pee, or not being able to pee"], lastOn: today.adding(days: -3))
        XCTAssertEqual(row.reasons.first, reason)
        XCTAssertTrue(reason.isUrgent)
        XCTAssertEqual(reason.text(today: today), "warning sign in her check-in: Burning or pain when you pee, or not being able to pee (Tue 24 Nov)")
        XCTAssertFalse(CaseloadRow(login: "jordan", snapshot: snapshot(checkIns: [checkIn], on: today.adding(days: 4)), guide: guide).reasons.contains(reason),
                       "a week back and no further")
        XCTAssertFalse(CaseloadRow(login: "jordan", snapshot: snapshot(checkIns: [later]), guide: guide).reasons.contains { $0.isUrgent })
    }

    func testHighPainWithABowelMovementIsKeptAsLogPainsIs() throws {
        let bowel = BowelEntry(date: today, time: time("07:40"), type: .four, straining: true, pain: 10)
        let alerts = snapshot(bowel: [bowel]).safetyAlerts(guide: guide)
        XCTAssertEqual(alerts.map(\.level), [.highPain])
        XCTAssertEqual(alerts.first?.text, "High pain: You logged pain of 10 out of 10 with a bowel movement. " + guide.painAdvice)
        XCTAssertEqual(snapshot(bowel: [bowel], on: today.adding(days: 1)).safetyAlerts(guide: guide).count, 1, "the day after too")
        XCTAssertEqual(snapshot(bowel: [bowel], on: today.adding(days: 2)).safetyAlerts(guide: guide), [], "as long as Log pain's")
        var seven = bowel
        seven.pain = 7
        XCTAssertEqual(snapshot(bowel: [seven]).safetyAlerts(guide: guide), [])
        XCTAssertEqual(snapshot(bowel: [bowel]).safetyAlerts(guide: guide, viewer: .therapist(login: "maria")).first?.headline,
                       "She logged pain of 10 out of 10 with a bowel movement.")
        // The bowel log's own advice says it in the same words.
        XCTAssertEqual(SafetyRules.advice(for: bowel, stage: nil, guide: guide).first, "High pain: Pain of 10 out of 10 with a bowel movement. " + guide.painAdvice)
    }

    /// QA-j J2 and J3: a leak logged is pointed to the warning sign it may be, in the sign's own words with its
    /// action: leaked stool to a new loss of bowel control (911, at any stage), a leak in pregnancy that wet or
    /// soaked her or came with nothing in particular to fluid from the vagina (call your provider).
    func testALeakLoggedIsPointedToTheWarningSignItMayBe() throws {
        let born = Stage.postpartum(birthDate: day("2026-11-01"), delivery: .vaginal), pregnant = pregnantPatient().stage
        let stool = BowelEntry(date: today, time: time("07:40"), type: .six, leaks: [.liquid])
        let said = SafetyRules.advice(for: stool, stage: born, guide: guide)
        XCTAssertEqual(said, [guide.stoolLeakAdvice, "If this is new and sudden, it may be a warning sign: new numbness between your legs or "
            + "around your genitals or anus, new loss of bladder or bowel control, or new leg weakness. Call 911 now. Tell them you are "
            + "pregnant or have had a baby in the last year."])
        XCTAssertEqual(SafetyRules.advice(for: stool, stage: pregnant, guide: guide), said, "a sign of any stage")
        XCTAssertEqual(SafetyRules.advice(for: BowelEntry(date: today, time: time("07:40"), type: .four, leaks: [.gas]), stage: born, guide: guide), [])

        let soaked = BladderEvent.leak(today, time("09:00"), amount: .soaked, activity: .cough)
        XCTAssertEqual(SafetyRules.advice(for: soaked, stage: pregnant, guide: guide), [
            "If this could be fluid from the vagina rather than pee, it is a warning sign: fluid leaking or gushing from the vagina. "
            + guide.providerAdvice])
        XCTAssertEqual(SafetyRules.advice(for: BladderEvent.leak(today, time("09:00"), amount: .drops, activity: .nothing), stage: pregnant, guide: guide).count, 1,
                       "a leak with nothing in particular")
        XCTAssertEqual(SafetyRules.advice(for: BladderEvent.leak(today, time("09:00"), amount: .drops, activity: .cough), stage: pregnant, guide: guide), [],
                       "a few drops on a cough: common, nothing to point to")
        XCTAssertEqual(SafetyRules.advice(for: BladderEvent.leak(today, time("09:00")), stage: pregnant, guide: guide), [], "no details yet")
        XCTAssertEqual(SafetyRules.advice(for: BladderEvent.leak(today, time("09:00"), amount: .soaked, activity: .urge), stage: pregnant, guide: guide), [],
                       "on the way to the toilet: an urge says it was pee")
        XCTAssertEqual(SafetyRules.advice(for: soaked, stage: born, guide: guide), [], "the sign is pregnancy's")
        XCTAssertEqual(SafetyRules.advice(for: BladderEvent.pee(today, time("09:00")), stage: pregnant, guide: guide), [])
    }

    /// Her therapist's report and her caseload row count a high pain with a bowel movement as Home does: the
    /// report among its days of pain 8 or more, the row as her high pain (they took Log pain's and, for the
    /// report, the exercises' only).
    func testTheReportAndTheCaseloadCountHighPainWithABowelMovement() throws {
        let bowel = [BowelEntry(date: today.adding(days: -2), time: time("07:40"), type: .four, pain: 9),
                     BowelEntry(date: today.adding(days: -1), time: time("08:10"), type: .five, pain: 3)]
        let s = snapshot(bowel: bowel)
        let report = try TherapistReport(data: ExportData(today: today, record: s.record, identity: "t", content: sharedContent), period: .lastDays(28))
        XCTAssertEqual(report.highPainDays, [.init(date: today.adding(days: -2), max: 9)])
        XCTAssertTrue(ReportText.text(report).contains("Days with pain of 8 or more: 25 Nov (9)."), ReportText.text(report))
        XCTAssertTrue(ReportText.markdown(report).contains("**Days with pain of 8 or more:** 2026-11-25 (9)"))
        XCTAssertTrue(ReportHTML.html(report).contains("<strong>Days with pain of 8 or more:</strong> 25 Nov (9).</p>"))
        // The bowel log left out of the report takes its pain with it.
        let without = try TherapistReport(data: ExportData(today: today, record: s.record, identity: "t", content: sharedContent)
            .limited(to: Set(ExportSection.allCases).subtracting([.bowel])), period: .lastDays(28))
        XCTAssertEqual(without.highPainDays, [])

        let row = CaseloadRow(login: "jordan", snapshot: s, guide: guide)
        XCTAssertEqual(row.reasons.first, .highPain(score: 9, on: today.adding(days: -2)))
        // As for Log pain's: a week back and no further.
        XCTAssertFalse(CaseloadRow(login: "jordan", snapshot: snapshot(bowel: bowel, on: today.adding(days: 5)), guide: guide)
            .reasons.contains { if case .highPain = $0 { return true } else { return false } })
    }
}
