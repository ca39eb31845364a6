/// The rules every store enforces, written once in Swift so each backend applies exactly the same ones.
///
/// A backend calls these inside its write transaction, with the data it has just read in that transaction,
/// and writes only when they pass. The database's own constraints (SQLite's CHECKs and triggers) are a second
/// line of defence, never the only one: a PostgreSQL store gets the same behaviour by calling the same rules.
public enum StoreRules {
    /// A new or changed pain entry: score, date and time not in the future, plain-text note, a time the clock
    /// shows in `zone` (not one skipped by a daylight-saving change). Returns it as it is to be stored, with
    /// the offset from UTC in force at its time in `zone` (`LocalZone`: a repeated time is the first of two).
    /// `stored`: the time and offset of the entry it changes, whose offset stays while its time does (a note
    /// corrected on a trip does not move the entry to where she is now).
    public static func checkPain(_ entry: PainEntry, now: LocalDateTime, zone: LocalZone,
                                 stored: (at: LocalDateTime, utcOffset: Int?)? = nil) throws -> PainEntry {
        try entry.validate(now: now)
        var stamped = entry
        let at = LocalDateTime(date: entry.date, time: entry.time)
        if let stored, stored.at == at, let kept = stored.utcOffset {
            stamped.utcOffset = kept
        } else {
            stamped.utcOffset = try zone.utcOffsetMinutes(at: at, field: .painTime)
        }
        return stamped
    }

    /// Why a set-up was refused when another portal set up a patient in the same file first: it says what
    /// happened, so the second set-up is never silently dropped.
    public static let alreadySetUp = "A patient was set up in this portal while you were filling in this form (another portal window open on the same file, perhaps), so your set-up was not saved. Close this window and open the portal again to see that record."

    /// A whole new record (onboarding, the demo), checked before anything is written.
    public static func checkNewRecord(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], storeIsEmpty: Bool,
                                      zone: LocalZone) throws {
        guard storeIsEmpty else { throw PortalError.rule(StoreRules.alreadySetUp) }
        try patient.validateText()
        try checkCarePlan(plan, storedVisits: 0)
        for v in plan.visits { if let start = v.start { try checkVisitTime(start, zone: zone) } }
        try Program.validate(weeks)
    }

    /// A visit's time must be one the clock shows in `zone`: one skipped by a daylight-saving change would
    /// overlap the hour after it in real time, and a calendar would move it.
    static func checkVisitTime(_ start: LocalDateTime, zone: LocalZone) throws {
        _ = try zone.utcOffsetMinutes(at: start, field: .visitStart)
    }

    /// A whole care plan written into a record (`storedVisits` visits are there already: it must be none).
    public static func checkCarePlan(_ plan: CarePlan, storedVisits: Int) throws {
        guard storedVisits == 0 else {
            throw PortalError.rule("This care plan already has its \(plan.size) visits.")
        }
        try plan.validateForSaving()
    }

    /// QA G4: a change of visit `number` is saved only over the visit as the form that changed it read it
    /// (`expected`; nil: whatever it is now), else refused with `Visit.changedMeanwhile`, naming what it is now.
    /// `stored`: the care plan as the write reads it, inside its transaction (`RecordStore.saveVisit(_:over:)`).
    public static func checkVisitUnchanged(_ number: Int, stored: [Visit], expected: Visit?) throws {
        if let expected, let now = stored.first(where: { $0.number == number }), now != expected {
            throw PortalError.rule(now.changedMeanwhile)
        }
    }

    /// QA H6: a change of her details is saved only over her details as the form that changed them was opened
    /// on (`expected`; nil: whatever they are now), else refused with `Patient.changedMeanwhile`, naming what
    /// they say now. `stored`: as the write reads them, inside its transaction. `therapistIsClinics`: her
    /// therapist's name is the clinic's (`RecordDatabase.therapistIsClinics`), not hers to change, so a change
    /// of it by the administrator is no change of what her form writes.
    public static func checkProfileUnchanged(stored: Patient?, expected: Patient?, therapistIsClinics: Bool) throws {
        guard let expected, var now = stored else { return }
        if therapistIsClinics { now.therapist = expected.therapist }
        if now != expected { throw PortalError.rule(now.changedMeanwhile(since: expected)) }
    }

    /// QA H6: a change of a pain entry is saved only over the entry as the form that changed it read it
    /// (`expected`; nil: whatever it is now), else refused with `PainEntry.changedMeanwhile`. `stored`: the entry
    /// of `expected`'s id as the write reads it (nil when it is gone: the update's own "no longer exists" says so).
    public static func checkPainUnchanged(stored: PainEntry?, expected: PainEntry?) throws {
        guard let expected, let now = stored else { return }
        if now != expected { throw PortalError.rule(now.changedMeanwhile(since: expected)) }
    }

    /// A change to one visit, against every visit as stored: the visit exists (visits are changed, never
    /// added), a completed visit keeps its date and status, and the schedule keeps its order without
    /// overlaps (`CarePlan.validateSchedule`). Its text is plain, and a video link it is given (or keeps as it
    /// becomes a video visit) is a secure web address (`Visit.checkVideoLink`); a link stored before that rule
    /// does not stop the visit from being completed.
    /// A new time it is given must be one the clock shows in `zone` (a time stored before that rule is kept).
    public static func checkVisitChange(_ visit: Visit, stored: [Visit], zone: LocalZone) throws {
        try visit.validate()
        try visit.validateText()
        guard let old = stored.first(where: { $0.number == visit.number }) else {
            throw PortalError.rule("A care plan has exactly \(Visit.planSize) visits; visit \(visit.number) does not exist.")
        }
        if let start = visit.start, start != old.start { try checkVisitTime(start, zone: zone) }
        if visit.mode == .virtual, !visit.location.isEmpty, visit.location != old.location || old.mode != .virtual {
            try Visit.checkVideoLink(visit.location)
        }
        if old.status == .completed, visit.start != old.start || visit.status != .completed {
            throw PortalError.rule("Visit \(visit.number) is completed; it keeps its date and status.")
        }
        let others = stored.filter { $0.number != visit.number }
        try CarePlan(visits: others + [visit]).validateSchedule(of: visit)
    }

    /// A new program week against the program as stored: its exercises are in the library, its doses in
    /// range, its text plain, its number the next one and its start date in its window (`Program.startWindow`:
    /// at least a week after the last, and with `today` after today: a new week is never given in the past).
    /// With `patient`, each exercise also keeps its rules (`PrescriptionRules`) at her stage, unless the
    /// therapist marked it as her decision with a reason.
    public static func checkNewWeek(_ week: ProgramWeek, library: ExerciseLibrary, stored: Program, patient: Patient? = nil,
                                    today: CalendarDate?) throws {
        try ProgramWeekFile.validate(week, library: library)
        try stored.validateNewWeek(week, today: today)
        if let patient { try PrescriptionRules(library: library).enforce(week, for: patient) }
    }

    /// The session to record when `exerciseID` is marked done on `date`, against the program as stored and
    /// `sessionsThatDay`, the sessions already recorded that day for that exercise. Only the week current on
    /// `date` counts (an exercise dropped from this week cannot be ticked off from an older week), not a future
    /// date, and not once the day is done by `ExerciseTally`'s rule: a day with a partial session takes another.
    /// `sets` is the sets actually done (nil: all that were prescribed), from 1 to the prescribed sets; `pain`
    /// the pain during it, 0–10. The date is today or one of the `ExerciseSession.maxDaysBack` days before.
    public static func session(exerciseID: String, on date: CalendarDate, today: CalendarDate, program: Program,
                               sessionsThatDay: [ExerciseSession], sets: Int? = nil, pain: Int? = nil) throws -> ExerciseSession {
        guard date <= today else {
            throw PortalError.invalidInput(field: .exerciseDate, "\(date) is in the future; exercises can be marked done for today or earlier.")
        }
        guard date >= today.adding(days: -ExerciseSession.maxDaysBack) else {
            throw PortalError.invalidInput(field: .exerciseDate, "\(date) is more than \(ExerciseSession.maxDaysBack) days ago; exercises can be marked done for the last \(ExerciseSession.maxDaysBack) days (from \(today.adding(days: -ExerciseSession.maxDaysBack))).")
        }
        try checkExercisePain(pain)
        guard let week = program.currentWeek(on: date) else {
            throw PortalError.notFound("Your program has no week for \(date), so there is no exercise to mark done that day.")
        }
        guard let p = week.prescription(for: exerciseID) else {
            throw PortalError.notFound("\(PlainText.quoted(exerciseID)) is not in your program for \(date). Use one of: "
                + week.prescriptions.map(\.exerciseID).joined(separator: ", ") + ".")
        }
        let day = ExerciseTally(dose: p.dose, sessions: sessionsThatDay.filter { $0.exerciseID == exerciseID && $0.date == date })
        guard !day.isDone else {
            let when = date == today ? "today" : "on \(date.shortText)"
            let its = p.dose.timesPerDay == 1 ? "its session is" : "all \(p.dose.timesPerDay) of its sessions are"
            throw PortalError.rule("This exercise is already done \(when): \(its) marked done with every set.")
        }
        let done = sets ?? p.dose.sets
        guard (1...p.dose.sets).contains(done) else {
            throw PortalError.invalidInput(field: .exerciseSets, "Sets done is a whole number from 1 to \(p.dose.sets) (your program asks for \(p.dose.sets) set\(p.dose.sets == 1 ? "" : "s")), not \(done).")
        }
        return ExerciseSession(date: date, exerciseID: exerciseID, week: week.number, setsDone: done, pain: pain)
    }

    /// Pain during an exercise, when given: a whole number 0–10.
    public static func checkExercisePain(_ pain: Int?) throws {
        if let pain, !(0...10).contains(pain) {
            throw PortalError.invalidInput(field: .exercisePain, "Pain during an exercise is a whole number from 0 (no pain) to 10 (worst possible), not \(pain).")
        }
    }

    /// A report of warning signs without a pain score: known signs, not in the future, a plain-text note.
    /// Returns it as it is to be stored, each sign once.
    /// Its time must be one the clock shows in `zone`, and it is stored with its offset from UTC there.
    public static func checkSignReport(_ report: SignReport, guide: SafetyGuide, now: LocalDateTime, zone: LocalZone) throws -> SignReport {
        try report.validate(now: now, guide: guide)
        var unique: [String] = []
        for s in report.signs where !unique.contains(s) { unique.append(s) }
        var checked = report
        checked.signs = unique
        checked.utcOffset = try zone.utcOffsetMinutes(at: LocalDateTime(date: report.date, time: report.time), field: .painTime)
        return checked
    }
}
