/// What can happen to a visit after the plan is made: booking it, and recording how it went. Each change
/// checks its rule and says what is wrong in words for the patient.
extension Visit {
    /// Books (or moves) the visit to `start`.
    public func booking(at start: LocalDateTime, mode: VisitMode? = nil, location: String? = nil,
                        now: LocalDateTime) throws -> Visit {
        guard status != .completed else {
            throw PortalError.rule("Visit \(number) is completed; it keeps its date.")
        }
        guard start >= now else {
            throw PortalError.invalidInput(field: .visitStart, "\(start.date) at \(start.time) is in the past; a visit is booked for a time from now on.")
        }
        guard now.date.days(until: start.date) <= 366 else {
            throw PortalError.invalidInput(field: .visitStart, "\(start.date) is more than a year away; please check the date.")
        }
        var v = self
        v.status = .booked
        v.start = start
        if let mode { v.mode = mode }
        if let location { v.location = location }
        return v
    }

    /// Marks the visit as done, with the therapist's notes when given.
    public func completing(notes: String? = nil, now: LocalDateTime) throws -> Visit {
        guard let start, status == .booked || status == .missed || status == .completed else {
            throw PortalError.rule("Visit \(number) has no date yet; book it first.")
        }
        if status == .completed {
            // Completing again only corrects the notes, and never wipes them.
            guard let notes, !notes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw PortalError.rule("Visit \(number) is already completed. To correct its notes, give the new notes.")
            }
        }
        guard start <= now else {
            throw PortalError.rule("Visit \(number) is on \(start.date) at \(start.time); it can be marked completed once it has started.")
        }
        var v = self
        v.status = .completed
        if let notes { v.notes = notes }
        return v
    }

    /// Cancels a booked visit; it can be booked again later.
    public func cancelling() throws -> Visit {
        guard status == .booked else {
            throw PortalError.rule("Visit \(number) is \(status.title.lowercased()); only a booked visit can be cancelled.")
        }
        var v = self
        v.status = .cancelled
        return v
    }

    /// Records that a booked visit did not happen.
    public func missing(now: LocalDateTime) throws -> Visit {
        guard status == .booked, let start, start <= now else {
            throw PortalError.rule("Only a booked visit whose time has passed can be marked missed.")
        }
        var v = self
        v.status = .missed
        return v
    }

    /// Records how a visit went that already took place at `start` (or was missed then): for a visit
    /// that was never booked here (she installed the portal after it), or one booked for another time.
    /// The time must be in the past and within the last year; a completed visit keeps its date.
    public func recording(_ outcome: VisitStatus, at start: LocalDateTime, notes: String? = nil, now: LocalDateTime) throws -> Visit {
        guard outcome == .completed || outcome == .missed else {
            throw PortalError.rule("A past visit is recorded as completed or missed.")
        }
        guard status != .completed else {
            throw PortalError.rule("Visit \(number) is completed; it keeps its date.")
        }
        guard start <= now else {
            throw PortalError.invalidInput(field: .visitStart, "\(start.date) at \(start.time) has not happened yet; book the visit instead.")
        }
        guard start.date.days(until: now.date) <= 366 else {
            throw PortalError.invalidInput(field: .visitStart, "\(start.date) is more than a year ago; please check the date.")
        }
        var v = self
        v.status = outcome
        v.start = start
        if let notes, outcome == .completed { v.notes = notes }
        return v
    }

    /// What a patient's clinic login is told instead of recording a visit (`RecordStore.recordsVisits`).
    public static let recordedByCareTeam = "Your therapist records whether a visit took place, and its notes; nothing was changed."

    /// What a patient's clinic login is told when she would book, move or cancel a visit her care team recorded
    /// as completed or missed (`RecordStore.recordsVisits` false): it stays as recorded.
    public static func recordedStays(_ visit: Visit) -> String {
        "Your therapist recorded visit \(visit.number) as \(visit.status.title.lowercased()); it stays as recorded, "
            + "so nothing was changed. To see her again, ask her to book it."
    }

    /// Said with that question where she does not record visits herself (her clinic login).
    public static let recordedByCareTeamNote = "Your therapist records how it went."

    /// The question asked about a booked visit whose time has passed: "Visit 3 was Mon 7 Dec — did it take place?"
    public static func passedQuestion(_ visit: Visit) -> String {
        let when = visit.start.map { " was \($0.date.shortText)" } ?? ""
        return "Visit \(visit.number)\(when) \u{2014} did it take place?"
    }
}

extension CarePlan {
    /// Booked visits that have ended (`Visit.hasEnded`: start and length) with nobody saying how they went,
    /// earliest first. A visit under way is not asked about yet: it is still her visit "now".
    public func unrecorded(now: LocalDateTime) -> [Visit] {
        visits.filter { $0.status == .booked && $0.hasEnded(at: now) }
    }
}
