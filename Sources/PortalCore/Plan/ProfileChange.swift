/// What changing "About me" brings with it. New conditions, or the birth of her baby, can call for other
/// reading and another program: the reading is added (nothing she had is taken away), and the program is only
/// offered, as weeks that start after the current one, because weeks already under way are never rewritten.
public struct ProfileChange: Sendable, Hashable {
    public var patient: Patient
    /// Her reading list after the change: the one she had, then the articles that are new for her.
    public var readingList: [String]
    /// The articles added to her list by this change.
    public var addedReading: [String]
    /// Program weeks that fit her as she is now, in place of every generated week that has not started (a
    /// therapist's week among them stays where it is) and after them; empty when her program already fits (the
    /// same conditions at the same stage).
    public var offeredWeeks: [ProgramWeek]
    /// In a clinic: what her therapist was told instead of a program being offered (`request(from:to:)`).
    public var askedTherapist: String?
    /// The weeks not started yet that stay as they are: those the therapist wrote (`therapistWeeks`; a week
    /// stored before origins were recorded counts as hers). A later clinic can send the whole change to her therapist as
    /// a request instead of applying it: the offered weeks, and what stays.
    public var keptWeeks: [Int]
    public var therapistWeeks: [Int]
    /// True when weeks she has not started would break an exercise's rules at her new stage (a birth date or
    /// kind of birth put right): the offered weeks then replace them with the change, without a question.
    public var replacesWithoutAsking: Bool = false
    /// True when the change records the birth (she was pregnant): the program after the birth takes the place
    /// of the weeks planned for her pregnancy that have not started, without a question (QA G2).
    public var recordsBirth: Bool = false
    /// Conditions on her list before that do not go with her new stage, and why (round ligament pain after the
    /// birth): the form takes them off her list with the change, and says so (`takenOffText`), never silently.
    public var takenOff: [ConditionMismatch] = []

    /// " Round ligament pain (…) happens during pregnancy: it is off your list now." for each condition taken
    /// off, or "" when none was.
    public var takenOffText: String {
        takenOff.map { " " + $0.reason.dropLast() + ": it is off your list now." }.joined()
    }

    public init(patient: Patient, readingList: [String], addedReading: [String], offeredWeeks: [ProgramWeek],
                keptWeeks: [Int] = [], therapistWeeks: [Int] = []) {
        self.patient = patient
        self.readingList = readingList
        self.addedReading = addedReading
        self.offeredWeeks = offeredWeeks
        self.keptWeeks = keptWeeks
        self.therapistWeeks = therapistWeeks
    }

    /// The weeks a change would keep in `program` on `today`: every week not started that no offered week
    /// takes the place of (her therapist's: a generated one past the new program is dropped), and those the
    /// therapist wrote are named. With nothing offered, every week not started stays.
    public mutating func noteKeptWeeks(of program: Program, today: CalendarDate) {
        let offered = Set(offeredWeeks.map(\.number))
        let kept = program.weeks.filter {
            !Program.hasStarted($0, on: today) && !offered.contains($0.number) && (offered.isEmpty || !$0.origin.mayBeRegenerated)
        }
        keptWeeks = kept.map(\.number)
        therapistWeeks = kept.filter { !$0.origin.mayBeRegenerated }.map(\.number)
    }

    /// What she is told when the birth put the program after it in place: "After the birth, check with your
    /// provider or therapist before you exercise again. Your program goes on with weeks 3 to 8, from Fri 4 Dec."
    /// (the screen's confirmation and `portal profile` alike), and of her therapist's weeks kept, that she planned
    /// them before the birth; nil for any other change. The advice comes first, so a message line too short for
    /// all of it still says it whole (QA-i I10).
    public var birthProgramText: String? {
        guard recordsBirth, replacesWithoutAsking, !offeredWeeks.isEmpty else { return nil }
        let theirs = therapistWeeks.isEmpty ? "" : " " + AfterBirthCheck.therapistPlanned(therapistWeeks)
        return "\(AfterBirthCheck.text) Your program goes on with \(offerText)." + theirs
    }

    /// "weeks 4 to 9, from Mon 7 Dec", for the question and the message after it; with "(week 3 from your
    /// therapist stays as it is)" when her weeks come first.
    public var offerText: String {
        guard let first = offeredWeeks.first, let last = offeredWeeks.last else { return "" }
        let numbers = first.number == last.number ? "week \(first.number)" : "weeks \(first.number) to \(last.number)"
        return "\(numbers), from \(first.starts.shortText)" + (keptText.isEmpty ? "" : " (\(keptText))")
    }

    /// "week 7, from your therapist, stays as it is", "weeks 3 to 7 stay as they are; week 7 is from your
    /// therapist", or "" when none is kept.
    public var keptText: String {
        guard !keptWeeks.isEmpty else { return "" }
        let one = keptWeeks.count == 1
        if therapistWeeks == keptWeeks {
            return "\(Self.numbers(keptWeeks)), from your therapist, \(one ? "stays as it is" : "stay as they are")"
        }
        let theirs = therapistWeeks.isEmpty ? "" : "; \(Self.numbers(therapistWeeks)) \(therapistWeeks.count == 1 ? "is" : "are") from your therapist"
        return "\(Self.numbers(keptWeeks)) \(one ? "stays as it is" : "stay as they are")" + theirs
    }

    /// "week 7", "weeks 3 and 4", "weeks 3 to 7", "weeks 3, 5 and 7".
    static func numbers(_ list: [Int]) -> String {
        guard let first = list.first, let last = list.last else { return "" }
        if list.count == 1 { return "week \(first)" }
        if list.count > 2, list == Array(first...last) { return "weeks \(first) to \(last)" }
        return "weeks " + list.dropLast().map(String.init).joined(separator: ", ") + " and \(last)"
    }
}

extension ProfileChange {
    /// What her therapist reads on the caseload when a change of details calls for a new program: "Ana Lima
    /// added bladder leaks: new program suggested", naming what changed (conditions added or removed, the birth).
    public static func request(from old: Patient, to new: Patient) -> String {
        var what: [String] = []
        if old.stage.isPregnant, case .postpartum(_, let delivery) = new.stage {
            what.append("had her baby (\(delivery == .cesarean ? "caesarean" : "vaginal") birth)")
        } else if old.stage.isPregnant != new.stage.isPregnant {
            what.append("changed her stage")
        }
        func named(_ c: Condition) -> String { c.title.prefix(1).lowercased() + c.title.dropFirst() }
        let added = new.conditions.filter { !old.conditions.contains($0) }.map(named)
        let removed = old.conditions.filter { !new.conditions.contains($0) }.map(named)
        if !added.isEmpty { what.append("added " + added.joined(separator: ", ")) }
        if !removed.isEmpty { what.append("removed " + removed.joined(separator: ", ")) }
        if what.isEmpty { what.append("changed her details") }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(name) \(what.joined(separator: " and ")): new program suggested"
    }
}

extension Onboarding {
    /// What changes when `old` becomes `new`, given her program and reading list as stored. Checks `new` by
    /// the same rules as set-up, and the change itself by `Patient.validateChange`.
    public func change(from old: Patient, to new: Patient, program: Program, readingList: [String],
                       today: CalendarDate, removingBirth: Bool = false) throws -> ProfileChange {
        try new.validate(today: today)
        try new.validateChange(from: old, today: today, removingBirth: removingBirth)
        let added = self.readingList(for: new).filter { !readingList.contains($0) }
        var offered: [ProgramWeek] = []
        // Weeks not started that the portal generated and that would now break an exercise's rules (a birth
        // date or kind of birth put right): they are replaced with the change.
        let upcoming = Set(program.weeks.filter { !Program.hasStarted($0, on: today) && $0.origin.mayBeRegenerated }.map(\.number))
        let breaks = PrescriptionRules(library: content.exercises).check(program.weeks, for: new).filter { upcoming.contains($0.week) }
        if families(for: old).map(\.family) != families(for: new).map(\.family) || old.stage.isPregnant != new.stage.isPregnant
            || !breaks.isEmpty {
            offered = upcomingWeeks(for: new, program: program, today: today)
        }
        var change = ProfileChange(patient: new, readingList: readingList + added, addedReading: added, offeredWeeks: offered)
        change.recordsBirth = old.stage.isPregnant && !new.stage.isPregnant
        change.takenOff = old.conditions.filter { !new.conditions.contains($0) }.compactMap { $0.mismatch(with: new.stage) }
        change.noteKeptWeeks(of: program, today: today)
        if let first = offered.first {
            // The birth recorded: the weeks planned for her pregnancy give way to the program after the birth
            // without a question, as weeks that break a rule do (QA G2); her therapist's weeks stay hers.
            change.replacesWithoutAsking = breaks.contains { $0.week >= first.number } || change.recordsBirth
        }
        return change
    }

    /// A new program for `patient` for the weeks that have not started: it starts gently (her new program's
    /// first week) and takes the place of every generated week not started yet, with its number and its dates,
    /// also those before a week the therapist wrote, which stays as it is where it is. Past the stored weeks
    /// the new ones follow on, numbered on, a week apart, after the week under way. When her therapist's
    /// weeks come later than the new program lasts, its last week goes on until hers.
    public func upcomingWeeks(for patient: Patient, program: Program, today: CalendarDate) -> [ProgramWeek] {
        let current = program.currentWeek(on: today)
        let notStarted = program.weeks.filter { !Program.hasStarted($0, on: today) && $0.number > (current?.number ?? 0) }
        let slots = notStarted.filter(\.origin.mayBeRegenerated)
        // Slots before her therapist's last week must all be filled: the weeks are numbered without a gap.
        let lastTheirs = notStarted.last { !$0.origin.mayBeRegenerated }?.number ?? 0
        let needed = slots.filter { $0.number < lastTheirs }.count
        // After the stored weeks: the day after the last one's seven days, or tomorrow when that is past.
        let after = program.weeks.last
        let start = { (i: Int) -> CalendarDate in
            if i < slots.count { return slots[i].starts }
            let k = i - slots.count
            guard let after else { return today.adding(days: 7 * k) }
            let afterIt = after.starts.adding(days: Program.minimumWeekDays)
            return (afterIt > today ? afterIt : today.adding(days: 1)).adding(days: 7 * k)
        }
        return self.program(for: patient, starts: start, atLeast: needed).enumerated().map { i, week in
            var w = week
            w.number = i < slots.count ? slots[i].number : (after?.number ?? 0) + i - slots.count + 1
            return w
        }
    }
}

/// Who puts new weeks in place of upcoming ones, and so which stored weeks make way (`StoreRules.checkUpcomingWeeks`).
public enum UpcomingReplacement: Sendable, Equatable {
    /// A change of her details: the portal's generated weeks not started, from the first new week on, make way
    /// for new generated weeks; her therapist's stay where they are.
    case regenerated
    /// Her therapist's editor: exactly the weeks of the new weeks' numbers make way, the portal's or her own
    /// earlier ones, for weeks of her own.
    case therapists
}

extension StoreRules {
    /// Weeks that replace the program's upcoming ones: every stored week they replace has not started by `today`
    /// (a week under way is never rewritten, whoever asks), and each new week fits between its neighbours by the
    /// usual rules. `replacing` says which weeks make way: for a change of her details (`.regenerated`) only
    /// generated ones, and a week the therapist wrote (or one stored before the portal recorded where weeks came
    /// from) stays where it is, the new weeks filling the generated weeks' places around it so the weeks stay
    /// numbered without a gap, a generated week not started that no new week takes the place of being dropped;
    /// for her therapist (`.therapists`) the stored weeks of the new weeks' numbers, whoever made them, and no
    /// other. With `patient` every new week keeps its exercises' rules. Returns the program as it will be.
    public static func checkUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, stored: Program,
                                          today: CalendarDate, patient: Patient? = nil,
                                          replacing: UpcomingReplacement = .regenerated) throws -> Program {
        guard let first = weeks.first else { return stored }
        let numbers = Set(weeks.map(\.number))
        if let started = stored.weeks.first(where: { $0.number >= first.number && Program.hasStarted($0, on: today)
                                                    && (replacing == .regenerated || numbers.contains($0.number)) }) {
            throw PortalError.rule(replacing == .regenerated
                ? "Week \(started.number) of your program has started; weeks under way are never rewritten."
                : "Week \(started.number) has started (on \(started.starts.shortText)); a week under way is never rewritten: change the week after it.")
        }
        switch replacing {
        case .regenerated:
            if let theirs = stored.weeks.first(where: { numbers.contains($0.number) && !$0.origin.mayBeRegenerated }) {
                throw PortalError.rule("Week \(theirs.number) of your program " + (theirs.origin == .therapist ? "came from your therapist" : "was saved before the portal noted where weeks came from, so it is kept as your therapist's") + "; a change to your details never rewrites it.")
            }
            if let mine = weeks.first(where: { $0.origin != .generated }) {
                throw PortalError.rule("Week \(mine.number) is not one the portal generated; only generated weeks replace the upcoming ones (a therapist's week is added with `portal program import`).")
            }
        case .therapists:
            if let theirs = weeks.first(where: { $0.origin != .therapist }) {
                throw PortalError.rule("Week \(theirs.number) is not marked as her therapist's; only her therapist's own weeks replace an upcoming week.")
            }
        }
        // What stays: the weeks before the first new one, and those that do not make way after it.
        let stays = { (w: ProgramWeek) -> Bool in
            switch replacing {
            case .regenerated: return w.number < first.number || !w.origin.mayBeRegenerated
            case .therapists: return !numbers.contains(w.number)
            }
        }
        var program = Program(weeks: stored.weeks.filter(stays))
        for w in weeks.sorted(by: { $0.number < $1.number }) {
            try checkNewWeek(w, library: library, stored: program, today: replacing == .therapists ? today : nil)
            guard !Program.hasStarted(w, on: today) || program.currentWeek(on: today) == nil else {
                throw PortalError.invalidInput(field: .programStart, "starts: week \(w.number) would start on \(w.starts), which is not after today.")
            }
            program = Program(weeks: (program.weeks + [w]).sorted { $0.number < $1.number })
        }
        if let gap = program.weeks.indices.first(where: { program.weeks[$0].number != $0 + 1 }) {
            throw PortalError.rule("Week \(gap + 1) would be missing from your program: the new weeks must take the place of every generated week before your therapist's week \(program.weeks[gap].number).")
        }
        if let patient {
            let rules = PrescriptionRules(library: library)
            for w in weeks { try rules.enforce(w, next: program.weeks.first { $0.number > w.number }, for: patient) }
        }
        return program
    }
}
