import PortalCore

/// The therapist's portal, in the same app as the patient's: the caseload is the bottom of the stack; Enter on a
/// patient asks the runtime to open her chart (`Effect.openChart`), which answers with her snapshot and
/// `Saved.chart`, and the caseload pushes her Home. Everything above it is the patient's own screens, reading
/// `context.viewer` to offer only what the therapist may change. Leaving the chart (Esc, q, Backspace down to the
/// caseload) forgets it and asks for the caseload again (`Effect.closeChart`).
extension PortalApp {
    /// Takes what the runtime answered to the therapist's reads: the chart she opened is kept (the caseload
    /// then pushes her Home), and the report she asked for is shown over whatever is on top.
    mutating func noteInChart(_ effect: Effect, _ saved: Saved) {
        switch saved {
        case .chart(let chart):
            context.chart = chart
        case .report(let text):
            guard let chart = context.chart else { return }
            stack.append(.report(ReportScreen(name: chart.name, text: text)))
        default:
            return
        }
    }

    /// Back on the caseload with a chart still open: the chart is closed (her record leaves the screen) and
    /// the runtime asked to read the caseload again, since what she did there may have changed it.
    mutating func closeChartIfLeft() -> [Effect] {
        guard context.viewer.isTherapist, context.chart != nil, stack.count == 1, case .caseload = stack[0] else { return [] }
        context.chart = nil
        context.snapshot = .empty(clock: context.snapshot.clock)
        return [.closeChart]
    }

    /// The effects the viewer may ask for: one that would change a part of the record she may not change
    /// (`Viewer.may`, as the database will decide) is never sent, and the message line says why. Screens do not
    /// offer such keys; this is the second line, so a screen that forgets cannot write in her name.
    mutating func allowed(_ effects: [Effect]) -> [Effect] {
        effects.filter { effect in
            guard let write = effect.write, !context.may(write) else { return true }
            flash = Flash(level: .warning, text: "This login cannot change \(write.words), so nothing was sent.", prefix: "Not yours:")
            return false
        }
    }
}

extension Effect {
    /// The part of the record the effect changes, which the viewer must be allowed to change; nil for an effect
    /// that changes none (the bell, a file to share, opening a chart).
    public var write: RecordWrite? {
        switch self {
        case .savePain, .updatePain, .deletePain: return .painDiary
        case .saveSigns: return .signReports
        case .markDone, .undoDone: return .exerciseLog
        case .markArticleRead: return .articlesRead
        case .saveQuiz: return .checkIns
        case .saveMeasure(let r): return r.measureID == Measure.checkInID ? .checkIns : .measures
        case .saveBladder, .updateBladder, .deleteBladder: return .bladderDiary
        case .saveBowel, .deleteBowel: return .bowelLog
        // Recording how a visit went is her care team's in a clinic; booking, moving and cancelling are hers too.
        case .saveVisit(let v, _): return v.status == .completed || v.status == .missed ? .visitRecords : .visits
        case .saveVisitNotes: return .visitRecords
        case .setUp, .updateProfile, .loadDemo, .startOwnPortal: return .profile
        case .useProgram, .saveDraftWeek: return .programWeeks
        case .publishWeek: return .publishing
        case .saveReminders, .markRemindersSaid: return .reminders
        case .reviewSigns: return .signReviews
        case .askQuestion, .withdrawQuestion, .markAnswersRead: return .questions
        case .answerQuestion: return .answers
        case .share, .bell, .quit, .openChart, .closeChart, .makeReport: return nil
        }
    }
}
