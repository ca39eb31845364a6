import ArgumentParser
import PortalCore

/// `portal measure`: the questionnaires (outcome measures) with her last score, the change since the first and
/// whether one is due; `portal measure ID --answers …` or `portal measure psfs --activity "TEXT=N"…` fills one.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Your questionnaires: see your scores and changes, or fill one in.",
        discussion: """
        Without an id, lists each questionnaire with your last score, the change since the first and whether \
        one is due before a visit. With an id, fills it in: --answers with one answer per question, in order, \
        separated by commas; for the Patient-Specific Functional Scale (psfs), --activity "TEXT=N" for each \
        of 3 to 5 activities, rated 0 (unable to do it) to 10 (as before the problem). Nothing is written if any \
        part is wrong. The pelvic floor check-in is filled in on the portal's screen (key c on Home).

        Questionnaires: \(questionnaires)

        Examples:
          portal measure
          portal measure psfs --activity "Lifting my baby=4" --activity "Walking 20 minutes=6" --activity "Sitting at work=5"
          portal measure rmdq --answers 1,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1
        """)

    /// The questionnaires' ids and short titles, for the help text. The parser builds this text at every start of
    /// the portal with arguments, whatever the command (a therapist's caseload, a clinic patient's Home over ssh):
    /// the measures alone are decoded for it, never the whole content decoded and checked (60 M instructions, a
    /// sixth of the caseload's start in callgrind, issue 26).
    private static var questionnaires: String {
        (try? ContentLibrary.bundledOnDemand())?.measures.filter { $0.id != Measure.checkInID }
            .map { "\($0.id) (\($0.shortTitle))" }.joined(separator: ", ") ?? ""
    }

    @Argument(help: ArgumentHelp("The questionnaire to fill in (listed above).", valueName: "id"))
    var id: String?

    // `.unconditional`, as every option that takes a number: `--answers -1,0,…` is judged as answers.
    @Option(parsing: .unconditional, help: ArgumentHelp("One answer per question, in order, separated by commas.", valueName: "A,B,…"))
    var answers: String?

    @Option(name: .customLong("activity"), parsing: .unconditionalSingleValue, help: ArgumentHelp("For psfs: an activity and its rating, as \"TEXT=N\". Repeat for 3 to 5.", valueName: "TEXT=N"))
    var activities: [String] = []

    @Option(help: ArgumentHelp("The day, if not today.", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var storeOptions: StoreOptions

    /// The questionnaires this command fills (the check-in is kept as a check-in, on its screen).
    static func measures(_ content: ContentLibrary) -> [Measure] { content.measures.filter { $0.id != Measure.checkInID } }

    func run() throws {
        let content = try ContentLibrary.forPortal()
        guard let id else {
            guard answers == nil, activities.isEmpty, date == nil else {
                throw PortalError.invalidInput("Name the questionnaire first: one of \(Self.measures(content).map(\.id).joined(separator: ", ")).")
            }
            return try list(content)
        }
        let measures = Self.measures(content)
        guard let measure = measures.first(where: { $0.id == id.lowercased() }) else {
            throw PortalError.invalidInput("\(PlainText.quoted(id)) is not a questionnaire of this portal. Use one of: \(measures.map(\.id).joined(separator: ", "))"
                                           + (id.lowercased() == Measure.checkInID ? " (the check-in is filled in on the portal's screen, key c on Home)." : "."))
        }
        let clock = try PortalClock.fromEnvironment()
        let day = try date.map { try parseDate($0, option: "--date") } ?? clock.today
        var response = MeasureResponse(measureID: measure.id, date: day)
        switch measure.kind {
        case .items:
            guard activities.isEmpty else { throw PortalError.invalidInput("\(measure.abbreviation) has numbered questions; answer them with --answers A,B,… (\(measure.items.count) answers).") }
            guard let answers else { throw PortalError.invalidInput("Give \(measure.items.count) answers with --answers, one per question, separated by commas.") }
            response.answers = try measure.parseAnswers(answers)
        case .activities:
            guard answers == nil else { throw PortalError.invalidInput("\(measure.abbreviation) rates activities you name; give each as --activity \"TEXT=N\".") }
            // The PSFS rates the same activities each time: without any, the ones she named before are offered.
            if activities.isEmpty, let again = try? Self.toRateAgain(measure, storeOptions, content), !again.isEmpty {
                let most = measure.activities?.max ?? again.count
                throw PortalError.invalidInput((again.count > most ? "Rate up to \(most) of the activities you named before again (newest first)" : "Rate the activities you named before again") + ", each from \(measure.activities?.from ?? 0) (unable to do it) to \(measure.activities?.to ?? 10) (as before the problem): "
                    + again.map { "--activity \"\(printable($0))=N\"" }.joined(separator: " ") + ". You may add one; a new activity starts from its first rating.")
            }
            response.activities = try activities.map(measure.parseActivity)
        }
        try measure.validate(response, today: clock.today)
        let ctx = try Context(storeOptions, content: content)
        _ = try ctx.requirePatient()
        let saved = try ctx.store.add(response, rules: EntryRules(now: clock.latestEntry, content: ctx.content))
        print("Saved: \(measure.shortTitle) on \(saved.date): \(measure.scoreText(measure.score(saved).total)).")
        let all = try ctx.store.entries(MeasureResponse.self, from: nil, to: nil)
        if let change = measure.change(all) { print(change.sentence) }
        if measure.kind == .activities {
            let left = measure.activitiesToRateAgain(all).filter { name in !saved.activities.contains { RatedActivity.same($0.text, name) } }
            if !left.isEmpty {
                print("Not rated this time: \(left.map(printable).joined(separator: "; ")). Rate them again next time to see how each one changes, as --activity \"TEXT=N\" with the same words.")
            }
        }
    }

    /// The activities she named before, to rate again (`Measure.activitiesToRateAgain`).
    static func toRateAgain(_ measure: Measure, _ storeOptions: StoreOptions, _ content: ContentLibrary) throws -> [String] {
        let ctx = try Context(storeOptions, content: content)
        return measure.activitiesToRateAgain(try ctx.store.entries(MeasureResponse.self, from: nil, to: nil))
    }

    private func list(_ content: ContentLibrary) throws {
        let ctx = try Context(storeOptions, content: content)
        // The screens' read, with the check-ins: what is due comes from the one rule Home, Questionnaires and
        // `portal today` ask (`MeasureSchedule.due(measures:record:today:)`), so they agree about the check-in.
        let snap = try ctx.store.snapshot(clock: ctx.clock)
        guard let patient = snap.patient else { throw ctx.noPatient() }
        let responses = snap.record.allMeasureResponses
        let due = MeasureSchedule.due(measures: ctx.content.measureTimings, record: snap.record, today: snap.today)
        if let due { print(due.headline + ": " + due.measures.map(\.id).joined(separator: ", ")); print("") }
        // The questionnaires this command fills, then the check-in, which is filled in on the screen.
        for m in Self.measures(ctx.content) + ctx.content.measures.filter({ $0.id == Measure.checkInID }) {
            let mine = responses.filter { $0.measureID == m.id }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            var line = "\(m.id): \(m.shortTitle)"
            if let last = mine.last {
                line += " · last \(m.scoreText(m.score(last).total)) on \(last.date)"
                if let change = m.change(mine) { line += " · \(change.short)" }
            } else {
                line += m.fits(patient.conditions) ? " · not filled in yet" : " · not filled in yet (not one for your conditions)"
            }
            if due?.measures.contains(where: { $0.id == m.id }) == true { line += " · due" }
            if m.id == Measure.checkInID { line += " (filled in on the portal's screen, key c on Home)" }
            print(line)
        }
    }
}
