/// Builds a new patient's care plan, program and reading list from the templates in `Resources/`.
public struct Onboarding: Sendable {
    /// At most this many exercises a week, besides core exercises that do not fit (never more than six in
    /// the templates shipped: each family has at most two core exercises a week).
    public static let maxExercisesPerWeek = 6

    public let content: ContentLibrary

    public init(content: ContentLibrary) { self.content = content }

    /// The program families that fit the patient: those treating her conditions and allowed at her stage,
    /// in the order of her conditions. With none, a gentle default for the stage.
    public func families(for patient: Patient) -> [ProgramTemplate] {
        let allowed = content.programs.filter { $0.stage.matches(patient.stage) }
        var chosen: [ProgramTemplate] = []
        for c in patient.conditions {
            if let t = allowed.first(where: { $0.conditions.contains(c) }), !chosen.contains(where: { $0.family == t.family }) {
                chosen.append(t)
            }
        }
        if chosen.isEmpty {
            let fallback = patient.stage.isPregnant ? "back-pelvic-girdle" : "pelvic-floor"
            chosen = allowed.filter { $0.family == fallback }
        }
        return chosen
    }

    /// Six weeks of program from `start`. Several families are merged week by week: first every family's
    /// core exercises (so bladder leaks keep their pelvic-floor training whatever else she has, in whatever
    /// order she ticked her conditions), then the others in the order of her conditions, up to six a week
    /// so the program stays short enough to follow. Scar massage waits until the scar has had time to heal.
    public func program(for patient: Patient, startingOn start: CalendarDate) -> [ProgramWeek] {
        let families = families(for: patient)
        guard let count = families.map(\.weeks.count).max(), count > 0 else { return [] }
        let scarMassage = families.lazy.flatMap { $0.weeks.flatMap(\.prescriptions) }.first { $0.exerciseID == Self.scarMassageID }
        var weeks: [ProgramWeek] = []
        for i in 0..<count {
            let starts = start.adding(days: 7 * i)
            var core: [Prescription] = [], others: [Prescription] = []
            for f in families where i < f.weeks.count {
                for p in f.weeks[i].prescriptions where p.exerciseID != Self.scarMassageID {
                    if f.core.contains(p.exerciseID) { core.append(p) } else { others.append(p) }
                }
            }
            // The scar is healed enough for massage about six weeks after the birth (not after the first visit).
            if let scarMassage, Self.scarHealed(patient, on: starts) { core.append(scarMassage) }
            var prescriptions: [Prescription] = []
            for p in core + others where !prescriptions.contains(where: { $0.exerciseID == p.exerciseID }) {
                guard prescriptions.count < Self.maxExercisesPerWeek || core.contains(where: { $0.exerciseID == p.exerciseID }) else { continue }
                prescriptions.append(p)
            }
            var week = ProgramWeek(number: i + 1, starts: starts, note: "", prescriptions: prescriptions)
            // One family's note describes that family's week (its notes never mention scar massage, which
            // moves with the birth date). Merged weeks drop some exercises, so their note is written from what
            // actually changed, never naming an exercise that is not there.
            week.note = families.count == 1 ? (families[0].weeks[safe: i]?.note ?? "")
                                            : mergedNote(week, previous: weeks.last, titles: families.map(\.title))
            let hasScarMassage = { (w: ProgramWeek?) in w?.prescriptions.contains { $0.exerciseID == Self.scarMassageID } == true }
            if hasScarMassage(week) && !hasScarMassage(weeks.last) {
                week.note += (week.note.isEmpty ? "" : " ") + Self.scarMassageStarts
            }
            weeks.append(week)
        }
        return weeks
    }

    /// The exercise that must wait for a healed C-section scar.
    public static let scarMassageID = "scar-massage"
    /// Days after the birth before scar massage starts: a C-section scar takes about six weeks to heal.
    public static let scarHealingDays = 42

    /// Said in the week scar massage joins the program.
    public static let scarMassageStarts = "Scar massage starts this week, now that at least 6 weeks have passed since the birth. "
        + "Begin only if your scar is fully healed (closed and dry, with no scabs), and stop if it hurts."

    /// True when a week starting on `day` begins at least six weeks after the birth.
    public static func scarHealed(_ patient: Patient, on day: CalendarDate) -> Bool {
        guard case .postpartum(let birth, _) = patient.stage else { return false }
        return birth.days(until: day) >= scarHealingDays
    }

    private func mergedNote(_ week: ProgramWeek, previous: ProgramWeek?, titles: [String]) -> String {
        let names = { (ps: [Prescription]) in ps.map { content.exercises.name($0.exerciseID).lowercased() }.joined(separator: ", ") }
        guard let previous else {
            let lower = titles.map { $0.lowercased() }
            let list = lower.count > 2 ? lower.dropLast().joined(separator: ", ") + " and " + lower.last! : lower.joined(separator: " and ")
            return "Your first week brings together your \(list) programs. "
                + "Go gently, and stop anything that hurts sharply."
        }
        let diff = ProgramDiff(from: previous, to: week)
        var parts: [String] = []
        if !diff.added.isEmpty { parts.append("New this week: \(names(diff.added)).") }
        let more = diff.progressed.filter { $0.change == .more }.map { Prescription(exerciseID: $0.exerciseID, dose: $0.to) }
        let eased = diff.progressed.filter { $0.change != .more }.map { Prescription(exerciseID: $0.exerciseID, dose: $0.to) }
        if !more.isEmpty { parts.append("A little more of: \(names(more)).") }
        if !eased.isEmpty { parts.append("A new dose for: \(names(eased)).") }
        if !diff.removed.isEmpty { parts.append("You can stop: \(names(diff.removed)).") }
        return parts.isEmpty ? "Keep going with the same exercises this week." : parts.joined(separator: " ")
    }

    /// The six visits: the first booked at `firstVisit` when given (completed when that time is before `now`:
    /// she set the portal up after her evaluation), the rest to schedule.
    public func carePlan(firstVisit: LocalDateTime?, location: String, therapist: String, now: LocalDateTime? = nil) throws -> CarePlan {
        try CarePlan(visits: content.carePlan.map { t in
            let booked = t.number == 1 && firstVisit != nil
            let past = booked && now.map { firstVisit! <= $0 } == true
            return Visit(number: t.number, kind: t.kind, status: past ? .completed : (booked ? .booked : .toSchedule),
                         start: booked ? firstVisit : nil, durationMinutes: t.durationMinutes, mode: t.mode,
                         location: t.mode == .inPerson ? location : "", therapist: therapist, focus: t.focus)
        })
    }

    /// Articles for her conditions, then safety and general reading. Articles tagged only for the other stage
    /// (`pregnant` or `postpartum`) stay off her list; she can still find them under "More to read".
    public func readingList(for patient: Patient) -> [String] {
        let wanted = Set(patient.conditions.map(\.rawValue))
        let own = patient.stage.isPregnant ? "pregnant" : "postpartum"
        let other = patient.stage.isPregnant ? "postpartum" : "pregnant"
        return content.readingList(for: patient.conditions)
            .filter { a in
                !(a.tags.contains(other) && !a.tags.contains(own))
                    && (a.tags.contains(where: wanted.contains) || a.tags.contains("safety") || a.tags.contains("general"))
            }
            .map(\.id)
    }

    /// A new patient's whole record: her details, care plan, program and reading list.
    public struct NewRecord: Sendable {
        public var patient: Patient
        public var plan: CarePlan
        public var weeks: [ProgramWeek]
        public var readingList: [String]
    }

    /// The record a set-up would save, checked by the rules the store applies to a new record (as if the
    /// store were empty), without a store: `portal setup` checks everything before it creates a database.
    /// A first visit before `now` is recorded as completed.
    public func newRecord(_ patient: Patient, firstVisit: LocalDateTime?, today: CalendarDate,
                          now: LocalDateTime? = nil, zone: LocalZone = .current) throws -> NewRecord {
        try patient.validate(today: today)
        let plan = try carePlan(firstVisit: firstVisit, location: patient.clinic, therapist: patient.therapist, now: now)
        let record = NewRecord(patient: patient, plan: plan, weeks: program(for: patient, startingOn: firstVisit?.date ?? today),
                               readingList: readingList(for: patient))
        try StoreRules.checkNewRecord(patient: record.patient, plan: record.plan, weeks: record.weeks, storeIsEmpty: true, zone: zone)
        return record
    }

    /// Saves a new patient with her plan, program and reading list in one go.
    /// A first visit before `now` is recorded as completed.
    public func setUp(_ patient: Patient, firstVisit: LocalDateTime?, store: any RecordStore, today: CalendarDate,
                      now: LocalDateTime? = nil) throws {
        let record = try newRecord(patient, firstVisit: firstVisit, today: today, now: now, zone: store.zone)
        try save(record, into: store)
    }

    /// Saves a record made by `newRecord` (the store checks it again, and that it is empty, as it writes).
    public func save(_ record: NewRecord, into store: any RecordStore) throws {
        guard try store.isEmpty() else { throw PortalError.rule(StoreRules.alreadySetUp) }
        try store.setUp(patient: record.patient, plan: record.plan, weeks: record.weeks, readingList: record.readingList)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
