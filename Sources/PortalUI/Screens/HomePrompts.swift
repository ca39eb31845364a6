import PortalCore

/// The questions Home asks until they are answered: whether a booked visit whose time has passed took
/// place, and, past the due date, whether the baby has arrived. `a` answers the first one.
extension HomeScreen {
    enum Prompt: Equatable {
        case visit(Visit)
        case birth(Patient, CalendarDate)

        var text: String {
            switch self {
            case .visit(let v): return Visit.passedQuestion(v) + " Press a."
            case .birth(let p, let today): return (p.progress(on: today).birthQuestion ?? "Has your baby arrived?") + " Press a."
            }
        }
    }

    /// The open questions, the most pressing first.
    static func prompts(_ ctx: ScreenContext) -> [Prompt] {
        var prompts: [Prompt] = []
        // Only the questions the viewer can answer: the birth is hers to record; a visit is recorded by whoever
        // may (on her clinic login her care team records it, so Home does not ask her).
        if ctx.may(.profile), let patient = ctx.patient, case .pregnant(let due) = patient.stage, due <= ctx.today { prompts.append(.birth(patient, ctx.today)) }
        if ctx.may(.visitRecords) {
            prompts += (ctx.snapshot.plan?.unrecorded(now: ctx.snapshot.clock.now) ?? []).map(Prompt.visit)
        }
        return prompts
    }

    /// The rows Home shows for them: label, text, style.
    /// With no visit ahead the visit line asks about the visit that passed (`visitLines`), so it is not asked twice.
    static func promptLines(_ ctx: ScreenContext) -> [(String, String, Style)] {
        let visitLineAsks = ctx.snapshot.nextVisit == nil
        return prompts(ctx).filter { if case .visit = $0 { return !visitLineAsks } else { return true } }
            .prefix(1).map { ("Question", $0.text, .warning) }
    }

    /// Opens what answers the first question: the visit, or the birth form.
    func answerPrompt(_ ctx: ScreenContext) -> Reaction {
        switch Self.prompts(ctx).first {
        case .visit(let v)?: return .push(.visitDetail(VisitDetailScreen(number: v.number)))
        case .birth(let p, _)?: return .push(.setup(SetupScreen(birthOf: p, today: ctx.today)))
        case nil: return .unhandled
        }
    }
}
