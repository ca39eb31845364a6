import Foundation

/// The therapist's next program week while she writes it: where it starts from (the latest week, as
/// `portal program template` prints it), what she may change, what changed from the week before (the patient's
/// "New this week"), which precautions it breaks, and the check the store makes when she saves it. Pure: it
/// reads nothing but its arguments, so the editor on screen and the commands share it.
public struct WeekDraft: Sendable, Hashable {
    /// The week being written: the therapist's (`origin` is `.therapist`).
    public var week: ProgramWeek
    /// The week before it, which the patient's "New this week" compares it with; nil for a first week.
    public private(set) var previous: ProgramWeek?

    /// The published week it takes the place of once published (a week not started yet); nil for a new week.
    public private(set) var replaces: ProgramWeek?

    public init(week: ProgramWeek, previous: ProgramWeek?, replaces: ProgramWeek? = nil) {
        self.week = week
        self.previous = previous
        self.replaces = replaces
    }

    /// The week after the latest of `program`: its exercises and doses, numbered to follow it, with no note of
    /// its own yet. It starts on the earliest day its window allows (`Program.startWindow`): 7 days after the
    /// latest week does, or tomorrow when that day has come or passed (her program has run out: a new week is
    /// never given in the past). Nil for a program with no weeks.
    public static func next(after program: Program, today: CalendarDate) -> WeekDraft? {
        guard let latest = program.weeks.last else { return nil }
        let window = program.startWindow(forWeek: latest.number + 1, today: today)
        let starts = window.earliest ?? today.adding(days: Program.newWeekLeadDays)
        let week = ProgramWeek(number: latest.number + 1, starts: starts, note: "", prescriptions: latest.prescriptions,
                               origin: .therapist)
        return WeekDraft(week: week, previous: latest)
    }

    /// Next week, the therapist's weekly work (issue 23 point 3: "she starts from the current week"): the week
    /// after the one under way on `today`, from the current week's exercises and doses. When that week is
    /// already in the program and has not started, it keeps its number and first day and is replaced when
    /// published; when it is her own earlier week (`WeekOrigin.therapist`), she goes on from what she wrote
    /// there (exercises, doses, note) rather than losing it, and a generated one gives way to this week's program
    /// (its changes from this week are then the ones she makes). Nil when no week is under way, or the next
    /// one has started or is a draft (the caller then goes on from the latest week: `next(after:today:)`).
    public static func following(current program: Program, today: CalendarDate) -> WeekDraft? {
        guard let current = program.currentWeek(on: today) else { return nil }
        guard let upcoming = program.week(number: current.number + 1) else { return next(after: program, today: today) }
        guard !Program.hasStarted(upcoming, on: today), !program.drafts.contains(upcoming.number) else { return nil }
        let hers = upcoming.origin == .therapist
        let week = ProgramWeek(number: upcoming.number, starts: upcoming.starts, note: hers ? upcoming.note : "",
                               prescriptions: hers ? upcoming.prescriptions : current.prescriptions, origin: .therapist)
        return WeekDraft(week: week, previous: current, replaces: upcoming)
    }

    /// The next week not started on `today`, to write in its place (the template on her own portal, where an
    /// import replaces it: `RecordStore.addProgramWeek`): `following` when a week is under way, else the first
    /// week not started yet, from its own exercises (a program whose first week is still to come). Nil when
    /// there is none (the caller goes on from the latest week: `next(after:today:)`).
    public static func upcoming(in program: Program, today: CalendarDate) -> WeekDraft? {
        if program.currentWeek(on: today) != nil { return following(current: program, today: today) }
        guard let first = program.weeks.first(where: { !Program.hasStarted($0, on: today) && !program.drafts.contains($0.number) }) else { return nil }
        let week = ProgramWeek(number: first.number, starts: first.starts, note: first.origin == .therapist ? first.note : "",
                               prescriptions: first.prescriptions, origin: .therapist)
        return WeekDraft(week: week, previous: program.previous(to: first), replaces: first)
    }

    /// Week `number` of `program` (a draft saved before) to go on with, after the week before it.
    public static func editing(_ number: Int, in program: Program) -> WeekDraft? {
        guard let week = program.week(number: number) else { return nil }
        return WeekDraft(week: week, previous: program.previous(to: week))
    }

    /// What changed from the week before: the patient's "New this week" is made from the same diff.
    public var changes: ProgramDiff { ProgramDiff(from: previous, to: week) }

    /// How `exerciseID` changed from the week before (nil: as it was; everything is new in a first week).
    public func change(of exerciseID: String) -> DoseChange? {
        guard previous != nil else { return nil }
        return changes.change(of: exerciseID)
    }

    // MARK: Changes

    /// Adds `exerciseID` at the end, at the dose it had the week before when it is coming back, else at the
    /// library's dose. Refused when the library does not know it, it is in the week already, or the week is full.
    public mutating func add(_ exerciseID: String, library: ExerciseLibrary) throws {
        guard let exercise = library.exercise(exerciseID) else {
            throw PortalError.invalidInput(field: .programExercise, "\(PlainText.quoted(exerciseID)) is not in the exercise library.")
        }
        guard week.prescription(for: exerciseID) == nil else {
            throw PortalError.rule("\(exercise.name) is in week \(week.number) already.")
        }
        guard week.prescriptions.count < ProgramWeekFile.maxPrescriptions else {
            throw PortalError.rule("Week \(week.number) has \(ProgramWeekFile.maxPrescriptions) exercises, the most a week holds; remove one first.")
        }
        let dose = previous?.prescription(for: exerciseID)?.dose ?? exercise.dose
        week.prescriptions.append(Prescription(exerciseID: exerciseID, dose: dose))
    }

    public mutating func remove(_ exerciseID: String) {
        week.prescriptions.removeAll { $0.exerciseID == exerciseID }
    }

    /// Sets one number of a dose; refused outside its limits (`Dose.Field.range`), with the limits named.
    public mutating func set(_ field: Dose.Field, of exerciseID: String, to value: Int) throws {
        guard field.range.contains(value) else {
            throw PortalError.invalidInput(field: .programExercise,
                                           "\(field.label) is \(field.range.lowerBound) to \(field.range.upperBound), not \(value).")
        }
        update(exerciseID) { $0.dose[keyPath: field.keyPath] = value }
    }

    /// Moves one number of a dose `steps` steps (`Dose.Field.step`) up or down, stopping at its limits.
    public mutating func step(_ field: Dose.Field, of exerciseID: String, by steps: Int) {
        update(exerciseID) { p in
            let value = p.dose[keyPath: field.keyPath] + steps * field.step
            p.dose[keyPath: field.keyPath] = min(max(value, field.range.lowerBound), field.range.upperBound)
        }
    }

    public mutating func setSide(_ side: Side, of exerciseID: String) {
        update(exerciseID) { $0.dose.side = side }
    }

    /// Records the exercise as the therapist's decision despite a rule it breaks, with her reason (which the
    /// patient is shown); an empty reason takes the decision back.
    public mutating func decide(_ exerciseID: String, reason: String) {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        update(exerciseID) { $0.therapistDecision = text }
    }

    /// Where the week may start among the other weeks of `program` on `today` (`Program.startWindow`, the rule
    /// saving and publishing check): the week it replaces, and a draft of its number, make way.
    public func startWindow(in program: Program, today: CalendarDate) -> Program.StartWindow {
        Program(weeks: program.weeks.filter { $0.number != week.number }).startWindow(forWeek: week.number, today: today)
    }

    /// Moves the week's first day by `days`, no further than `window` allows (the days saving accepts); false
    /// when it stopped at the window's edge (or was there already).
    @discardableResult
    public mutating func moveStart(by days: Int, within window: Program.StartWindow) -> Bool {
        let wanted = week.starts.adding(days: days)
        week.starts = window.clamp(wanted)
        return week.starts == wanted
    }

    private mutating func update(_ exerciseID: String, _ change: (inout Prescription) -> Void) {
        guard let i = week.prescriptions.firstIndex(where: { $0.exerciseID == exerciseID }) else { return }
        change(&week.prescriptions[i])
    }

    // MARK: Checks

    /// The last day the week is followed, as the rules judge it (`PrescriptionRules.lastDay`).
    public var lastDay: CalendarDate { PrescriptionRules.lastDay(of: week, next: nil) }

    /// Every rule the week's exercises break for `patient` over its days, those she marked as her decision
    /// included (so the editor can show them beside the exercise, decided or not).
    public func ruleBreaks(for patient: Patient, library: ExerciseLibrary) -> [RuleBreak] {
        PrescriptionRules(library: library).check(week, for: patient, includingDecisions: true)
    }

    /// What saving would refuse, checked as the store checks it (`StoreRules.checkNewWeek`) against `program`
    /// as it would be without this week (a draft saved before is replaced by it).
    public func check(against program: Program, patient: Patient?, library: ExerciseLibrary, today: CalendarDate? = nil) throws {
        if replaces != nil, let today {
            _ = try StoreRules.checkUpcomingWeeks([week], library: library, stored: program, today: today, patient: patient, replacing: .therapists)
            return
        }
        let others = Program(weeks: program.weeks.filter { $0.number != week.number })
        try StoreRules.checkNewWeek(week, library: library, stored: others, patient: patient, today: today)
    }
}
