import Foundation
import PortalCore
import XCTest

/// Drafts (issue 23, point 3): only a clinic therapist's new weeks wait to be published. A file, and a patient's
/// own login, has none: saving a draft and publishing are refused and change nothing, and no week reads as one.
extension StoreContract {
    func checkOnlyATherapistsWeeksAreDrafts() throws {
        let store = try seededStore()
        XCTAssertFalse(store.addsDraftWeeks)
        XCTAssertEqual(try store.draftWeeks(), [])
        XCTAssertEqual(try store.snapshot(clock: PortalClock(today: day("2026-11-27"), time: time("12:00"))).draftWeeks, [])
        let next = try XCTUnwrap(WeekDraft.next(after: try store.program(), today: day("2026-11-27"))).week
        try assertRefused(store, "no drafts here") { try store.saveDraftWeek(next, library: sharedContent.exercises, today: next.starts.adding(days: -1)) }
        try assertRefused(store, "nothing to publish") { try store.publishWeek(1) }
        // Nor a week published in place of one to come: her own weeks change with her details, never from here.
        var upcoming = try XCTUnwrap(try store.program().weeks.last)
        upcoming.origin = .therapist
        try assertRefused(store, "nobody else's week to replace") {
            try store.publishWeek(upcoming, library: sharedContent.exercises, today: upcoming.starts.adding(days: -1))
        }
    }
}

extension StoreContract {
    /// A draft is never her week under way, even once its start date has come: not on her therapist's chart,
    /// not for her, until her therapist publishes it. Beside her own file (no drafts, nobody else's session)
    /// the week whose day has come is the week under way, as ever.
    func checkADraftWhoseDayHasComeIsNotTheCurrentWeek() throws {
        let (store, therapist) = try storeWithTherapist()
        let later = PortalClock(today: day("2026-11-20"), time: time("12:00"))
        guard let therapist else {
            XCTAssertEqual(try store.snapshot(clock: later).currentWeek?.number, 2)
            return
        }
        let next = try XCTUnwrap(WeekDraft.next(after: try therapist.program(), today: day("2026-11-10"))).week
        XCTAssertLessThanOrEqual(next.starts, later.today, "the draft's day has come")
        try therapist.saveDraftWeek(next, library: sharedContent.exercises, today: next.starts.adding(days: -1))
        XCTAssertEqual(try therapist.draftWeeks(), [next.number])
        for (who, session) in [("her therapist", therapist), ("she", store)] {
            XCTAssertEqual(try session.snapshot(clock: later).currentWeek?.number, 2, "\(who): the draft is not the week under way")
            XCTAssertEqual(try session.program().currentWeek(on: later.today)?.number, 2, who)
        }
        try pinServerDay(day("2026-11-10"))
        defer { try? unpinServerDay() }
        try therapist.publishWeek(next.number)
        for (who, session) in [("her therapist", therapist), ("she", store)] {
            XCTAssertEqual(try session.snapshot(clock: later).currentWeek?.number, next.number, "\(who): published, it is")
        }
    }
}

extension StoreContract {
    /// A draft her therapist wrote while she was pregnant and published after the birth was recorded keeps what
    /// it was planned for when it was written: her pregnancy (it was given her stage at publishing, so the
    /// after-birth check no longer named it). Beside her own file (no drafts) a week is hers as it is added, and
    /// keeps what it was planned for through the birth (`checkEachWeekIsPlannedForHerStageWhenWritten`).
    func checkADraftPublishedAfterTheBirthKeepsWhatItWasPlannedFor() throws {
        let (store, therapist) = try storeWithTherapist()  // pregnant; weeks 1 and 2 (2 and 9 Nov); today is 10 Nov
        let library = sharedContent.exercises
        let theirs = ProgramWeek(number: 3, starts: day("2026-11-16"), note: "From her", prescriptions: [rx("ankle-pumps")])
        // Her details as stored, with the birth (in a clinic her therapist's name is the clinic's, not hers to
        // change: QA H10).
        var born = try XCTUnwrap(try store.patient())
        born.stage = .postpartum(birthDate: day("2026-11-08"), delivery: .vaginal)
        born.conditions = []
        guard let therapist else {
            try store.addProgramWeek(theirs, library: library, today: today)
            try store.updateProfile(born, readingList: ["a"], today: today)
            XCTAssertEqual(try store.program().plannedFor[3], .pregnancy)
            return
        }
        try pinServerDay(today)
        defer { try? unpinServerDay() }
        try therapist.saveDraftWeek(theirs, library: library, today: today)
        XCTAssertEqual(try therapist.program().plannedFor[3], .pregnancy, "written while she is pregnant")
        try careTeam(of: store).updateProfile(born, readingList: ["a"], today: today)
        // Published from her editor, as it shows the draft: in place of the draft, planned as the draft was.
        try therapist.publishWeek(theirs, library: library, today: today)
        for (who, session) in [("her therapist", therapist), ("she", store)] {
            let program = try session.program()
            XCTAssertEqual(program.plannedFor[3], .pregnancy, who)
            XCTAssertTrue(program.plannedForPregnancy(try XCTUnwrap(program.week(number: 3)), birth: day("2026-11-08")), who)
        }
        let check = try XCTUnwrap(try store.snapshot(clock: PortalClock(today: today, time: time("12:00"))).afterBirth)
        XCTAssertEqual(check.therapistWeeks, [3], "the after-birth check names it as planned for her pregnancy")
        // A week her therapist writes after the birth is planned for after it.
        let next = ProgramWeek(number: 4, starts: day("2026-11-23"), note: "", prescriptions: [rx("ankle-pumps")])
        try therapist.publishWeek(next, library: library, today: today)
        XCTAssertEqual(try store.program().plannedFor[4], .afterBirth)
    }
}
