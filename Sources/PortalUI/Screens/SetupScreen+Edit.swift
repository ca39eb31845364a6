import PortalCore

/// The set-up form changing "About me", or recording the birth, for a patient already set up. It checks
/// exactly what set-up checks; once the store has saved the change, a program that fits her better is
/// offered (y takes it, any other key keeps her program as it is) and the form goes back.
extension SetupScreen {
    /// The form filled in with `patient` as she is now. `clinicTherapist`: in a clinic, the name it keeps for
    /// her therapist, shown instead of a therapist field (`SetupScreen.clinicTherapist`).
    public init(editing patient: Patient, clinicTherapist: String? = nil) {
        self.init()
        mode = .edit
        original = patient
        self.clinicTherapist = clinicTherapist
        name.set(patient.name)
        switch patient.stage {
        case .pregnant(let due):
            pregnant = true
            dueDate.set(due.description)
        case .postpartum(let birth, let delivery):
            pregnant = false
            birthDate.set(birth.description)
            self.delivery = delivery
        }
        for (i, c) in Condition.allCases.enumerated() where patient.conditions.contains(c) { conditions.items[i].checked = true }
        therapist.set(patient.therapist)
        clinic.set(patient.clinic)
    }

    /// The short form for the birth: the date (today to start with) and how the baby was born. Round
    /// ligament pain belongs to the pregnancy, so it comes off her list (`offered`).
    public init(birthOf patient: Patient, today: CalendarDate) {
        self.init(editing: patient)
        mode = .birth
        pregnant = false
        birthDate.set(today.description)
        focus = .birthDate
    }

    var introText: String {
        switch mode {
        case .setUp: return "A few details to set up your visits and exercises."
        case .edit: return "Change what has changed; your visits, log and notes stay as they are."
        // Neutral words: the same form records a stillbirth or a baby in intensive care (QA-i I10).
        case .birth: return "Record the birth: when was your baby born, and how?"
        }
    }

    /// While a program is offered: y takes it, any other key keeps the program as it is.
    var offerKeys: KeyTable<SetupScreen> {
        KeyTable([
            KeyBinding([.character("y"), .character("Y")], KeyHint("y", "use the new program")) { s, _, _ in
                guard let weeks = s.offer?.offeredWeeks else { return .pop }
                return .effects(.useProgram(weeks))
            },
            KeyBinding([], KeyHint("any key", "keep my program"), matching: { _ in true }) { _, _, _ in .pop },
        ])
    }

    public mutating func completed(_ effect: Effect, _ ctx: ScreenContext) -> Reaction {
        switch (effect, mode) {
        case (.updateProfile, .edit), (.updateProfile, .birth):
            // Saved: the form is done unless a program is there to offer. The snapshot is read after the
            // save, so its program is the one the offer follows.
            guard case .updateProfile(let patient, _) = effect, let original,
                  let change = try? Onboarding(content: ctx.content).change(from: original, to: patient, program: ctx.snapshot.program,
                                                                            readingList: ctx.snapshot.readingList, today: ctx.today),
                  !change.offeredWeeks.isEmpty, !ctx.snapshot.programIsTherapists,
                  // Already in place (the save replaced weeks that broke an exercise's rules): nothing to ask.
                  ctx.snapshot.program.weeks.filter({ $0.number >= change.offeredWeeks[0].number }) != change.offeredWeeks
            else { return .pop }
            offer = change
            return .stay
        case (.useProgram, _): return .pop
        default: return .stay
        }
    }

    public var shownProblem: String? { problem?.message }

    public mutating func failed(_ effect: Effect, _ error: PortalError, _ ctx: ScreenContext) -> Reaction {
        guard case .updateProfile(_, let expected) = effect else { return .stay }
        // Changed in another session since the form opened (the store checked): she is told what they say now,
        // and the next save is hers over them (QA H6).
        if expected != nil, case .rule(let message) = error, message.hasPrefix(Patient.changedElsewhere) {
            replacing = true
            problem = Problem(field: focus, message: message + Self.replaceHint)
            return .stay
        }
        problem = Problem(field: fieldAtFault(error), message: error.description)
        focus = problem!.field
        return .stay
    }

    /// What the keys do once she is told her details changed in another session.
    static let replaceHint = " Ctrl-S saves yours over them; Esc leaves them as they are now."

    /// The error names its field; the problem goes beside that one (the date when it names none).
    func fieldAtFault(_ error: PortalError) -> Field {
        let fields: [PortalError.Field: Field] = [.name: .name, .conditions: .conditions, .therapist: .therapist, .clinic: .clinic]
        return error.field.flatMap { fields[$0] } ?? (pregnant ? .dueDate : .birthDate)
    }

    /// The offer as lines for the screen.
    func offerLines(_ change: ProfileChange, width: Int) -> [(String, Style)] {
        let why = mode == .birth ? "after the birth" : "for your conditions now"
        let text = [
            ("Saved your details." + change.takenOffText, Style.good),
            ("There is a program \(why): \(change.offerText). The weeks already under way stay as they are.", .plain),
            ("", .plain),
            ("Use it? y = use the new program, any other key = keep my program as it is.", .warning),
        ]
        return text.flatMap { line in line.0.isEmpty ? [line] : Paragraph.lines(line.0, width: width).map { ($0, line.1) } }
    }
}
