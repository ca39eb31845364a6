/// One exercise in a program week, with its dosage.
public struct Prescription: Sendable, Hashable, Codable {
    public var exerciseID: String
    public var dose: Dose
    public var note: String

    public init(exerciseID: String, dose: Dose, note: String = "") {
        self.exerciseID = exerciseID
        self.dose = dose
        self.note = note
    }
}

/// A week of the program, as the therapist set it.
public struct ProgramWeek: Sendable, Hashable, Codable {
    public var number: Int
    public var starts: CalendarDate
    public var note: String
    public var prescriptions: [Prescription]

    public init(number: Int, starts: CalendarDate, note: String, prescriptions: [Prescription]) {
        self.number = number
        self.starts = starts
        self.note = note
        self.prescriptions = prescriptions
    }

    public func prescription(for exerciseID: String) -> Prescription? {
        prescriptions.first { $0.exerciseID == exerciseID }
    }
}

/// What changed from one week to the next.
public struct ProgramDiff: Sendable, Hashable {
    public struct Progression: Sendable, Hashable {
        public var exerciseID: String
        public var from: Dose
        public var to: Dose
    }

    public var added: [Prescription]
    public var removed: [Prescription]
    public var progressed: [Progression]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && progressed.isEmpty }

    /// The difference between `previous` (nil for the first week: everything is new) and `current`.
    public init(from previous: ProgramWeek?, to current: ProgramWeek) {
        let before = previous?.prescriptions ?? []
        let beforeIDs = Set(before.map(\.exerciseID))
        let nowIDs = Set(current.prescriptions.map(\.exerciseID))
        added = current.prescriptions.filter { !beforeIDs.contains($0.exerciseID) }
        removed = before.filter { !nowIDs.contains($0.exerciseID) }
        progressed = current.prescriptions.compactMap { p in
            guard let old = before.first(where: { $0.exerciseID == p.exerciseID }), old.dose != p.dose else { return nil }
            return Progression(exerciseID: p.exerciseID, from: old.dose, to: p.dose)
        }
    }
}

/// All weeks of the program.
public struct Program: Sendable, Hashable {
    public private(set) var weeks: [ProgramWeek]

    public init(weeks: [ProgramWeek]) {
        self.weeks = weeks.sorted { $0.number < $1.number }
    }

    /// The latest week that has started on `day`.
    public func currentWeek(on day: CalendarDate) -> ProgramWeek? {
        weeks.last { $0.starts <= day }
    }

    /// The week in force on `day` (the same as `currentWeek`; named for history).
    public func week(on day: CalendarDate) -> ProgramWeek? { currentWeek(on: day) }

    public func week(number: Int) -> ProgramWeek? { weeks.first { $0.number == number } }

    public func previous(to week: ProgramWeek) -> ProgramWeek? {
        weeks.last { $0.number < week.number }
    }

    /// What changed in `week` compared with the week before it.
    public func diff(for week: ProgramWeek) -> ProgramDiff {
        ProgramDiff(from: previous(to: week), to: week)
    }

    /// Checks that a new week fits: a number not used yet and a start date between its neighbours.
    public func validateNewWeek(_ week: ProgramWeek) throws {
        if weeks.contains(where: { $0.number == week.number }) {
            throw PortalError.invalidInput("week: the program already has a week \(week.number).")
        }
        if let before = weeks.last(where: { $0.number < week.number }), week.starts <= before.starts {
            throw PortalError.invalidInput("starts: \(week.starts) overlaps week \(before.number), which starts \(before.starts); week \(week.number) must start after it.")
        }
        if let after = weeks.first(where: { $0.number > week.number }), week.starts >= after.starts {
            throw PortalError.invalidInput("starts: \(week.starts) overlaps week \(after.number), which starts \(after.starts); week \(week.number) must start before it.")
        }
    }
}
