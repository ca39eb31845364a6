/// How urgent a warning sign is.
public enum Urgency: String, Sendable, Codable {
    /// Call 911 (emergency services) now.
    case emergency
    /// Call your provider now (not later today); if you cannot reach them, go to the emergency room or call 911.
    case provider
}

public enum SignStage: String, Sendable, Codable {
    case pregnant, postpartum, any

    public func matches(_ stage: Stage) -> Bool {
        switch self {
        case .any: return true
        case .pregnant: return stage.isPregnant
        case .postpartum: return !stage.isPregnant
        }
    }
}

/// A symptom that must lead to a "contact your provider" message.
public struct WarningSign: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var stage: SignStage
    public var urgency: Urgency
    public var text: String
    /// What to add for this sign beyond its level's advice (the crisis lines for thoughts of harm).
    public var advice: String?
    /// True for the signs that mean stopping exercise (ACOG's list: bleeding, dizziness, chest pain, …); the
    /// message then starts "Stop exercising and …". Low mood or burning when peeing do not.
    public var stopsExercise: Bool?
    /// The questions of the pelvic-floor check-in (`Resources/measures/pelvic-floor-check-in.json`, by id) whose
    /// "yes" reports this sign (QA I8): the check-in itself says "contact your provider now" for them, so a
    /// check-in answered yes is one more report of the sign, said as long as a reported sign is (`recentSigns`).
    public var checkInAnswers: [String]?
}

/// A warning sign a kind of logged leak may be (`SafetyGuide.leakPointers`).
public struct LeakPointer: Sendable, Hashable, Codable {
    public enum Log: String, Sendable, Hashable, Codable {
        /// Leaked stool in the bowel log (liquid or solid, not gas).
        case stool
        /// A leak in the bladder diary that wet or soaked her, or came with nothing in particular.
        case bladder
    }
    public var log: Log
    /// The sign's id in `signs`.
    public var sign: String
    /// What comes before the sign's words: "If this is new and sudden, it may be a warning sign".
    public var lead: String
    /// The questions of the pelvic-floor check-in (by id) whose "yes" reports such a leak (QA-m M5): the
    /// check-in's result says the same pointer as the log does for it (`checkInPointers`).
    public var checkInAnswers: [String]?
}

/// The warning signs and what to say about them (`Resources/safety.json`).
public struct SafetyGuide: Sendable, Hashable, Codable {
    public var signs: [WarningSign]
    public var emergencyAdvice: String
    public var providerAdvice: String
    public var painAdvice: String
    /// Said when a bowel entry records leaked stool (liquid or solid): not an alarm, but not something to keep to
    /// herself either (the bowel article's own advice).
    public var stoolLeakAdvice: String
    /// The warning sign a logged leak may be, said after it (QA-j J2, J3): a leak of stool may be a new loss of
    /// bowel control (`nerve-emergency`), a leak in pregnancy fluid from the vagina (`fluid-leak`). Each names
    /// its sign by id; the sign's own words and its level's action are said with it (`pointer(_:)`).
    public var leakPointers: [LeakPointer]
    public var script: String
    /// The side-sleeping message for pregnancy, from 28 weeks (MiNESS): a safety message, not a comfort tip.
    public var sleepAdvice: String
    /// "Source: AWHONN POST-BIRTH warning signs; CDC Hear Her…": one line under the signs where they are listed
    /// in full (the Warning signs screen), never in an emergency message, where only the action counts.
    public var source: String

    /// From this week of pregnancy, going to sleep on the back is linked to a higher risk of stillbirth.
    public static let sideSleepFromWeek = 28

    public func signs(for stage: Stage) -> [WarningSign] { signs.filter { $0.stage.matches(stage) } }

    /// The pointer for leaks of `log`, in words, when its sign is one of `stage`'s: "If this is new and sudden, it
    /// may be a warning sign: new numbness …. Call 911 now. …". Nil when there is none for her stage.
    public func pointer(_ log: LeakPointer.Log, stage: Stage?) -> String? {
        guard let p = leakPointers.first(where: { $0.log == log }), let sign = sign(p.sign),
              sign.stage == .any || stage.map(sign.stage.matches) == true else { return nil }
        let words = sign.text.prefix(1).lowercased() + sign.text.dropFirst()
        return "\(p.lead): \(words). \(sign.urgency == .emergency ? emergencyAdvice : providerAdvice)"
    }
    public func sign(_ id: String) -> WarningSign? { signs.first { $0.id == id } }

    /// The pointers (`pointer(_:stage:)`) for the check-in questions among `answeredYes` that report a leak
    /// (`LeakPointer.checkInAnswers`), each once, in the guide's order: what her check-in's result says beside
    /// the area of those questions, in the words the bowel log and the bladder diary say for the same leak.
    public func checkInPointers(_ answeredYes: Set<String>, stage: Stage?) -> [String] {
        leakPointers.filter { !answeredYes.isDisjoint(with: $0.checkInAnswers ?? []) }.compactMap { pointer($0.log, stage: stage) }
    }

    /// The id a sign typed by hand stands for (QA G8): "Chest pain", "CHEST-PAIN", "chest_pain" and
    /// " thoughts of  harm " are chest-pain and thoughts-of-harm. Letters lowercased, each run of spaces,
    /// underscores and dashes one dash, none at either end. The one rule wherever a person types a sign
    /// (`portal signs`, `portal log --sign`, and the message said before either runs); what is stored is the id.
    public static func signID(typed: String) -> String {
        var id = ""
        for ch in typed.lowercased() {
            if ch == " " || ch == "_" || ch == "-" || ch == "\t" {
                if !id.isEmpty, id.last != "-" { id.append("-") }
            } else {
                id.append(ch)
            }
        }
        while id.last == "-" { id.removeLast() }
        return id
    }

    /// The sign a person typed (`signID(typed:)`), or nil when it is none of the guide's.
    public func typedSign(_ typed: String) -> WarningSign? { sign(Self.signID(typed: typed)) }

    /// The signs a check-in reports: those with a question of `checkInAnswers` she answered yes.
    public func signs(in checkIn: QuizResult) -> [WarningSign] {
        signs.filter { sign in (sign.checkInAnswers ?? []).contains { checkIn.answers[$0] == true } }
    }

    /// Refuses the first of `ids` that is not one of the guide's signs, naming the signs it has.
    public func checkKnown(_ ids: [String]) throws {
        if let unknown = ids.first(where: { sign($0) == nil }) {
            throw PortalError.invalidInput("\(PlainText.quoted(unknown)) is not a warning sign. Use one of: \(signs.map(\.id).joined(separator: ", ")).")
        }
    }
}

/// A safety message to show on Home and in the log screen. The portal informs; it never diagnoses.
public struct SafetyAlert: Sendable, Hashable {
    public enum Level: Int, Sendable, Comparable {
        case highPain, provider, emergency
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        /// The word a message at this level starts with, on screen and on the command line alike.
        public var word: String {
            switch self {
            case .emergency: return "Emergency:"
            case .provider: return "Important:"
            case .highPain: return "High pain:"
            }
        }
    }

    public var level: Level
    public var headline: String
    public var advice: String
    public var date: CalendarDate
    /// For an alert about signs, the headline with the signs counted instead of named ("You reported 5 warning
    /// signs."), for a screen too small to name them all; empty otherwise.
    public var countedHeadline = ""
    /// Her therapist reads what she reported first (what the chart is for), the portal's advice after it.
    public var headlineFirst = false

    /// The whole message as the screens' banner says it, starting with its level's word, then what to do and
    /// the numbers, then the signs (`bannerBody`): the one wording of Home's banner, `portal log --sign`,
    /// `portal signs` and `portal today` alike.
    public var text: String { "\(level.word) \(bannerBody())" }
    /// The headline and the advice, without the level's word (a form's own draft has no headline).
    public var body: String { headline.isEmpty ? advice : "\(headline) \(advice)" }

    /// The words of a screen's banner (QA E7): for signs, what to do first — the action and the numbers, which a
    /// banner cut short must never lose — then the signs, named, or with `counted` counted, and `more` after the
    /// count (how to read them: "b shows them"). Her therapist reads the signs first. A high score's message
    /// reads as `body`.
    public func bannerBody(counted: Bool = false, more: String? = nil) -> String {
        guard !countedHeadline.isEmpty else { return body }
        var signs = counted ? countedHeadline : headline
        if counted, let more, !more.isEmpty { signs = String(signs.dropLast()) + " (\(more))." }
        return headlineFirst ? "\(signs) \(advice)" : "\(advice) \(signs)"
    }
}

public enum SafetyRules {
    /// Why every path that helps her exercise says none for now while `exerciseStop` holds (Home's Exercises line,
    /// the timer, `portal exercises`, `portal today`): one reason, in one place.
    public static let exerciseStoppedReason = "you reported a warning sign that means stopping exercise"
    /// What stands in for the day's exercises meanwhile, after "Exercises": Home's line, the Exercises screen's
    /// header, `portal today`, `portal exercises` (capitalized there).
    public static let noExercisesNow = "none for now: \(exerciseStoppedReason) (above)."
    /// The same, as a line of its own begins (Home's Exercises line).
    public static let noExercisesNowSentence = noExercisesNow.prefix(1).uppercased() + noExercisesNow.dropFirst()

    /// A pain score at or above this raises the "contact your provider" message.
    public static let highPainScore = 8

    /// The text with a full stop, so the advice after it reads as a new sentence.
    public static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }

    /// The message for signs reported together: every sign named, the most urgent first, then the advice of
    /// the most urgent level and what any of the signs adds (the crisis lines). `verb` is "You reported" for
    /// what is saved and "You ticked" for a form not yet saved. Nil when there are no signs.
    public static func alert(for signs: [WarningSign], guide: SafetyGuide, date: CalendarDate,
                             verb: String = "You reported") -> SafetyAlert? {
        var unique: [WarningSign] = []
        for s in signs where !unique.contains(where: { $0.id == s.id }) { unique.append(s) }
        let ordered = unique.filter { $0.urgency == .emergency } + unique.filter { $0.urgency != .emergency }
        guard let top = ordered.first else { return nil }
        // The signs' own advice (the crisis lines) comes right after the level's first sentence ("Call 911
        // now."), so a banner cut short on a small screen still shows it.
        let level = top.urgency == .emergency ? guide.emergencyAdvice : guide.providerAdvice
        var cut = level.range(of: ". ").map { (String(level[..<$0.lowerBound]) + ".", String(level[$0.upperBound...])) } ?? (level, "")
        if ordered.contains(where: { $0.stopsExercise == true }), let first = cut.0.first {
            cut.0 = "Stop exercising and " + first.lowercased() + cut.0.dropFirst()
        }
        let advice = ([cut.0] + ordered.compactMap(\.advice) + [cut.1]).filter { !$0.isEmpty }.joined(separator: " ")
        return SafetyAlert(level: top.urgency == .emergency ? .emergency : .provider,
                           headline: "\(verb): " + ordered.map { sentence($0.text) }.joined(separator: " "),
                           advice: advice, date: date,
                           countedHeadline: "\(verb) \(ordered.count.counted("warning sign")).")
    }

    /// The message for a pain score of `highPainScore` or more, wherever it was given (Log pain, during an
    /// exercise, or with a bowel movement: `what`, " with a bowel movement"); nil below it. `saved`: the score is
    /// saved ("You logged pain of 9 out of 10."); a form's draft shows the advice alone.
    public static func highPainAlert(score: Int, date: CalendarDate, guide: SafetyGuide, saved: Bool = true, what: String = "") -> SafetyAlert? {
        guard score >= highPainScore else { return nil }
        return SafetyAlert(level: .highPain, headline: saved ? "You logged pain of \(score) out of 10\(what)." : "",
                           advice: guide.painAdvice, date: date)
    }

    /// The words after a score that was given with a bowel movement, in the alert and the bowel log alike.
    static let withBowelMovement = " with a bowel movement"

    /// Alerts raised by entries logged today or yesterday, by pain during an exercise (`sessions`) or with a
    /// bowel movement (`bowel`) on those days, and by warning signs reported on their own (`reports`) or by a
    /// check-in's answer (`checkIns`, `WarningSign.checkInAnswers`) in the same two days, the most urgent first.
    /// Said to the patient, or to her therapist (`viewer`): "She reported: …", and the advice as what the portal
    /// told her, never as advice to the reader.
    public static func alerts(for entries: [PainEntry], sessions: [ExerciseSession] = [], reports: [SignReport] = [],
                              checkIns: [QuizResult] = [], bowel: [BowelEntry] = [],
                              guide: SafetyGuide, today: CalendarDate, viewer: Viewer = .patient,
                              signsSince: CalendarDate? = nil) -> [SafetyAlert] {
        let herTherapist = viewer.isTherapist
        let isRecent = { (d: CalendarDate) in Self.isRecent(d, today: today) }
        let recent = entries.filter { isRecent($0.date) }
        var alerts: [SafetyAlert] = []
        let recentSigns = Self.recentSigns(entries: entries, reports: reports, checkIns: checkIns, guide: guide, today: today,
                                           since: signsSince)
        if let date = recentSigns.date,
           var alert = alert(for: recentSigns.signs, guide: guide, date: date, verb: viewer.words.say(you: "You reported", she: "She reported")) {
            if herTherapist {
                alert.advice = "The portal told her: " + alert.advice
                alert.headlineFirst = true
            }
            alerts.append(alert)
        }
        // The latest high score, from Log pain, during an exercise or with a bowel movement alike (QA I13).
        let scores = PainScore.all(entries: recent, sessions: sessions.filter { isRecent($0.date) }, bowel: bowel.filter { isRecent($0.date) })
        if let high = scores.last(where: \.isHigh),
           var alert = highPainAlert(score: high.score, date: high.date, guide: guide, what: high.withBowelMovement ? withBowelMovement : "") {
            let what = high.withBowelMovement ? withBowelMovement : ""
            if herTherapist {
                alert.headline = "She logged pain of \(high.score) out of 10\(what)."
                alert.advice = "The portal told her: " + alert.advice
            }
            alerts.append(alert)
        }
        return alerts.sorted { $0.level > $1.level }
    }

    /// What the portal says about a bowel entry: a pain of `highPainScore` or more gets Log pain's own message,
    /// and leaked stool (liquid or solid, not gas) the advice to tell her therapist or provider (QA G7), then the
    /// warning sign it may be if it is new (QA-j J3: a new loss of bowel control). Empty for any other entry. The
    /// portal cannot read her note, so nothing is said of it.
    public static func advice(for entry: BowelEntry, stage: Stage?, guide: SafetyGuide) -> [String] {
        var said: [String] = []
        if let p = entry.pain, let alert = highPainAlert(score: p, date: entry.date, guide: guide, saved: false) {
            said.append("\(alert.level.word) Pain of \(p) out of 10\(withBowelMovement). \(alert.advice)")
        }
        if entry.leaks.contains(where: { $0 != .gas }) {
            said.append(guide.stoolLeakAdvice)
            if let sign = guide.pointer(.stool, stage: stage) { said.append(sign) }
        }
        return said
    }

    /// What the portal says about a bladder diary entry (QA-j J2): a leak in pregnancy that wet or soaked her, or
    /// came with nothing in particular, may be fluid from the vagina, a warning sign (`fluid-leak`); the pointer
    /// says so, with its action. Not for a leak on the way to the toilet (an urge says it was pee), any other
    /// entry, or after the birth (the sign is pregnancy's).
    public static func advice(for event: BladderEvent, stage: Stage?, guide: SafetyGuide) -> [String] {
        guard event.kind == .leak, event.activity != .urge,
              event.amount == .wet || event.amount == .soaked || event.activity == .nothing,
              let sign = guide.pointer(.bladder, stage: stage) else { return [] }
        return [sign]
    }

    /// The days a reported sign's message stays up: the day it was reported and the day after (Home's banner,
    /// the brief line, and the stop on exercise all keep to it).
    static func isRecent(_ date: CalendarDate, today: CalendarDate) -> Bool {
        date <= today && date >= recentFrom(today)
    }

    /// The first day whose reports, entries and check-ins are still said on `today` (`isRecent`): what a read
    /// that needs no more (Home's bowel log) takes.
    public static func recentFrom(_ today: CalendarDate) -> CalendarDate { today.adding(days: -1) }

    /// True when a sign was reported today or yesterday, in the diary, on its own or as a check-in's "yes": only
    /// then is the safety guide needed at all (the brief line at every prompt decodes nothing on the other days).
    /// A check-in with any "yes" counts here; which answers report a sign is the guide's to say (`recentSigns`).
    public static func anySignReported(entries: [PainEntry], reports: [SignReport], checkIns: [QuizResult] = [], today: CalendarDate) -> Bool {
        entries.contains { !$0.warningSigns.isEmpty && isRecent($0.date, today: today) }
            || reports.contains { !$0.signs.isEmpty && isRecent($0.date, today: today) }
            || checkIns.contains { $0.yesCount > 0 && isRecent($0.date, today: today) }
    }

    /// The signs reported today or yesterday, in the diary, on their own or by a check-in's answer
    /// (`SafetyGuide.signs(in:)`, QA I8), the latest report first, and the day of the latest report that names a
    /// known sign (nil when none does). Home's banner (`alerts`) and the stop on exercise (`exerciseStop`) both
    /// read them from here, so they cannot disagree on what was reported. A check-in keeps its day only: on its
    /// day it comes after the reports that have a time.
    /// `since`: from which day the diary's signs count instead (her therapist's chart names every sign no review
    /// covers yet, whatever its day: QA M3); a check-in's still count two days.
    static func recentSigns(entries: [PainEntry], reports: [SignReport], checkIns: [QuizResult] = [], guide: SafetyGuide,
                            today: CalendarDate, since: CalendarDate? = nil) -> (signs: [WarningSign], date: CalendarDate?) {
        let isRecent = { (d: CalendarDate) in Self.isRecent(d, today: today) }
        let counts = { (d: CalendarDate) in since.map { d >= $0 && d <= today } ?? isRecent(d) }
        let startOfDay = TimeOfDay(minutes: 0)
        let reported = entries.filter { counts($0.date) }.map { ($0.date, $0.time, $0.warningSigns) }
            + reports.filter { counts($0.date) }.map { ($0.date, $0.time, $0.signs) }
            + checkIns.filter { isRecent($0.date) }.map { ($0.date, startOfDay, guide.signs(in: $0).map(\.id)) }
        let latestFirst = reported.sorted { ($0.0, $0.1) > ($1.0, $1.1) }
        return (latestFirst.flatMap { r in r.2.compactMap { id in guide.sign(id) } },
                latestFirst.first(where: { !$0.2.compactMap(guide.sign).isEmpty })?.0)
    }

    /// True for a sign after which the portal asks her to exercise nowhere: one that means stopping exercise
    /// (ACOG's list, `WarningSign.stopsExercise`) or any sign whose message is "Call 911 now" (thoughts of harm,
    /// seizure, trouble breathing: an emergency comes before any exercise). A sign that is neither (fever, low
    /// mood, burning when peeing) leaves her exercises as they are, with Home's "call your provider" message.
    public static func stopsExercise(_ sign: WarningSign) -> Bool {
        sign.stopsExercise == true || sign.urgency == .emergency
    }

    /// On a day she reported a sign that `stopsExercise` (today or yesterday), the first sentence of the message
    /// Home shows for everything she reported in those days, at its level ("Emergency: Stop exercising and call
    /// 911 now." when a 911 sign comes with a "call your provider" one; QA G3), for the places that would
    /// otherwise ask her to exercise: the Exercises screen, the timer, `portal today`, the brief line and the
    /// exercise reminder (QA E14). Nil on any other day.
    public static func exerciseStop(entries: [PainEntry], reports: [SignReport], checkIns: [QuizResult] = [], guide: SafetyGuide,
                                    today: CalendarDate) -> SafetyAlert? {
        let recent = recentSigns(entries: entries, reports: reports, checkIns: checkIns, guide: guide, today: today)
        guard recent.signs.contains(where: stopsExercise), let date = recent.date,
              let alert = alert(for: recent.signs, guide: guide, date: date) else { return nil }
        return SafetyAlert(level: alert.level, headline: "", advice: alert.firstSentence, date: date)
    }
}

extension SafetyAlert {
    /// The advice's first sentence: the level's action ("Call 911 now.", "Stop exercising and call your provider
    /// now."), which `SafetyRules.alert` always puts first.
    public var firstSentence: String {
        advice.range(of: ". ").map { String(advice[..<$0.lowerBound]) + "." } ?? advice
    }
}
