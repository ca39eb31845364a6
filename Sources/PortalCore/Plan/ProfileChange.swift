/// What changing "About me" brings with it. New conditions, or the birth of her baby, can call for other
/// reading and another program: the reading is added (nothing she had is taken away), and the program is only
/// offered, as weeks that start after the current one, because weeks already under way are never rewritten.
public struct ProfileChange: Sendable, Hashable {
    public var patient: Patient
    /// Her reading list after the change: the one she had, then the articles that are new for her.
    public var readingList: [String]
    /// The articles added to her list by this change.
    public var addedReading: [String]
    /// Program weeks that fit her as she is now, from the first week that has not started; empty when her
    /// program already fits (the same conditions at the same stage).
    public var offeredWeeks: [ProgramWeek]
    /// In a clinic: what her therapist was told instead of a program being offered (`request(from:to:)`).
    public var askedTherapist: String?
    /// The weeks not started yet that stay as they are because the new weeks follow a week the therapist wrote
    /// (those of hers among them: `therapistWeeks`). A later clinic can send the whole change to her therapist as
    /// a request instead of applying it: the offered weeks, and what stays.
    public var keptWeeks: [Int]
    public var therapistWeeks: [Int]
    /// True when weeks she has not started would break an exercise's rules at her new stage (a birth date or
    /// kind of birth put right): the offered weeks then replace them with the change, without a question.
    public var replacesWithoutAsking: Bool = false

    public init(patient: Patient, readingList: [String], addedReading: [String], offeredWeeks: [ProgramWeek],
                keptWeeks: [Int] = [], therapistWeeks: [Int] = []) {
        self.patient = patient
        self.readingList = readingList
        self.addedReading = addedReading
        self.offeredWeeks = offeredWeeks
        self.keptWeeks = keptWeeks
        self.therapistWeeks = therapistWeeks
    }

    /// The weeks a change would keep and replace in `program` on `today`: every week not started before the
    /// first offered one stays, and those the therapist wrote are named.
    public mutating func noteKeptWeeks(of program: Program, today: CalendarDate) {
        let first = offeredWeeks.first?.number ?? Int.max
        let kept = program.weeks.filter { $0.starts > today && $0.number < first }
        keptWeeks = kept.map(\.number)
        therapistWeeks = kept.filter { !$0.origin.mayBeRegenerated }.map(\.number)
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

    /// "week 7", "weeks 3 to 7", "weeks 3, 5 and 7".
    static func numbers(_ list: [Int]) -> String {
        guard let first = list.first, let last = list.last else { return "" }
        if list.count == 1 { return "week \(first)" }
        if list == Array(first...last) { return "weeks \(first) to \(last)" }
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
    /// the same rules as set-up.
    public func change(from old: Patient, to new: Patient, program: Program, readingList: [String],
                       today: CalendarDate) throws -> ProfileChange {
        try new.validate(today: today)
        let added = self.readingList(for: new).filter { !readingList.contains($0) }
        var offered: [ProgramWeek] = []
        // Weeks not started that the portal generated and that would now break an exercise's rules (a birth
        // date or kind of birth put right): they are replaced with the change.
        let upcoming = Set(program.weeks.filter { $0.starts > today && $0.origin.mayBeRegenerated }.map(\.number))
        let breaks = PrescriptionRules(library: content.exercises).check(program.weeks, for: new).filter { upcoming.contains($0.week) }
        if families(for: old).map(\.family) != families(for: new).map(\.family) || old.stage.isPregnant != new.stage.isPregnant
            || !breaks.isEmpty {
            offered = upcomingWeeks(for: new, program: program, today: today)
        }
        var change = ProfileChange(patient: new, readingList: readingList + added, addedReading: added, offeredWeeks: offered)
        change.noteKeptWeeks(of: program, today: today)
        if let first = offered.first {
            change.replacesWithoutAsking = breaks.contains { $0.week >= first.number }
        }
        return change
    }

    /// A new program for `patient` that follows the week under way today: it starts gently (her new program's
    /// first week), the day after the current week's seven days, numbered on from it.
    /// Weeks the therapist wrote are never replaced: the new program then follows the last of them.
    public func upcomingWeeks(for patient: Patient, program: Program, today: CalendarDate) -> [ProgramWeek] {
        let current = program.currentWeek(on: today)
        let theirs = program.weeks.last { !$0.origin.mayBeRegenerated }
        let after = [current, theirs].compactMap { $0 }.max { $0.number < $1.number }
        let start: CalendarDate
        if let after {
            let afterIt = after.starts.adding(days: Program.minimumWeekDays)
            start = afterIt > today ? afterIt : today.adding(days: 1)
        } else {
            start = program.weeks.first.map { $0.starts > today ? $0.starts : today } ?? today
        }
        let offset = after?.number ?? 0
        return self.program(for: patient, startingOn: start).map { week in
            var w = week
            w.number += offset
            return w
        }
    }
}

extension StoreRules {
    /// Weeks that replace the program's upcoming ones: every stored week they replace has not started by
    /// `today`, and each new week follows the one before it by the usual rules.
    /// A week the therapist wrote (or one stored before the portal recorded where weeks came from) is never
    /// replaced this way, and with `patient` every new week keeps its exercises' rules.
    public static func checkUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, stored: Program,
                                          today: CalendarDate, patient: Patient? = nil) throws -> Program {
        guard let first = weeks.first else { return stored }
        let kept = stored.weeks.filter { $0.number < first.number }
        if let started = stored.weeks.first(where: { $0.number >= first.number && $0.starts <= today }) {
            throw PortalError.rule("Week \(started.number) of your program has started; weeks under way are never rewritten.")
        }
        if let theirs = stored.weeks.first(where: { $0.number >= first.number && !$0.origin.mayBeRegenerated }) {
            throw PortalError.rule("Week \(theirs.number) of your program " + (theirs.origin == .therapist ? "came from your therapist" : "was saved before the portal noted where weeks came from, so it is kept as your therapist's") + "; a change to your details never rewrites it.")
        }
        if let mine = weeks.first(where: { $0.origin != .generated }) {
            throw PortalError.rule("Week \(mine.number) is not one the portal generated; only generated weeks replace the upcoming ones (a therapist's week is added with `portal program import`).")
        }
        var program = Program(weeks: kept)
        for (i, w) in weeks.enumerated() {
            try checkNewWeek(w, library: library, stored: program)
            if let patient { try PrescriptionRules(library: library).enforce(w, next: weeks[safe: i + 1], for: patient) }
            guard w.starts > today || program.currentWeek(on: today) == nil else {
                throw PortalError.invalidInput(field: .programStart, "starts: week \(w.number) would start on \(w.starts), which is not after today.")
            }
            program = Program(weeks: program.weeks + [w])
        }
        return program
    }
}
