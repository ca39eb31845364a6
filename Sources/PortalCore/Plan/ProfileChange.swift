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

    public init(patient: Patient, readingList: [String], addedReading: [String], offeredWeeks: [ProgramWeek]) {
        self.patient = patient
        self.readingList = readingList
        self.addedReading = addedReading
        self.offeredWeeks = offeredWeeks
    }

    /// "weeks 4 to 9, from Mon 7 Dec", for the question and the message after it.
    public var offerText: String {
        guard let first = offeredWeeks.first, let last = offeredWeeks.last else { return "" }
        let numbers = first.number == last.number ? "week \(first.number)" : "weeks \(first.number) to \(last.number)"
        return "\(numbers), from \(first.starts.shortText)"
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
        if families(for: old).map(\.family) != families(for: new).map(\.family) || old.stage.isPregnant != new.stage.isPregnant {
            offered = upcomingWeeks(for: new, program: program, today: today)
        }
        return ProfileChange(patient: new, readingList: readingList + added, addedReading: added, offeredWeeks: offered)
    }

    /// A new program for `patient` that follows the week under way today: it starts gently (her new program's
    /// first week), the day after the current week's seven days, numbered on from it.
    public func upcomingWeeks(for patient: Patient, program: Program, today: CalendarDate) -> [ProgramWeek] {
        let current = program.currentWeek(on: today)
        let start: CalendarDate
        if let current {
            let afterIt = current.starts.adding(days: Program.minimumWeekDays)
            start = afterIt > today ? afterIt : today.adding(days: 1)
        } else {
            start = program.weeks.first.map { $0.starts > today ? $0.starts : today } ?? today
        }
        let offset = current?.number ?? 0
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
    public static func checkUpcomingWeeks(_ weeks: [ProgramWeek], library: ExerciseLibrary, stored: Program,
                                          today: CalendarDate) throws -> Program {
        guard let first = weeks.first else { return stored }
        let kept = stored.weeks.filter { $0.number < first.number }
        if let started = stored.weeks.first(where: { $0.number >= first.number && $0.starts <= today }) {
            throw PortalError.rule("Week \(started.number) of your program has started; weeks under way are never rewritten.")
        }
        var program = Program(weeks: kept)
        for w in weeks {
            try checkNewWeek(w, library: library, stored: program)
            guard w.starts > today || program.currentWeek(on: today) == nil else {
                throw PortalError.invalidInput(field: .programStart, "starts: week \(w.number) would start on \(w.starts), which is not after today.")
            }
            program = Program(weeks: program.weeks + [w])
        }
        return program
    }
}
