import PortalCore

/// Checking the form by set-up's rules (`Patient.validate`, each condition fitting the stage), and asking
/// the runtime to save it: a new patient at set-up, a change of "About me" otherwise.
extension SetupScreen {
    // MARK: Checking and saving

    mutating func submit(_ ctx: ScreenContext) -> Reaction {
        switch check(today: ctx.today) {
        case .success(let (patient, visit)):
            problem = nil
            // Saved only over her details as the form opened on them, until she has been told they changed (QA H6).
            return .effects(mode == .setUp ? .setUp(patient, firstVisit: visit) : .updateProfile(patient, over: replacing ? nil : original))
        case .failure(let p):
            problem = p
            focus = p.field
            return .stay
        }
    }

    /// PortalCore's reason, and what to do about it on this form: untick it, or choose the stage it goes with.
    static func remedy(for mismatch: ConditionMismatch) -> String {
        let choice: String
        switch mismatch.wants {
        case .pregnancy: choice = "Pregnant"
        case .birth: choice = "Postpartum"
        case .cesareanBirth: choice = "C-section"
        }
        return "\(mismatch.reason) Untick it, or choose \(choice)."
    }

    /// `Patient.validate`'s problem, on the field at fault.
    private func validated(_ patient: Patient, today: CalendarDate) -> Result<Void, Problem> {
        do {
            try patient.validate(today: today)
            return .success(())
        } catch let error as PortalError {
            return .failure(Problem(field: fieldAtFault(error), message: "\(error)"))
        } catch {
            return .failure(Problem(field: pregnant ? .dueDate : .birthDate, message: "\(error)"))
        }
    }

    /// The patient and first visit the form describes, or the first problem in the order of the fields.
    func check(today: CalendarDate) -> Result<(Patient, LocalDateTime?), Problem> {
        func fail(_ field: Field, _ message: String) -> Result<(Patient, LocalDateTime?), Problem> {
            .failure(Problem(field: field, message: message))
        }
        let trimmedName = name.value.trimmingCharacters(in: .whitespaces)
        guard !trimmedName.isEmpty else { return fail(.name, "Please enter your name.") }

        let dateField: Field = pregnant ? .dueDate : .birthDate
        let dateText = (pregnant ? dueDate : birthDate).value.trimmingCharacters(in: .whitespaces)
        let what = pregnant ? "due date" : "baby's birth date"
        let example = (pregnant ? today.adding(days: 140) : today.adding(days: -42)).description
        guard !dateText.isEmpty else { return fail(dateField, "Please enter your \(what) as YYYY-MM-DD, for example \(example).") }
        guard let date = CalendarDate(dateText) else {
            return fail(dateField, "Please type the \(what) as YYYY-MM-DD, for example \(example).")
        }
        let stage: Stage
        if pregnant {
            stage = .pregnant(dueDate: date)
        } else if let delivery {
            stage = .postpartum(birthDate: date, delivery: delivery)
        } else {
            // In the order of the fields: a problem with the birth date (the field above) is said first.
            let dateOnly = Patient(name: trimmedName, stage: .postpartum(birthDate: date, delivery: .vaginal), conditions: [])
            if case .failure(let p) = validated(dateOnly, today: today), p.field == .birthDate { return .failure(p) }
            return fail(.delivery, "Please choose how your baby was born, Vaginal or C-section: after a C-section some exercises wait longer.")
        }
        // What she ticked among the conditions offered for her stage (one hidden by a change of stage is not hers).
        let chosen = offered.filter { conditions.items[$0].checked }.map { Condition.allCases[$0] }
        let patient = Patient(name: trimmedName, stage: stage, conditions: chosen,
                              therapist: therapist.value.trimmingCharacters(in: .whitespaces),
                              clinic: clinic.value.trimmingCharacters(in: .whitespaces))
        if let mismatch = patient.conditionMismatch {
            return fail(.conditions, Self.remedy(for: mismatch))
        }
        if case .failure(let p) = validated(patient, today: today) { return .failure(p) }
        // A change of About me or the birth: the command line's rules of a change too (`validateChange`).
        if let original {
            do {
                try patient.validateChange(from: original, today: today)
            } catch let error as PortalError {
                return .failure(Problem(field: fieldAtFault(error), message: "\(error)"))
            } catch {
                return .failure(Problem(field: dateField, message: "\(error)"))
            }
        }

        let visitText = mode == .setUp ? firstVisit.value.trimmingCharacters(in: .whitespaces) : ""
        var visit: LocalDateTime?
        if !visitText.isEmpty {
            guard let v = LocalDateTime(visitText) else {
                return fail(.firstVisit, "Please type the first visit as YYYY-MM-DD HH:MM, for example \(today.adding(days: 7)) 09:30, or leave it empty.")
            }
            // A first visit that already took place is recorded as completed; one a year off is a typing slip.
            do {
                try Onboarding.checkFirstVisit(v, today: today)
            } catch {
                return fail(.firstVisit, "\(error)")
            }
            visit = v
        }
        return .success((patient, visit))
    }
}
