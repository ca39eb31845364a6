/// Builds a new patient's care plan, program and reading list from the templates in `Resources/`.
public struct Onboarding: Sendable {
    /// At most this many exercises in a generated week, whatever her conditions: a pregnant woman's or a new
    /// mother's day is short, and people keep up a short home program better than a long one. The pelvic floor
    /// squeezes every program carries count within the six and always stay (NICE NG210); what yields when a
    /// week would pass six is chosen by `fitted(_:room:)`.
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

    /// The core exercises of the family marked `forEveryone` (the pelvic floor's long holds and quick squeezes),
    /// week by week at that family's doses, as a family of their own to merge with hers, when none of her
    /// families prescribes or leads any of them: every program trains the pelvic floor (NICE NG210), and a
    /// family that already does keeps its own order (pelvic pain starts the squeezes in week 3, after
    /// relaxation, on purpose). Nil when her families already train it.
    public func everyoneFamily(besides chosen: [ProgramTemplate], for patient: Patient) -> ProgramTemplate? {
        guard var t = content.programs.first(where: { !$0.forEveryone.isEmpty && !$0.core.isEmpty && $0.stage.matches(patient.stage) }),
              !chosen.isEmpty, !chosen.contains(where: { $0.family == t.family }) else { return nil }
        let ids = Set(t.core)
        let trains = chosen.contains { f in
            f.leads.contains(where: ids.contains) || f.weeks.contains { $0.prescriptions.contains { ids.contains($0.exerciseID) } }
        }
        guard !trains else { return nil }
        t.weeks = t.weeks.map { w in var w = w; w.prescriptions = w.prescriptions.filter { ids.contains($0.exerciseID) }; return w }
        t.conditions = []
        t.leads = []
        t.principle = ""
        return t
    }

    /// Six weeks of program from `start`. Each family's weeks first keep her exercises' rules (`ExerciseRule`,
    /// counted from her birth date and kind of birth): an exercise its rules hold back waits, the week keeps the
    /// earlier, safer exercise it would have replaced (or the one the rule names instead), and the note says
    /// why. Several families are then merged week by week: first every family's core exercises (so bladder
    /// leaks keep their pelvic-floor training whatever else she has, in whatever order she ticked her
    /// conditions), then the others in the order of her conditions, up to six a week so the program stays
    /// short enough to follow. An exercise one family leads (pelvic pain leads the squeezes: relaxation comes
    /// first) enters only when and as that family prescribes it. Scar massage joins once its rule allows it.
    /// A program with no pelvic floor training of its own ends each week with the pelvic floor's squeezes
    /// (`everyoneFamily`), which every program carries (NICE NG210).
    public func program(for patient: Patient, startingOn start: CalendarDate) -> [ProgramWeek] {
        program(for: patient, starts: { start.adding(days: 7 * $0) })
    }

    /// The program with week `i` (from 0) starting on `start(i)`, at least 7 days after the week before: a
    /// change of details fits the new weeks into the dates of the generated weeks they replace, around the
    /// therapist's. With `atLeast` more weeks than the templates have, the last week goes on ("Keep going"),
    /// less what its rules hold back on its new dates. `continuing`: the weeks follow weeks of hers (a change of
    /// details), so the first of them is not her program's first week and its note does not call it that.
    func program(for patient: Patient, starts start: (Int) -> CalendarDate, atLeast minimum: Int = 0,
                 continuing: Bool = false) -> [ProgramWeek] {
        let chosen = families(for: patient)
        let everyone = everyoneFamily(besides: chosen, for: patient)
        // The pelvic floor's core exercises join as one more family, last: they pass her rules like any other
        // exercise, are kept every week they are prescribed (as core exercises are), and come after her own.
        let families = chosen + (everyone.map { [$0] } ?? [])
        let everyoneIDs = Set(everyone?.core ?? [])
        // The pelvic floor squeezes stay past the six whichever family prescribes them (pelvic pain's, in a merge
        // of three or more, would otherwise be the ones left out).
        let pelvicFloor = Set(content.programs.first { !$0.forEveryone.isEmpty }?.core ?? [])
        guard let count = families.map(\.weeks.count).max(), count > 0 else { return [] }
        let rules = PrescriptionRules(library: content.exercises)
        let starts = (0..<count).map(start)
        let allowed = { (id: String, i: Int) in rules.allows(id, for: patient, from: starts[i], through: starts[i].adding(days: 6)) }
        let kept = families.map { keptWeeks($0, for: patient, starts: starts, rules: rules) }
        var leader: [String: Int] = [:]
        for (fi, f) in families.enumerated() { for id in f.leads where leader[id] == nil { leader[id] = fi } }
        let scarMassage = families.lazy.flatMap { $0.weeks.flatMap(\.prescriptions) }.first { $0.exerciseID == Self.scarMassageID }
        var weeks: [ProgramWeek] = []
        var principlesSaid = Set<Int>()
        // Week by week, her exercises that did not fit in six.
        var yielded: [[Prescription]] = []
        for i in 0..<count {
            var core: [Prescription] = [], led: [Prescription] = [], others: [Prescription] = [], squeezes: [Prescription] = []
            var held: [(rule: ExerciseRule, name: String)] = []
            var adjusted = false
            var ledBy = Set<Int>()
            // Each of her programs' first core exercise this week (the pelvic floor's aside): kept before the others.
            var firstCore: [Prescription] = [], firstCoreOf = Set<Int>()
            for (fi, f) in families.enumerated() where i < kept[fi].count {
                let week = kept[fi][i]
                adjusted = adjusted || week.adjusted
                held += week.held
                for p in week.prescriptions where p.exerciseID != Self.scarMassageID {
                    if let l = leader[p.exerciseID], l != fi { ledBy.insert(l); continue }
                    if everyone != nil && fi == families.count - 1 { squeezes.append(p); continue }
                    if f.core.contains(p.exerciseID) {
                        core.append(p)
                        if !pelvicFloor.contains(p.exerciseID) && !firstCoreOf.contains(fi) { firstCoreOf.insert(fi); firstCore.append(p) }
                    } else if leader[p.exerciseID] == fi { led.append(p) } else { others.append(p) }
                }
            }
            // The scar is healed enough for massage about six weeks after the birth (not after the first visit).
            if let scarMassage, allowed(Self.scarMassageID, i) { core.append(scarMassage) }
            // Her exercises in her programs' order, the squeezes every program carries last; then at most six of
            // them, the pelvic floor squeezes always among them (`fitted`).
            var ordered: [Prescription] = []
            let pelvicFloorFirst = (led + others).filter { pelvicFloor.contains($0.exerciseID) }
            for p in core + pelvicFloorFirst + led + others + squeezes where !ordered.contains(where: { $0.exerciseID == p.exerciseID }) { ordered.append(p) }
            let tiers = [ordered.filter { pelvicFloor.contains($0.exerciseID) }, firstCore,
                         scarMassage.flatMap { s in core.contains { $0.exerciseID == s.exerciseID } ? [s] : nil } ?? [], core]
            let fit = fitted(ordered, first: tiers.flatMap { $0.map(\.exerciseID) }, room: Self.maxExercisesPerWeek)
            let prescriptions = fit.kept
            yielded.append(fit.yielded)
            var week = ProgramWeek(number: i + 1, starts: starts[i], note: "", prescriptions: prescriptions, origin: .generated)
            // One family's note describes that family's week as written (its notes never mention scar massage,
            // which moves with the birth date). A week changed by the rules, or merged from several families,
            // gets a note written from what actually changed, never naming an exercise that is not there.
            // The pelvic floor's exercises that join every program do not make it a merge of her programs: her
            // one family's note stays, with what changed in those exercises after it.
            // A week with an exercise left out for room is not the week as written either (its note could name it).
            let capped = !yielded[i].isEmpty || (i > 0 && !yielded[i - 1].isEmpty)
            let asWritten = chosen.count == 1 && !adjusted && !(i > 0 && kept[0][i - 1].adjusted) && !capped
            if asWritten {
                let changed = weeks.last.map { changes(from: $0, to: week, only: everyoneIDs) } ?? []
                week.note = ([families[0].weeks[safe: i]?.note ?? ""] + changed).filter { !$0.isEmpty }.joined(separator: " ")
            } else if chosen.count == 1 && i == 0 {
                week.note = "This week: \(names(week.prescriptions))."
            } else {
                week.note = mergedNote(week, previous: weeks.last, titles: chosen.map(\.title), leftOut: yielded[i], continuing: continuing)
            }
            // Why an exercise waits comes first, so a small window that shows three rows of the note shows it.
            var after: [String] = []
            for l in ledBy.sorted() where !principlesSaid.contains(l) && !families[l].principle.isEmpty {
                principlesSaid.insert(l)
                after.append(families[l].principle)
            }
            let hasScarMassage = { (w: ProgramWeek?) in w?.prescriptions.contains { $0.exerciseID == Self.scarMassageID } == true }
            if hasScarMassage(week) && !hasScarMassage(weeks.last) { after.append(Self.scarMassageStarts) }
            let newlyLeftOut = yielded[i].filter { p in !(i > 0 && yielded[i - 1].contains { $0.exerciseID == p.exerciseID }) }
            // What is left out for room is said with why an exercise waits, first, so a small window shows it.
            let leftOut = newlyLeftOut.isEmpty ? [] : [leftOutNote(newlyLeftOut, week: week)]
            let hasEveryone = { (w: ProgramWeek?) in w?.prescriptions.contains { everyoneIDs.contains($0.exerciseID) } == true }
            if let everyone, hasEveryone(week) && !hasEveryone(weeks.last) { after.append(everyone.forEveryone) }
            let reasons = ExerciseRule.reasons(held, for: patient)
            week.note = (reasons + leftOut + [week.note] + after).filter { !$0.isEmpty }.joined(separator: " ")
            weeks.append(week)
        }
        while weeks.count < minimum, let last = weeks.last {
            let starts = start(weeks.count)
            let kept = last.prescriptions.filter { rules.allows($0.exerciseID, for: patient, from: starts, through: starts.adding(days: 6)) }
            weeks.append(ProgramWeek(number: weeks.count + 1, starts: starts, note: Self.keepGoing, prescriptions: kept, origin: .generated))
        }
        return weeks
    }

    /// The note of a week past the end of the templates, while her program waits for her therapist's next week.
    public static let keepGoing = "Keep going with the same exercises this week."

    /// One family's week as her exercises' rules allow it.
    struct KeptWeek {
        var prescriptions: [Prescription]
        /// What the rules held back, and by which rule.
        var held: [(rule: ExerciseRule, name: String)]
        /// True when the rules changed the week from the template's.
        var adjusted: Bool
    }

    /// A family's weeks with every exercise its rules hold back (on any day of its week) taken out. In its place
    /// the week keeps what the week before had and this week would have dropped (the earlier, safer exercise),
    /// or the exercise the rule names `instead`, when that one is allowed.
    func keptWeeks(_ family: ProgramTemplate, for patient: Patient, starts: [CalendarDate], rules: PrescriptionRules) -> [KeptWeek] {
        var result: [KeptWeek] = []
        for (i, template) in family.weeks.enumerated() where i < starts.count {
            let first = starts[i], last = starts[i].adding(days: 6)
            let ok = { (id: String) in rules.allows(id, for: patient, from: first, through: last) }
            let written = Set(template.prescriptions.map(\.exerciseID))
            var list: [Prescription] = [], held: [(rule: ExerciseRule, name: String)] = [], adjusted = false
            for p in template.prescriptions {
                // Scar massage is placed by the merge, by its own rule.
                let broken = p.exerciseID == Self.scarMassageID ? [] : rules.broken(p.exerciseID, for: patient, from: first, through: last)
                // The rule that holds it back longest is the one to name (a C-section's 8 weeks over any birth's 6).
                let never = CalendarDate(year: 9999, month: 12, day: 31)!
                guard let rule = broken.max(by: { ($0.firstAllowedDay(for: patient) ?? never) < ($1.firstAllowedDay(for: patient) ?? never) })
                else { list.append(p); continue }
                adjusted = true
                held.append((rule, content.exercises.name(p.exerciseID)))
                if let alt = broken.compactMap(\.instead).first(where: { ok($0) && !written.contains($0) }),
                   let e = content.exercises.exercise(alt), !list.contains(where: { $0.exerciseID == alt }) {
                    list.append(Prescription(exerciseID: alt, dose: e.dose))
                }
            }
            if adjusted, let previous = result.last {
                for q in previous.prescriptions where !written.contains(q.exerciseID) && ok(q.exerciseID)
                    && q.exerciseID != Self.scarMassageID && !list.contains(where: { $0.exerciseID == q.exerciseID }) {
                    list.append(q)
                }
            }
            result.append(KeptWeek(prescriptions: list, held: held, adjusted: adjusted))
        }
        return result
    }

    /// The exercise that must wait for a healed C-section scar (its rule in `exercises.json` says how long).
    public static let scarMassageID = "scar-massage"

    /// Said in the week scar massage joins the program.
    public static let scarMassageStarts = "Scar massage starts this week, now that at least 6 weeks have passed since the birth. "
        + "Begin only if your scar is fully healed (closed and dry, with no scabs), and stop if it hurts."

    private func names(_ ps: [Prescription]) -> String {
        let list = ps.map { content.exercises.name($0.exerciseID).lowercased() }
        return list.listedInWords
    }

    /// At most `room` of `ordered` (her week in her programs' order), in that order. What is kept first: the ids
    /// in `first` (the pelvic floor squeezes, each program's first core exercise, scar massage once allowed, the
    /// other core exercises), then one exercise of each kind the week has (strength, stretch, mobility…), then the
    /// rest in her programs' order. So what yields is an exercise of a kind she still has another of that week,
    /// the one her program lists last (its newest or least central); never the pelvic floor squeezes.
    func fitted(_ ordered: [Prescription], first: [String], room: Int) -> (kept: [Prescription], yielded: [Prescription]) {
        var keep: [String] = []
        let take = { (id: String) in if keep.count < room && !keep.contains(id) { keep.append(id) } }
        let isPelvicFloor = Set(content.programs.first { !$0.forEveryone.isEmpty }?.core ?? [])
        // The pelvic floor squeezes stay even past the room (never more than two of them).
        for id in first where isPelvicFloor.contains(id) && !keep.contains(id) { keep.append(id) }
        for id in first { take(id) }
        var kinds = Set(keep.compactMap { content.exercises.exercise($0)?.category })
        for p in ordered {
            guard let kind = content.exercises.exercise(p.exerciseID)?.category, !kinds.contains(kind) else { continue }
            kinds.insert(kind)
            take(p.exerciseID)
        }
        for p in ordered { take(p.exerciseID) }
        return (ordered.filter { keep.contains($0.exerciseID) }, ordered.filter { !keep.contains($0.exerciseID) })
    }

    /// Said the first week an exercise is left out to keep her week to six: which one, that another of its kind
    /// stays when one does, and that her therapist can put it back.
    private func leftOutNote(_ left: [Prescription], week: ProgramWeek) -> String {
        let kinds = Set(week.prescriptions.compactMap { content.exercises.exercise($0.exerciseID)?.category })
        let still = left.compactMap { content.exercises.exercise($0.exerciseID)?.category }.filter(kinds.contains)
        let also = still.isEmpty ? "" : " You still have \(Set(still).sorted { $0.rawValue < $1.rawValue }.map(\.otherOfKind).listedInWords) this week."
        let verb = left.count == 1 ? "is" : "are"
        let isPelvicFloor = Set(content.programs.first { !$0.forEveryone.isEmpty }?.core ?? [])
        let squeezes = week.prescriptions.contains { isPelvicFloor.contains($0.exerciseID) } ? ", with time for the pelvic floor squeezes," : ","
        return "To keep your week to \(Self.maxExercisesPerWeek) exercises\(squeezes) "
            + "\(names(left)) \(verb) left out for now.\(also) Your therapist can change which ones you do."
    }

    private func mergedNote(_ week: ProgramWeek, previous: ProgramWeek?, titles: [String], leftOut: [Prescription] = [],
                            continuing: Bool = false) -> String {
        guard let previous else {
            let lower = titles.map { $0.lowercased() }
            let list = lower.listedInWords
            // A new program after weeks of hers (week 2 after the birth, say) is not her first week (QA J9).
            return (continuing ? "From this week, your program brings together your \(list) programs. "
                               : "Your first week brings together your \(list) programs. ")
                + "Go gently, and stop anything that hurts sharply."
        }
        let parts = changes(from: previous, to: week, leftOut: Set(leftOut.map(\.exerciseID)))
        return parts.isEmpty ? "Keep going with the same exercises this week." : parts.joined(separator: " ")
    }

    /// The note she reads with `week` on `today`: its own, unless the portal wrote it and her stage now holds
    /// back some of its exercises on the day it is shown for (`PrescriptionHolds`, `shownDay`: a C-section
    /// recorded after the week was planned for her pregnancy). Then a note made from what changed, leaving out
    /// what is held, takes its place, by the same words as a generated week's ("New this week: …"), so it never
    /// names an exercise she is told to wait for (review of G2: "New this week: bird dog" beside bird dog held).
    /// A therapist's note is hers and is never rewritten: an exercise held there says to ask her.
    public func note(of week: ProgramWeek, in program: Program, holds: PrescriptionHolds, today: CalendarDate) -> String {
        guard week.origin == .generated, let day = PrescriptionHolds.shownDay(for: week, in: program, today: today) else { return week.note }
        let held = holds.heldIDs(in: week, on: day)
        guard !held.isEmpty else { return week.note }
        let kept = week.prescriptions.filter { !held.contains($0.exerciseID) }
        guard !kept.isEmpty else { return "" }
        guard let previous = program.previous(to: week) else { return "This week: \(names(kept))." }
        let ids = Set((previous.prescriptions + week.prescriptions).map(\.exerciseID)).subtracting(held)
        let parts = changes(from: previous, to: week, only: ids)
        return parts.isEmpty ? "This week: \(names(kept))." : parts.joined(separator: " ")
    }

    /// What changed since the week before, in sentences ("New this week: …", "A little more of: …"), for the
    /// exercises in `only` when given.
    /// `leftOut`: left out for room this week, so not "you can stop" (the note says why they are left out).
    private func changes(from previous: ProgramWeek, to week: ProgramWeek, only: Set<String>? = nil, leftOut: Set<String> = []) -> [String] {
        let names = { (ps: [Prescription]) in ps.map { content.exercises.name($0.exerciseID).lowercased() }.joined(separator: ", ") }
        var diff = ProgramDiff(from: previous, to: week)
        diff.removed = diff.removed.filter { !leftOut.contains($0.exerciseID) }
        if let only {
            diff.added = diff.added.filter { only.contains($0.exerciseID) }
            diff.removed = diff.removed.filter { only.contains($0.exerciseID) }
            diff.progressed = diff.progressed.filter { only.contains($0.exerciseID) }
        }
        var parts: [String] = []
        if !diff.added.isEmpty { parts.append("New this week: \(names(diff.added)).") }
        let more = diff.progressed.filter { $0.change == .more }.map { Prescription(exerciseID: $0.exerciseID, dose: $0.to) }
        let eased = diff.progressed.filter { $0.change != .more }.map { Prescription(exerciseID: $0.exerciseID, dose: $0.to) }
        if !more.isEmpty { parts.append("A little more of: \(names(more)).") }
        if !eased.isEmpty { parts.append("A new dose for: \(names(eased)).") }
        if !diff.removed.isEmpty { parts.append("You can stop: \(names(diff.removed)).") }
        return parts
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

    /// A first visit more than a year from today, before or after, is a mistyped year. The one rule the set-up
    /// form, `portal setup` and the clinic's `add-patient` share (`newRecord` applies it; the form asks early, to
    /// point at the field).
    public static func checkFirstVisit(_ visit: LocalDateTime, today: CalendarDate) throws {
        if visit.date.days(until: today) > 366 {
            throw PortalError.invalidInput(field: .visitStart, "The first visit is more than a year ago. Please check the year.")
        }
        if today.days(until: visit.date) > 366 {
            throw PortalError.invalidInput(field: .visitStart, "The first visit is more than a year away. Please check the year.")
        }
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
    /// A first visit before `clock.now` is recorded as completed (she is set up after her evaluation); her
    /// program starts on it. `zone`: the store's, where there is one (else the clock's).
    public func newRecord(_ patient: Patient, firstVisit: LocalDateTime?, clock: PortalClock,
                          zone: LocalZone? = nil) throws -> NewRecord {
        try patient.validate(today: clock.today)
        if let firstVisit { try Self.checkFirstVisit(firstVisit, today: clock.today) }
        let plan = try carePlan(firstVisit: firstVisit, location: patient.clinic, therapist: patient.therapist, now: clock.now)
        let record = NewRecord(patient: patient, plan: plan, weeks: program(for: patient, startingOn: firstVisit?.date ?? clock.today),
                               readingList: readingList(for: patient))
        try StoreRules.checkNewRecord(patient: record.patient, plan: record.plan, weeks: record.weeks, storeIsEmpty: true,
                                      zone: zone ?? clock.zone)
        return record
    }

    /// Saves a new patient with her plan, program and reading list in one go: the one set-up that the Welcome
    /// screen's form, `portal setup` and the clinic's `add-patient` all go through (`newRecord`, then `save`).
    public func setUp(_ patient: Patient, firstVisit: LocalDateTime?, store: any RecordStore, clock: PortalClock) throws {
        try save(try newRecord(patient, firstVisit: firstVisit, clock: clock, zone: store.zone), into: store)
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
