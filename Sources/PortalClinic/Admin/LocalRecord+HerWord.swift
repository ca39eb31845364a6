import PortalCore

/// What a patient's own portal file may say in her clinic record (qa-h H12): the file is hers to edit with any
/// SQLite tool, and a local portal has no therapist, so whatever in it speaks in her therapist's name is not
/// taken as her therapist's. What is hers is what the record map lets her own login write (`Access`), not a
/// list kept here:
/// - a table her login never inserts into (`sign_review`: only her therapist reviews) is left out, so every
///   warning sign she imports arrives not reviewed;
/// - a question keeps only what her login's insert may hold (`QuestionMap.unansweredRow`): the answer, who
///   gave it and when (her therapist's `QuestionMap.answerColumns`) and when she read it are left out;
/// - a visit keeps only the statuses her login gives (`CarePlanMap.patientStatuses`): a visit the file records
///   as completed or missed comes in booked at its time, for her therapist to record; its notes (not among
///   the columns she books with, `CarePlanMap.bookingColumns`) are labelled as hers.
extension LocalRecord {
    /// The label before a visit's notes taken from her own file.
    public static let herNotesLabel = "From her own portal file: "

    /// `record` as far as it is hers to say, and what was left out or changed, in words for the administrator.
    /// Throws when her visits, with the statuses that are not hers changed, no longer make a care plan: the file's
    /// own statuses are never kept in their place (review point 4 of the last round).
    public static func herOwnWord(_ record: PatientRecord) throws -> (record: PatientRecord, changed: [String]) {
        var r = record
        var changed: [String] = []
        if !patientInserts(SignReviewMap.reviews), !r.signReviews.isEmpty {
            changed.append("\(r.signReviews.count.counted("review", "reviews")) of her warning signs left out (only her therapist reviews them; her signs arrive not reviewed)")
            r.signReviews = []
        }
        let answered = r.questions.filter { !$0.answer.isEmpty || $0.answeredAt != nil || !$0.answeredBy.isEmpty || $0.readAt != nil }.count
        if answered > 0 {
            r.questions = r.questions.map { VisitQuestion(id: $0.id, askedAt: $0.askedAt, text: $0.text) }
            changed.append("\(answered.counted("answer")) to her questions left out (only her therapist answers; the questions wait for an answer)")
        }
        if let plan = r.plan {
            let hers = Set(CarePlanMap.patientStatuses)
            var visits = plan.visits
            var booked = 0, unscheduled = 0, notes = 0
            for i in visits.indices {
                if !hers.contains(visits[i].status.rawValue) {
                    visits[i].status = .booked
                    let misfit: String? = (try? CarePlan(visits: visits)).map { $0.validateScheduleOrNil(of: visits[i]) } ?? "not a plan"
                    if misfit != nil {
                        visits[i].status = .toSchedule
                        visits[i].start = nil
                        unscheduled += 1
                    } else {
                        booked += 1
                    }
                }
                if !CarePlanMap.bookingColumns.contains("notes"), !visits[i].notes.isEmpty, !visits[i].notes.hasPrefix(herNotesLabel) {
                    notes += 1
                    visits[i].notes = String((herNotesLabel + visits[i].notes).prefix(Visit.notesLimit))
                }
            }
            // Said as it was done: booked at the file's time, or to schedule where that time no longer fits her plan.
            if booked > 0 {
                changed.append("\(booked.counted("visit")) her file records as completed or missed brought in as booked (only her therapist records how a visit went)")
            }
            if unscheduled > 0 {
                changed.append("\(unscheduled.counted("visit")) her file records as completed or missed brought in as to schedule, without its time, which no longer fits her plan (only her therapist records how a visit went)")
            }
            if notes > 0 { changed.append("the notes of \(notes.counted("visit")) labelled as hers") }
            do {
                r.plan = try CarePlan(visits: visits)
            } catch {
                throw PortalError.rule("Her file's visits could not be brought in as hers (\(error)); nothing was imported.")
            }
        }
        return (r, changed)
    }

    /// Whether her own login may insert rows into `table`.
    static func patientInserts(_ table: RecordTable) -> Bool {
        table.access.contains { $0.role == .patient && $0.commands.contains(.insert) }
    }

    /// Whether only her therapist's login writes `columns` of `table` (her login updates none of them).
    static func therapistWrites(_ table: RecordTable, _ columns: [String]) -> Bool {
        table.access.contains { $0.role == .therapist && $0.commands.contains(.update) && Set(columns).isSubset(of: Set($0.columns ?? columns)) }
            && !table.access.contains { $0.role == .patient && $0.commands.contains(.update) && !Set(columns).isDisjoint(with: Set($0.columns ?? columns)) }
    }
}

extension CarePlan {
    /// Nil when `visit` fits the schedule, else the reason.
    func validateScheduleOrNil(of visit: Visit) -> String? {
        do { try validateSchedule(of: visit); return nil } catch { return "\(error)" }
    }
}
