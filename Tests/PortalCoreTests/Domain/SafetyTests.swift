@testable import PortalCore
import StoreTestSupport
import XCTest

final class SafetyTests: XCTestCase {
    let guide = sharedContent.safety
    let today = day("2026-11-27")

    func testHighPainRaisesTheContactYourProviderMessage() {
        let e = [PainEntry(date: today, time: time("08:00"), score: 8)]
        let alerts = SafetyRules.alerts(for: e, guide: guide, today: today)
        XCTAssertEqual(alerts.map(\.level), [.highPain])
        XCTAssertEqual(alerts.first?.advice, guide.painAdvice)
        XCTAssertTrue(SafetyRules.alerts(for: [PainEntry(date: today, time: time("08:00"), score: 7)], guide: guide, today: today).isEmpty)
    }

    func testOldEntriesNoLongerAlert() {
        let e = [PainEntry(date: today.adding(days: -2), time: time("08:00"), score: 9)]
        XCTAssertTrue(SafetyRules.alerts(for: e, guide: guide, today: today).isEmpty)
    }

    func testEmergencySignsComeFirst() throws {
        let emergency = try XCTUnwrap(guide.signs.first { $0.urgency == .emergency })
        let provider = try XCTUnwrap(guide.signs.first { $0.urgency == .provider })
        let e = [PainEntry(date: today, time: time("08:00"), score: 9, warningSigns: [provider.id, emergency.id])]
        let alerts = SafetyRules.alerts(for: e, guide: guide, today: today)
        XCTAssertEqual(alerts.map(\.level), [.emergency, .highPain])
        XCTAssertTrue(alerts[0].headline.contains(emergency.text))
    }

    /// QA G3: thoughts of harm (911, not on ACOG's stop list) with heavy bleeding (call your provider, on it):
    /// Home said "Emergency: Stop exercising and call 911 now." and the Exercises screen "Important: Stop
    /// exercising and call your provider now."; thoughts of harm alone stopped nothing. The stop now says Home's
    /// action at Home's level, for every 911 sign; a provider sign off ACOG's list still stops nothing.
    func testTheStopOnExerciseSaysHomesMostUrgentAction() throws {
        func stop(_ ids: [String]) -> SafetyAlert? {
            SafetyRules.exerciseStop(entries: [], reports: [SignReport(date: today, time: time("08:00"), signs: ids)], guide: guide, today: today)
        }
        func home(_ ids: [String]) -> SafetyAlert? {
            SafetyRules.alerts(for: [], reports: [SignReport(date: today, time: time("08:00"), signs: ids)], guide: guide, today: today).first
        }
        for ids in [["thoughts-of-harm", "heavy-bleeding"], ["heavy-bleeding", "thoughts-of-harm"], ["thoughts-of-harm"],
                    ["seizure"], ["chest-pain", "heavy-bleeding"], ["heavy-bleeding"],
                    ["thoughts-of-harm", "heavy-bleeding", "leg-swelling", "fever", "severe-headache", "incision-not-healing"]] {
            let s = try XCTUnwrap(stop(ids), "\(ids)"), h = try XCTUnwrap(home(ids))
            XCTAssertEqual(s.level, h.level, "\(ids)")
            XCTAssertEqual(s.text, "\(h.level.word) \(h.firstSentence)", "\(ids)")
        }
        XCTAssertEqual(stop(["thoughts-of-harm", "heavy-bleeding"])?.text, "Emergency: Stop exercising and call 911 now.")
        XCTAssertEqual(stop(["thoughts-of-harm"])?.text, "Emergency: Call 911 now.")
        XCTAssertEqual(stop(["heavy-bleeding"])?.text, "Important: Stop exercising and call your provider now.")
        XCTAssertNil(stop(["fever"]), "a provider sign off ACOG's stop list leaves her exercises")
        XCTAssertNil(stop(["low-mood", "mastitis"]))
        for sign in guide.signs where sign.urgency == .emergency {
            XCTAssertEqual(stop([sign.id])?.level, .emergency, sign.id)
        }
    }

    func testSignsFollowTheStage() {
        let pregnant = guide.signs(for: .pregnant(dueDate: day("2027-02-01"))).map(\.stage)
        let postpartum = guide.signs(for: .postpartum(birthDate: day("2026-10-01"), delivery: .vaginal)).map(\.stage)
        XCTAssertFalse(pregnant.contains(.postpartum))
        XCTAssertFalse(postpartum.contains(.pregnant))
        XCTAssertTrue(pregnant.contains(.pregnant))
    }

    // Issue 7, points 2, 3, 4, 6 and 12: each sign's level and stage, as the sources give them.
    func testEachSignHasItsLevelAndStage() {
        let expected: [String: (SignStage, Urgency)] = [
            "chest-pain": (.any, .emergency), "trouble-breathing": (.any, .emergency), "seizure": (.any, .emergency),
            "thoughts-of-harm": (.any, .emergency), "dizziness-fainting": (.any, .emergency),
            "nerve-emergency": (.any, .emergency), "breathless-before-exercise": (.pregnant, .emergency),
            "vaginal-bleeding": (.pregnant, .provider), "fluid-leak": (.pregnant, .provider), "contractions": (.pregnant, .provider),
            "baby-moving-less": (.pregnant, .provider), "hip-groin-limp": (.pregnant, .provider),
            "weakness-balance": (.pregnant, .provider), "severe-nausea": (.any, .provider),
            "psychosis-signs": (.postpartum, .emergency),
            "heavy-bleeding": (.postpartum, .provider), "bad-smelling-discharge": (.postpartum, .provider),
            "incision-not-healing": (.postpartum, .provider), "mastitis": (.postpartum, .provider),
            "severe-headache": (.any, .provider), "vision-changes": (.any, .provider), "leg-swelling": (.any, .provider),
            "fever": (.any, .provider), "dizziness": (.any, .provider), "severe-belly-pain": (.any, .provider),
            "extreme-swelling": (.any, .provider), "peeing-problems": (.any, .provider), "low-mood": (.any, .provider),
            "overwhelming-tiredness": (.any, .provider),
        ]
        XCTAssertEqual(Set(guide.signs.map(\.id)), Set(expected.keys))
        for sign in guide.signs {
            XCTAssertEqual(sign.stage, expected[sign.id]?.0, sign.id)
            XCTAssertEqual(sign.urgency, expected[sign.id]?.1, sign.id)
        }
    }

    func testSignWordingCoversWhatTheSourcesList() throws {
        let text = { (id: String) in self.guide.sign(id)?.text.lowercased() ?? "" }
        for word in ["c-section", "stitches", "red", "swollen", "hot", "pus", "opening", "more painful"] {
            XCTAssertTrue(text("incision-not-healing").contains(word), word)
        }
        XCTAssertTrue(text("severe-headache").contains("won't go away or gets worse"))
        XCTAssertTrue(text("low-mood").contains("more than two weeks"))
        for word in ["numbness", "genitals", "anus", "bladder or bowel", "leg weakness"] { XCTAssertTrue(text("nerve-emergency").contains(word), word) }
        XCTAssertTrue(try XCTUnwrap(guide.sign("nerve-emergency")?.advice).contains("After birth, small leaks"))
        XCTAssertTrue(text("mastitis").contains("fever"))
        XCTAssertTrue(text("peeing-problems").contains("burning") && text("peeing-problems").contains("not being able to pee"))
        XCTAssertTrue(guide.providerAdvice.contains("now"))
        XCTAssertFalse(guide.providerAdvice.contains("today"))
        // High pain with chest pain, trouble breathing or fainting is a 911 call.
        XCTAssertTrue(guide.painAdvice.contains("Chest pain, trouble breathing or fainting: call 911."), guide.painAdvice)
    }

    /// Issue 18, point 3: severe nausea is a sign in the year after the birth too (CDC Hear Her), and each
    /// sign's advice fits it: "Stop exercising" for the signs that mean stopping, not for low mood or burning
    /// when peeing. Point 4: postpartum psychosis is a 911 call.
    func testEachSignsAdviceFitsTheSign() throws {
        let after = Stage.postpartum(birthDate: day("2026-10-01"), delivery: .vaginal)
        XCTAssertTrue(guide.signs(for: after).contains { $0.id == "severe-nausea" })
        let advice = { (id: String) in SafetyRules.alert(for: [self.guide.sign(id)!], guide: self.guide, date: self.today)!.advice }
        for id in ["low-mood", "peeing-problems", "fever", "mastitis", "thoughts-of-harm", "overwhelming-tiredness"] {
            XCTAssertFalse(advice(id).lowercased().contains("exercis"), "\(id): \(advice(id))")
        }
        XCTAssertTrue(advice("vaginal-bleeding").hasPrefix("Stop exercising and call your provider now."), advice("vaginal-bleeding"))
        XCTAssertTrue(advice("chest-pain").hasPrefix("Stop exercising and call 911 now."), advice("chest-pain"))
        XCTAssertTrue(advice("low-mood").hasPrefix("Call your provider now."), advice("low-mood"))
        let psychosis = try XCTUnwrap(guide.sign("psychosis-signs"))
        XCTAssertEqual(psychosis.urgency, .emergency)
        for word in ["confusion", "hearing things", "against you"] { XCTAssertTrue(psychosis.text.lowercased().contains(word), word) }
        XCTAssertTrue(advice("psychosis-signs").contains("postpartum psychosis"))
    }

    func testThoughtsOfHarmShowTheCrisisLinesBeside911() throws {
        let e = [PainEntry(date: today, time: time("08:00"), score: 1, warningSigns: ["thoughts-of-harm"])]
        let alert = try XCTUnwrap(SafetyRules.alerts(for: e, guide: guide, today: today).first)
        XCTAssertEqual(alert.level, .emergency)
        for needle in ["911", "988", "1-833-852-6262"] { XCTAssertTrue(alert.text.contains(needle), needle) }
        let mood = try XCTUnwrap(SafetyRules.alert(for: [try XCTUnwrap(guide.sign("low-mood"))], guide: guide, date: today))
        XCTAssertEqual(mood.level, .provider)
        XCTAssertTrue(mood.text.contains("1-833-852-6262"))
    }

    func testSignsReportedWithoutAPainScoreRaiseTheSameMessage() throws {
        let report = SignReport(date: today.adding(days: -1), time: time("21:00"), signs: ["fever", "chest-pain"])
        let entry = PainEntry(date: today.adding(days: -1), time: time("21:00"), score: 2, warningSigns: ["fever", "chest-pain"])
        let fromReport = SafetyRules.alerts(for: [], reports: [report], guide: guide, today: today)
        XCTAssertEqual(fromReport, SafetyRules.alerts(for: [entry], guide: guide, today: today))
        XCTAssertEqual(fromReport.map(\.level), [.emergency])
        XCTAssertTrue(fromReport[0].text.hasPrefix("Emergency: Stop exercising and call 911 now."), fromReport[0].text)
        XCTAssertTrue(fromReport[0].text.contains("You reported: Chest pain"), fromReport[0].text)
        let old = SignReport(date: today.adding(days: -2), time: time("21:00"), signs: ["fever"])
        XCTAssertTrue(SafetyRules.alerts(for: [], reports: [old], guide: guide, today: today).isEmpty)
        XCTAssertEqual(SafetyAlert.Level.highPain.word, "High pain:")
    }

    func testSignReportsAreCheckedBeforeSaving() throws {
        let now = LocalDateTime(date: today, time: time("12:00"))
        XCTAssertThrowsError(try SignReport(date: today, time: time("09:00"), signs: []).validate(now: now, guide: guide))
        XCTAssertThrowsError(try SignReport(date: today, time: time("09:00"), signs: ["sore-toe"]).validate(now: now, guide: guide))
        XCTAssertThrowsError(try SignReport(date: today, time: time("13:00"), signs: ["fever"]).validate(now: now, guide: guide))
        XCTAssertNoThrow(try SignReport(date: today, time: time("09:00"), signs: ["fever"]).validate(now: now, guide: guide))
    }
}

/// Issue 19, point 1: pain during an exercise is pain. It raises the message Log pain raises, in the same words,
/// and counts among the report's days of pain 8 or more.
final class PainDuringAnExerciseTests: XCTestCase {
    let guide = sharedContent.safety
    let today = day("2026-11-27")

    func testTenOutOfTenDuringAnExerciseRaisesLogPainsMessage() {
        let during = [ExerciseSession(date: today, exerciseID: "clamshell", week: 1, setsDone: 2, pain: 10)]
        let logged = [PainEntry(date: today, time: time("08:00"), score: 10)]
        let fromExercise = SafetyRules.alerts(for: [], sessions: during, guide: guide, today: today)
        XCTAssertEqual(fromExercise.map(\.text), SafetyRules.alerts(for: logged, guide: guide, today: today).map(\.text))
        XCTAssertEqual(fromExercise.map(\.level), [.highPain])
        // Seven and below say nothing, and a session three days back is no longer news, as for an entry.
        var seven = during
        seven[0].pain = 7
        XCTAssertTrue(SafetyRules.alerts(for: [], sessions: seven, guide: guide, today: today).isEmpty)
        XCTAssertTrue(SafetyRules.alerts(for: [], sessions: during, guide: guide, today: today.adding(days: 3)).isEmpty)
    }

    func testTheSnapshotHomeDrawsFromRaisesIt() {
        let record = PatientRecord(patient: pregnantPatient(), plan: nil, program: Program(weeks: []),
                                   sessions: [ExerciseSession(date: today, exerciseID: "clamshell", week: 1, setsDone: 2, pain: 9)],
                                   painEntries: [], signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let snap = PortalSnapshot(clock: PortalClock(today: today, time: time("12:00")), record: record)
        XCTAssertEqual(snap.safetyAlerts(guide: guide).first?.text.hasPrefix("High pain: You logged pain of 9 out of 10."), true)
    }

    func testTheReportCountsItAmongTheDaysOfHighPain() throws {
        let program = Program(weeks: [ProgramWeek(number: 1, starts: day("2026-11-20"), note: "", prescriptions: [rx("clamshell")])])
        let record = PatientRecord(patient: pregnantPatient(), plan: nil, program: program,
                                   sessions: [ExerciseSession(date: day("2026-11-25"), exerciseID: "clamshell", week: 1, setsDone: 2, pain: 10)],
                                   painEntries: [PainEntry(date: day("2026-11-26"), time: time("08:00"), score: 8),
                                                 PainEntry(date: day("2026-11-25"), time: time("08:00"), score: 3)],
                                   signReports: [], quizResults: [], readingList: [], articlesRead: [:])
        let data = ExportData(today: today, record: record, identity: "t", content: sharedContent)
        let r = try TherapistReport(data: data, period: .lastDays(28))
        XCTAssertEqual(r.highPainDays, [.init(date: day("2026-11-25"), max: 10), .init(date: day("2026-11-26"), max: 8)])
        XCTAssertTrue(ReportText.text(r).contains("Days with pain of 8 or more: 25 Nov (10), 26 Nov (8)."), ReportText.text(r))
    }
}
