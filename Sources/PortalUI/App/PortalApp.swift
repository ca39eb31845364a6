import PortalCore

/// The whole portal as one value: a stack of screens over the latest snapshot. `update` takes a message and
/// returns the effects to run; `view` draws the top screen with the title bar, messages and key hints.
public struct PortalApp: Sendable {
    /// Below this the portal asks for a bigger window instead of drawing a cramped screen.
    public static let minimumSize = Size(width: 60, height: 18)

    public struct Flash: Sendable, Equatable {
        public var level: BannerLevel
        public var text: String
        /// The banner's first word; nil for the level's own.
        public var prefix: String?

        public init(level: BannerLevel, text: String, prefix: String? = nil) {
            self.level = level
            self.text = text
            self.prefix = prefix
        }
    }

    public enum Confirmation: Sendable, Equatable {
        case quit
        case leave
        /// Quitting has waited its limit for a save still on its way (QA M4: it then ended in silence, and the
        /// entry was lost): she chooses to go without it or to wait on.
        case quitWhileSaving
    }

    public internal(set) var context: ScreenContext
    public internal(set) var stack: [ScreenState] { didSet { fitArea() } }
    /// The terminal's size as last reported by `.resized`; 80×24 until then.
    public private(set) var terminalSize = Size(width: 80, height: 24) { didSet { fitArea() } }
    public internal(set) var flash: Flash? { didSet { fitArea() } }
    public internal(set) var showingHelp = false
    /// True when the portal shows the demo patient's file (never her own): the title bar says DEMO.
    public var isDemo = false
    public private(set) var confirmation: Confirmation? { didSet { fitArea() } }
    /// Effects sent to the store and not answered yet, oldest first (`PortalApp+Saving`).
    public internal(set) var pendingSaves: [PendingSave] = [] { didSet { fitArea() } }
    /// Seconds the oldest unanswered save has waited (counted from the ticks).
    var waitedSeconds = 0.0 { didSet { fitArea() } }
    /// True when the store is a server (the clinic's): the status names it when it does not answer, and the
    /// reminder screen says why there is no timer there.
    public var storeIsRemote = false { didSet { context.isClinic = storeIsRemote } }
    /// Where Share writes files in a clinic (`ScreenContext.shareFolder`).
    public var shareFolder: String? {
        get { context.shareFolder }
        set { context.shareFolder = newValue }
    }
    /// True while a read of the store (a reload, a change check) has waited longer than
    /// `notAnsweringSeconds`: the screen says what it shows may not be the latest (the runtime sets it).
    public var readsNotAnswering = false { didSet { fitArea() } }
    /// True while the clinic's server is lost and the store is reaching for a primary again (a failover):
    /// the screen says "Reconnecting to the clinic…", and what she typed stays (the runtime sets it).
    public var storeReconnecting = false { didSet { fitArea() } }
    /// Why the whole record could not be read while Home's read is all there is (`PortalSnapshot.isHomeOnly`);
    /// nil while it is still on its way, or read (the runtime sets it).
    public var wholeReadProblem: String?
    /// Why her caseload could not be read again while it is open (a therapist's portal), nil once it is: the
    /// screen says what it shows is not the latest rather than stay as it was without a word (qa-h H2).
    public var caseloadProblem: String? { didSet { fitArea() } }
    /// The answers already asked to be marked read (`markAnswersShown`).
    var answersMarked: Set<ShownAnswer> = []

    /// The patient's portal; `viewer` says where her record is kept (`RecordStore.viewer`): her own file, or
    /// her clinic login, whose screens offer only what the clinic's rules let her change.
    public init(snapshot: PortalSnapshot, content: ContentLibrary, glyphs: Glyphs = .unicode, viewer: Viewer = .patient) {
        context = ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs, viewer: viewer)
        stack = [snapshot.patient == nil ? .welcome(WelcomeScreen()) : .home(HomeScreen())]
        fitArea()
    }

    /// A therapist's portal (`login` is her database login): her caseload at the bottom of the stack, and a
    /// patient's chart (her Home and what it opens) above it while one is open (`PortalApp+Therapist`).
    public init(therapist login: String, caseload: [CaseloadRow], clock: PortalClock, content: ContentLibrary,
                glyphs: Glyphs = .unicode) {
        context = ScreenContext(snapshot: .empty(clock: clock), content: content, glyphs: glyphs, viewer: .therapist(login: login))
        context.caseload = caseload
        stack = [.caseload(CaseloadScreen())]
        fitArea()
    }

    /// Keeps `context.area` the area `view(size: terminalSize)` gives the top screen. Runs whenever
    /// something that area depends on changes: the terminal's size, or a message or question taking rows
    /// (so when a key clears the message, the screen handles the key knowing it has those rows back).
    private mutating func fitArea() {
        context.area = contentArea(for: terminalSize).size
    }

    public var top: ScreenState { stack[stack.count - 1] }

    public mutating func update(_ message: Message) -> [Effect] {
        var effects = recordPending(allowed(dispatch(message) + closeChartIfLeft()))
        // What she now sees may be an answer she had not seen: a new read, a larger window, back on Home or Questions.
        if case .tick = message {} else { effects += recordPending(allowed(markAnswersShown())) }
        // Whatever the message was, a reminder that could not be shown is said once the message line is free.
        return effects + recordPending(allowed(sayUndeliveredReminders(unless: effects)))
    }

    private mutating func dispatch(_ message: Message) -> [Effect] {
        switch message {
        case .key(let key): return handle(key)
        case .resized(let size):
            terminalSize = size
            return []
        case .tick(let seconds):
            guard !pendingSaves.isEmpty else { return stack[stack.count - 1].update(Tick(seconds: seconds, context: context)) }
            waitedSeconds += seconds
            let before = top
            let effects = stack[stack.count - 1].update(Tick(seconds: seconds, context: context))
            // Time passing is not her changing the form: a screen waiting for its save still counts as unchanged.
            for i in pendingSaves.indices where pendingSaves[i].index == stack.count - 1 && pendingSaves[i].screen == before {
                pendingSaves[i].screen = top
            }
            return effects
        case .loaded(let snapshot):
            context.snapshot = snapshot
            if snapshot.patient != nil, case .welcome = stack[0] { stack = [.home(HomeScreen())] }
            if snapshot.patient != nil, case .setup = stack[0] { stack = [.home(HomeScreen())] }
            return []
        case .chartGone:
            guard context.viewer.isTherapist, let chart = context.chart, case .caseload = stack[0] else { return [] }
            // Down to the caseload: `closeChartIfLeft` then closes the chart and reads the caseload again.
            stack = [stack[0]]
            flash = Flash(level: .warning, text: "\(chart.name) is no longer in your caseload, so her chart was closed; nothing more of hers was saved.",
                          prefix: "Closed:")
            return []
        case .caseload(let rows):
            // Read again while she looks at it: her cursor stays on the patient it was on, wherever she moved.
            if case .caseload(var screen) = stack[0] {
                screen.keepSelection(from: context.caseload, to: rows)
                stack[0] = .caseload(screen)
            }
            context.caseload = rows
            return []
        case .completed(let effect, let saved):
            noteInChart(effect, saved)
            if let text = confirmationText(effect, saved) { flash = Flash(level: .success, text: text) }
            // The demo is loaded: this run ends, and the wiring (`portal`) opens the demo in a file of its own,
            // leaving hers empty for her set-up (a clinic's record keeps it, marked DEMO).
            if case .loadDemo = effect {
                isDemo = true
                forgetPending(effect)
                return [.quit]
            }
            // The demo is gone: the wiring opens her own file, on the Welcome screen and its set-up.
            if case .startOwnPortal = effect {
                forgetPending(effect)
                return [.quit]
            }
            let context = context
            return resolve(effect, answer: { $0.update(Completed(effect: effect, context: context)) }, failed: false)
        case .failed(let effect, let error):
            // The answer goes to the screen that asked, which may no longer be on top.
            let context = context
            let effects = resolve(effect, answer: { $0.update(Failed(effect: effect, error: error, context: context)) }, failed: true)
            // One message: the app's line says it unless the screen on top now shows it under its form.
            if let shown = top.screen.shownProblem, shown != error.description, shown.hasPrefix(error.description) {
                // The screen says it with what its keys do next (QA H6, G4): so does the line, which a small window
                // shows when the form's own line is below the fold.
                flash = Flash(level: .danger, text: shown, prefix: "Not saved:")
            } else if top.screen.shownProblem != error.description {
                flash = Flash(level: .danger, text: error.description, prefix: "Not saved:")
            }
            return effects
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        // While the window is too small nothing is on screen to act on: only q (quit) does anything, and
        // the answer to a question asked before (the too-small message shows the question).
        if terminalSize.width < Self.minimumSize.width || terminalSize.height < Self.minimumSize.height,
           confirmation == nil {
            return key == .character("q") ? quitRequest() : []
        }  // the runtime sent `.resized` with the new size just before
        // A paste is text for a text field and nothing else: it never closes help, answers a question or
        // acts as a key on a screen that is not taking text.
        if case .paste = key, showingHelp || confirmation != nil || !top.screen.capturesText { return [] }
        if showingHelp { showingHelp = false; return [] }
        if let c = confirmation {
            confirmation = nil
            guard key == .character("y") || key == .character("Y") else { return [] }
            switch c {
            case .quit: return [.quit]
            case .quitWhileSaving:
                quitsWithoutWaiting = true
                return [.quit]
            case .leave: close(); return []
            }
        }
        flash = nil
        // Home's own read (`RecordStore.homeSnapshot`) is all there is until the whole record is read: a key that
        // stays on Home (a move, the alert, help, quit) works; one that would open another screen waits, and the
        // message line says why, so no screen is ever drawn from a part of her record (an empty bowel log).
        // Only Home is drawn from that read: with no record yet (Welcome, set-up) there is nothing partial to guard.
        if context.snapshot.isHomeOnly, case .home = top {
            var probe = self
            let effects = probe.handleOnScreen(key)
            if probe.stack.count == stack.count, case .home = probe.top, effects.allSatisfy({ $0 == .quit }) {
                self = probe
                return effects
            }
            flash = Flash(level: .warning, text: recordLoadingText, prefix: wholeReadProblem == nil ? "Wait:" : "Not loaded:")
            return []
        }
        return handleOnScreen(key)
    }

    /// True when `key`, on Home drawn from Home's own read, quits the portal there and then (nothing typed to
    /// lose, no question first): no screen is drawn after it, so the runtime does not read the whole record for it.
    public func quitsOnHomeRead(_ key: Key) -> Bool {
        guard context.snapshot.isHomeOnly, case .home = top, key == .character("q") else { return false }
        var probe = self
        return probe.handle(key) == [.quit]
    }

    /// What the message line says while her record is not all read: still loading, or why the read failed and
    /// what to do.
    var recordLoadingText: String {
        let dots = context.glyphs == .unicode ? "…" : "..."
        guard let problem = wholeReadProblem else {
            return "Your record is still loading\(dots) Home shows what it has; the rest opens once it is here."
        }
        let ask = storeIsRemote ? "; if it keeps failing, tell your clinic" : ""
        return "Part of your record did not load (\(PlainText.removingControls(problem))). Nothing you saved is lost. "
            + "Press a key to try again, or q to quit and start the portal again\(ask)."
    }

    /// The key as the screens and the app's own keys take it.
    private mutating func handleOnScreen(_ key: Key) -> [Effect] {
        // The app's own keys (`appKeys`) are read before the screen acts on the key, as it was when it came.
        let appKeys = appKeys()
        let reaction = stack[stack.count - 1].update(HandleKey(key: key, context: context))
        if reaction.navigation != .unhandled { return apply(reaction) }
        return appKeys.handle(key, &self, context).effects
    }

    /// True once she chose to quit without a save still on its way (`Confirmation.quitWhileSaving`).
    public private(set) var quitsWithoutWaiting = false

    /// Asks whether to quit without the save still on its way, when quitting has waited its limit for it.
    public mutating func askBeforeQuittingWhileSaving() {
        confirmation = .quitWhileSaving
    }

    /// Quits, or asks first when something typed would be lost.
    mutating func quitRequest() -> [Effect] {
        if hasUnsavedWork {
            confirmation = .quit
            return []
        }
        return [.quit]
    }

    /// Goes back one screen, asking first when something typed would be lost.
    mutating func back() {
        guard stack.count > 1 else { return }
        if top.screen.hasUnsavedChanges, !topIsBeingSaved { confirmation = .leave } else { close() }
    }

    /// Closes the top screen and tells the one under it what was closed.
    private mutating func close() {
        guard stack.count > 1 else { return }
        let closed = stack.removeLast()
        stack[stack.count - 1].returned(from: closed, context)
    }

    mutating func apply(_ reaction: Reaction) -> [Effect] {
        switch reaction.navigation {
        case .push(let s): stack.append(s)
        case .pop: close()
        case .stay, .unhandled: break
        }
        return reaction.effects
    }

    /// A reminder the timer could not show (notify-send failed) is said once, wherever she is when the portal
    /// notices it: in the message line, and the store notes it as said, so it is never dropped silently and
    /// never said again. It waits while the line holds something else (a "Saved" line, a question, help, a save
    /// still on its way, a window too small to show it) and is said on the first message after; never as she
    /// quits, where no one would read it.
    mutating func sayUndeliveredReminders(unless effects: [Effect]) -> [Effect] {
        // Her reminders are hers alone: her therapist reading her chart neither sees nor marks them.
        guard !context.viewer.isTherapist, flash == nil, confirmation == nil, !showingHelp, pendingSaves.isEmpty,
              !effects.contains(.quit),
              terminalSize.width >= Self.minimumSize.width, terminalSize.height >= Self.minimumSize.height else { return [] }
        let failed = context.snapshot.record.reminderLog.filter(\.isUnsaidFailure)
        let ids = failed.compactMap(\.id)
        guard let last = failed.last, !ids.isEmpty else { return [] }
        let onHome: Bool
        if case .home = top { onHome = true } else { onHome = false }
        flash = Flash(level: .warning, text: Self.undeliveredText(failed, today: context.today, last: last, onHome: onHome), prefix: "Reminder:")
        return [.markRemindersSaid(ids)]
    }

    /// An answer from her therapist is read once it is drawn whole, on Home (its newest, when its line fits) or on
    /// Questions (those in view): the store notes when, so `portal today --brief` stops saying it (Home keeps
    /// showing it for a week). One Home did not draw stays unread, and the brief keeps saying it. Each is asked
    /// for once (a store that refuses is not asked again at every key). Her therapist reading her chart marks nothing.
    mutating func markAnswersShown() -> [Effect] {
        guard !context.viewer.isTherapist, !showingHelp,
              terminalSize.width >= Self.minimumSize.width, terminalSize.height >= Self.minimumSize.height else { return [] }
        // Only an unread answer not yet asked for can be marked: with none, no screen is laid out to look for it
        // (after the whole record's read, Home's layout would work out ten years of pain figures for nothing).
        let questions = context.snapshot.record.questions
        guard questions.contains(where: { q in q.hasUnreadAnswer && !(q.shown.map(answersMarked.contains) ?? false) }) else {
            return []
        }
        let area = Rect(size: context.area)
        let drawn: [Int64]
        switch top {
        case .home(let home): drawn = HomeScreen.drawnUnreadAnswers(context, bannerOpen: home.bannerOpen, area: area)
        case .questions(let questions): drawn = questions.drawnUnreadAnswers(context, area: area)
        default: return []
        }
        // Each as drawn: a changed answer is another to mark once she is shown it (QA H9).
        let shown = drawn.compactMap { id in questions.first { $0.id == id }?.shown }.filter { !answersMarked.contains($0) }
        guard !shown.isEmpty else { return [] }
        answersMarked.formUnion(shown)
        return [.markAnswersRead(shown)]
    }

    /// "The exercises reminder at 18:00 was not shown on your desktop: notify-send is not installed. What is
    /// still due is on this page." (on Home; elsewhere, "Home shows what is still due.")
    static func undeliveredText(_ failed: [ReminderDelivery], today: CalendarDate, last: ReminderDelivery, onHome: Bool) -> String {
        func when(_ d: ReminderDelivery) -> String { d.at.date == today ? "at \(d.at.time)" : "on \(d.at.date.shortText) at \(d.at.time)" }
        let what = failed.count == 1 ? "The \(last.kind.title.lowercased()) reminder \(when(last)) was"
            : "\(failed.count) reminders (the last \(when(last))) were"
        let due = onHome ? "What is still due is on this page." : "Home shows what is still due."
        return "\(what) not shown on your desktop: \(PlainText.removingControls(last.outcome.reason)). \(due)"
    }

    /// "Saved: visit 3 of 6 is booked for Thu 3 Dec at 10:15.", "Saved: visit 3 of 6 is cancelled."
    static func visitSavedText(_ v: Visit) -> String {
        let which = "Saved: visit \(v.number) of \(Visit.planSize)"
        if v.status == .booked, let start = v.start {
            return "\(which) is booked for \(start.date.shortText) at \(start.time)."
        }
        return "\(which) is \(v.status.title.lowercased())."
    }

    /// After a pain entry for an earlier day: where the warning signs she has now went (QA M2).
    private func signsNowText(_ saved: Saved) -> String {
        guard case .painEntryAndSignsNow(_, let signs) = saved else { return "" }
        return " The warning signs you have now are saved for \(context.dayInSentence(signs.date)) at \(signs.time)."
    }

    /// The "Saved: …" line, worded from what the store saved (the request only when the runtime did not say).
    private func confirmationText(_ effect: Effect, _ saved: Saved) -> String? {
        switch effect {
        case .savePain(let requested):
            var e = requested
            if case .painEntry(let stored) = saved { e = stored }
            if case .painEntryAndSignsNow(let stored, _) = saved { e = stored }
            return "Saved: pain \(e.score)/10 for \(context.dayInSentence(e.date)) at \(e.time)." + signsNowText(saved)
        case .updatePain: return "Saved your changes." + signsNowText(saved)
        case .deletePain: return "Entry deleted."
        case .saveSigns(let r): return "Saved: warning signs for \(context.dayInSentence(r.date)) at \(r.time)."
        case .markDone(let id, let date, let sets, let pain):
            // A plain tick today says only that; a logged session says the day, the sets and the pain it kept.
            guard date != context.today || sets != nil || pain != nil else { return "Marked done: \(context.exerciseName(id))." }
            var s: ExerciseSession? = nil
            if case .session(let stored) = saved { s = stored }
            let setsText = (s?.setsDone ?? sets).map { ", \($0) set\($0 == 1 ? "" : "s")" } ?? ""
            let painText = (s?.pain ?? pain).map { ", pain \($0)/10" } ?? ""
            let day = date.days(until: context.today) <= 1 ? context.dayInSentence(date) : date.shortText
            return "Saved: \(context.exerciseName(id)) for \(day)\(setsText)\(painText)."
        case .undoDone(let id, _): return "Marked not done: \(context.exerciseName(id))."
        case .saveQuiz: return "Saved your answers."
        case .saveMeasure(let r):
            let name = context.content.measure(r.measureID)?.shortTitle ?? "questionnaire"
            return "Saved: \(name) for \(context.dayInSentence(r.date))."
        case .saveBladder(let requested):
            var e = requested
            if case .bladderEvent(let stored) = saved { e = stored }
            return "Saved: \(e.kind.title.lowercased()) at \(e.time), \(context.dayInSentence(e.date))."
        case .updateBladder: return "Saved your changes."
        case .deleteBladder, .deleteBowel: return "Entry deleted."
        case .saveBowel(let e): return "Saved: type \(e.type.rawValue) at \(e.time), \(context.dayInSentence(e.date))."
        case .saveVisit(let requested, _):
            if case .visit(let stored) = saved { return Self.visitSavedText(stored) }
            return Self.visitSavedText(requested)
        case .saveVisitNotes(let v): return "Saved the notes for visit \(v.number) of \(Visit.planSize)."
        case .setUp: return "Your portal is ready."
        case .updateProfile:
            guard case .profile(let change) = saved else { return "Saved your details." }
            let n = change.addedReading.count
            let asked = change.askedTherapist.map { " Your therapist will see: “\($0)”." } ?? ""
            // The birth: the advice first, whole even at 60×18, and what else changed after it (QA-i I10).
            if change.birthProgramText != nil {
                return "Birth saved: \(AfterBirthCheck.advice) Your program goes on with \(change.offerText)"
                    + (n == 0 ? "." : "; \(n.counted("new article")) in Learn.") + change.takenOffText + asked
            }
            return "Saved your details." + change.takenOffText + (n == 0 ? "" : " \(n.counted("new article")) added to your reading.") + asked
        case .useProgram(let weeks):
            guard let first = weeks.first, let last = weeks.last else { return "Your program is unchanged." }
            return "Your program now goes on with weeks \(first.number) to \(last.number), from \(first.starts.shortText)."
        case .loadDemo: return "The demo patient is loaded."
        case .share(let r):
            if r.toTherapist { return "Sent to your therapist: she sees it with her caseload." }
            // Her home folder is ~ on her own portal; a clinic's share folder is named by its real path.
            guard context.snapshot.sendsToTherapist, case .file(let path) = saved else { return "Written to ~/\(r.fileName), readable by you only." }
            return "Written to \(path), readable by you only."
        case .saveReminders: return "Saved your reminders."
        case .saveDraftWeek(let w):
            // The editor's header says what it means for her (saved, not published): once, there.
            return "Saved week \(w.number) as a draft."
        case .publishWeek(let w):
            return "Published week \(w.number): \(context.chart?.name ?? "she") sees it from \(w.starts.shortText)."
        case .reviewSigns:
            guard case .signReview(let r) = saved else { return "Saved: her warning signs are reviewed." }
            return "Saved: her warning signs up to \(r.through.date.shortText) \(r.through.time) are reviewed; she sees that you reviewed them."
        case .askQuestion: return "Saved your question for the visit."
        case .withdrawQuestion: return "Question removed."
        case .answerQuestion: return "Saved your answer: she sees it on her Home."
        // Home's notice of a reminder that could not be shown stays where it is.
        case .markArticleRead, .startOwnPortal, .markRemindersSaid, .markAnswersRead, .bell, .quit, .openChart, .closeChart, .makeReport: return nil
        }
    }
}
