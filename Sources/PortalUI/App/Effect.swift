import PortalCore

/// Work a screen asks the runtime to do against the store (or the terminal). The runtime carries it out and
/// answers with `Message.completed` or `Message.failed`, then a fresh `Message.loaded` snapshot.
public enum Effect: Sendable, Equatable {
    case savePain(PainEntry)
    /// A change of a saved entry; with `over`, saved only while the entry is still as the form read it
    /// (`RecordStore.updatePainEntry(_:over:now:)`, QA H6).
    case updatePain(PainEntry, over: PainEntry? = nil)
    case deletePain(id: Int64)
    /// Warning signs reported without a pain score.
    case saveSigns(SignReport)
    /// One session of an exercise on `date`, with the sets done (nil: all) and the pain during it (nil: not said).
    case markDone(exerciseID: String, date: CalendarDate, sets: Int? = nil, pain: Int? = nil)
    case undoDone(exerciseID: String, date: CalendarDate)
    case markArticleRead(String)
    case saveQuiz(QuizResult)
    /// A filled-in questionnaire: an outcome measure, or the pelvic-floor check-in (kept as a check-in).
    case saveMeasure(MeasureResponse)
    /// A bladder diary entry: a new one, a changed one, or one removed.
    case saveBladder(BladderEvent)
    case updateBladder(BladderEvent)
    case deleteBladder(id: Int64)
    /// A bowel log entry.
    case saveBowel(BowelEntry)
    case deleteBowel(id: Int64)
    /// Books, moves, completes or cancels one visit; the store checks it against the other visits, and with
    /// `over`, that the visit is still as the form read it (`RecordStore.saveVisit(_:over:)`).
    case saveVisit(Visit, over: Visit? = nil)
    /// Saves the notes written on a visit (the visit as it is, with its new notes): its own effect, so the line
    /// after it says the notes were saved rather than what the visit is.
    case saveVisitNotes(Visit)
    case setUp(Patient, firstVisit: LocalDateTime?)
    /// Changes "About me" (the edit form, the baby's arrival); the runtime adds the reading that goes with it
    /// and answers with the program weeks it would offer.
    /// With `over`, saved only while her details are still what the form was opened on (QA H6).
    case updateProfile(Patient, over: Patient? = nil)
    /// Takes the program weeks offered after a change of "About me" in place of the weeks not started yet.
    case useProgram([ProgramWeek])
    /// "Try the demo" on the Welcome screen: loads the demo patient, then the app quits so the wiring can
    /// open the demo in a file of its own (her own file is left empty).
    case loadDemo
    /// "Start my own portal" in the demo (About me): erases the demo patient's data (the store refuses when it
    /// holds anyone else), then the app quits so the wiring opens her own file on the Welcome screen.
    case startOwnPortal
    /// Writes a file to share (the Share screen): private, never over the database, replacing only when asked.
    case share(ShareRequest)
    /// The reminders she set, all of them as the reminder screen changed them.
    case saveReminders(ReminderSettings)
    /// Home said these reminders could not be shown: each is said once.
    case markRemindersSaid([Int64])
    /// Her question for the visit, checked already (`VisitQuestion.checkedText`).
    case askQuestion(String)
    /// She takes back a question not answered yet.
    case withdrawQuestion(id: Int64)
    /// Her therapist's answer to a question (a clinic's chart), checked already.
    case answerQuestion(id: Int64, answer: String)
    /// Home showed her these answers: each is read, as it was shown (QA H9).
    case markAnswersRead([ShownAnswer])
    /// Ring the terminal bell (the exercise timer's phase changes).
    case bell
    case quit
    /// The therapist's: opens a patient's chart from the caseload. The runtime reads her snapshot (`Message.loaded`)
    /// and answers with `Saved.chart`.
    case openChart(login: String)
    /// The therapist's: back to the caseload from a chart. The runtime reads the caseload again (`Message.caseload`).
    case closeChart
    /// The therapist's: the open chart's report (the last 28 days, every part), made as `portal clinic report`
    /// makes it, laid out `width` cells wide, and answered with `Saved.report`; the app shows it (`ReportScreen`).
    case makeReport(width: Int)
    /// The therapist's: next week's program saved as a draft the patient does not see yet
    /// (`RecordStore.saveDraftWeek`, replacing the draft of that number saved before).
    case saveDraftWeek(ProgramWeek)
    /// The therapist's: the week saved as a draft as it is on screen, then published (`RecordStore.publishWeek`):
    /// from then on the patient sees it.
    case publishWeek(ProgramWeek)
    /// The therapist's: she has reviewed the warning signs of the open chart on her screen: those written up to
    /// place `entered` in the order her signs were written (the newest on the screen; `SignEntryOrder`), the
    /// newest dated `through`. The runtime keeps the review in her name, now (`RecordStore.reviewSigns`).
    case reviewSigns(through: LocalDateTime, entered: Int64)
}

/// Everything that can happen to the app.
public enum Message: Sendable {
    case key(Key)
    /// The terminal's new size (sent once at start and after every resize): the app lays the top screen
    /// out for it and tells screens the area they get through `ScreenContext.area`.
    case resized(Size)
    /// Time passed (seconds since the last tick): drives the exercise timer.
    case tick(Double)
    /// A fresh read of the store.
    case loaded(PortalSnapshot)
    /// An effect was carried out and committed; `Saved` is what the store now holds.
    case completed(Effect, Saved)
    /// An effect failed; nothing was saved. The error's text is for the patient, its field for the screen.
    case failed(Effect, PortalError)
    /// A fresh read of a therapist's caseload.
    case caseload([CaseloadRow])
    /// The chart she has open can no longer be read: the patient left her caseload (qa-f F2). The app goes back
    /// to the caseload and says so, instead of showing a record it cannot read as an empty one.
    case chartGone
}

/// What a completed effect saved, as the store returned it: the new pain entry with its id, the session
/// recorded, the visit as stored. The app words its "Saved: …" line from this, not from the request.
public enum Saved: Sendable, Equatable {
    case painEntry(PainEntry)
    /// A pain entry for an earlier day and the warning signs ticked with it, which she has now, reported for
    /// now (`PainEntry.signsHadNow`, QA M2): the signs first, so they are kept whatever becomes of the entry.
    case painEntryAndSignsNow(PainEntry, SignReport)
    case deletedPainEntry(id: Int64)
    case session(ExerciseSession)
    case removedSession(exerciseID: String, date: CalendarDate)
    case articleRead(String, on: CalendarDate)
    case quizResult(QuizResult)
    case measureResponse(MeasureResponse)
    case bladderEvent(BladderEvent)
    case deletedBladderEvent(id: Int64)
    case bowelEntry(BowelEntry)
    case deletedBowelEntry(id: Int64)
    case signReport(SignReport)
    case visit(Visit)
    /// A new patient with her plan, program and reading list (onboarding or the demo).
    case patient(Patient)
    /// "About me" as changed, with the reading added and the program offered.
    case profile(ProfileChange)
    /// The program weeks that now follow the current one.
    case program([ProgramWeek])
    /// A file written for the patient (the Share screen), at this path.
    case file(path: String)
    /// What she sent her therapist (the Share screen in a clinic), as kept in her record.
    case sent(SharedReport)
    /// Her reminders as stored.
    case reminders(ReminderSettings)
    /// The failed reminders Home has now said.
    case remindersSaid([Int64])
    /// A question for the visit as stored: a new one, or one just answered.
    case question(VisitQuestion)
    /// A question taken back.
    case withdrewQuestion(id: Int64)
    /// The answers Home has now shown her.
    case answersRead([Int64])
    /// The chart a therapist opened (`Effect.openChart`).
    case chart(OpenChart)
    /// The report's text (`Effect.makeReport`), its header naming who made it.
    case report(text: String)
    /// Her therapist's review of her warning signs, as kept.
    case signReview(SignReview)
    /// Effects that save nothing (the bell, quitting).
    case nothing
}

/// What a screen's `handle` decided: where to go next and what to do.
public struct Reaction: Sendable, Equatable {
    public enum Navigation: Sendable, Equatable {
        case stay
        case push(ScreenState)
        case pop
        /// The key meant nothing to the screen; the app may use it (help, back, quit).
        case unhandled
    }

    public var navigation: Navigation
    public var effects: [Effect]

    public init(_ navigation: Navigation = .stay, effects: [Effect] = []) {
        self.navigation = navigation
        self.effects = effects
    }

    public static let stay = Reaction()
    public static let unhandled = Reaction(.unhandled)
    public static let pop = Reaction(.pop)
    public static func push(_ s: ScreenState) -> Reaction { Reaction(.push(s)) }
    public static func effects(_ e: Effect...) -> Reaction { Reaction(.stay, effects: e) }
}
