import Foundation

/// Where it hurts. Raw values are what the command line and exports use.
public enum PainSite: String, Sendable, Codable, CaseIterable {
    case hipFront = "hip-front"
    case hipSide = "hip-side"
    case buttock
    case lowBack = "low-back"
    case siJoint = "si-joint"
    case pubicBone = "pubic-bone"
    case groin
    case pelvicFloor = "pelvic-floor"
    case lowerAbdomen = "lower-abdomen"
    case scar
    case thigh

    public var title: String {
        switch self {
        case .hipFront: return "Front of hip"
        case .hipSide: return "Side of hip"
        case .buttock: return "Back of hip / buttock"
        case .lowBack: return "Low back"
        case .siJoint: return "SI joint"
        case .pubicBone: return "Pubic bone"
        case .groin: return "Groin"
        case .pelvicFloor: return "Pelvic floor"
        case .lowerAbdomen: return "Lower belly"
        case .scar: return "C-section scar"
        case .thigh: return "Thigh"
        }
    }
}

public enum BodySide: String, Sendable, Codable, CaseIterable {
    case left, right, both
    case unspecified = "none"
}

/// A site with the side it hurts on.
public struct SiteSide: Sendable, Hashable, Codable, CustomStringConvertible {
    public var site: PainSite
    public var side: BodySide

    public init(_ site: PainSite, _ side: BodySide = .unspecified) {
        self.site = site
        self.side = side
    }

    /// Parses `SITE` or `SITE:left|right|both`.
    public static func parse(_ text: String) throws -> SiteSide {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let site = PainSite(rawValue: parts[0]) else {
            throw PortalError.invalidInput("Unknown pain site \(PlainText.quoted(text)). Accepted sites: \(PainSite.allCases.map(\.rawValue).joined(separator: ", ")); add :left, :right or :both for a side.")
        }
        guard parts.count == 2 else { return SiteSide(site) }
        guard let side = BodySide(rawValue: parts[1]), side != .unspecified else {
            throw PortalError.invalidInput("Unknown side \(PlainText.quoted(parts[1])) in \(PlainText.quoted(text)). Accepted sides: left, right, both.")
        }
        return SiteSide(site, side)
    }

    /// `hip-side:left`, or `low-back` with no side.
    public var description: String { side == .unspecified ? site.rawValue : "\(site.rawValue):\(side.rawValue)" }

    /// "Side of hip (left)".
    public var title: String { side == .unspecified ? site.title : "\(site.title) (\(side.rawValue))" }
}

/// What made the pain worse.
public enum PainTrigger: String, Sendable, Codable, CaseIterable {
    case sittingLong = "sitting-long"
    case standingUp = "standing-up"
    case lyingOnSide = "lying-on-side"
    case turningInBed = "turning-in-bed"
    case walking
    case stairs
    case lifting
    case suddenMovement = "sudden-movement"
    case coughSneeze = "cough-sneeze"

    public var title: String {
        switch self {
        case .sittingLong: return "Sitting a long time"
        case .standingUp: return "Standing up"
        case .lyingOnSide: return "Lying on my side"
        case .turningInBed: return "Turning in bed"
        case .walking: return "Walking"
        case .stairs: return "Stairs"
        case .lifting: return "Lifting"
        case .suddenMovement: return "Sudden movement"
        case .coughSneeze: return "Coughing or sneezing"
        }
    }

    public static func parse(_ text: String) throws -> PainTrigger {
        guard let t = PainTrigger(rawValue: text.lowercased()) else {
            throw PortalError.invalidInput("Unknown trigger \(PlainText.quoted(text)). Accepted triggers: \(PainTrigger.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return t
    }
}

/// One pain score. Several a day are allowed.
public struct PainEntry: Sendable, Hashable, Codable {
    public static let noteLimit = 1000

    /// What her own clinic login is told when she would change or delete an entry that reported warning signs
    /// (`RecordStore.keepsWarningSigns`): it stays for her therapist to see, and the clinic's database keeps it.
    public static let keptForTherapist = "This entry reported a warning sign, so it stays in your record for your therapist "
        + "to see. If it was a mistake, tell your therapist, or log a new entry with a note."

    /// True when her clinic keeps this entry as it is for her therapist: it reported warning signs.
    public func keptForTherapist(_ keepsWarningSigns: Bool) -> Bool { keepsWarningSigns && !warningSigns.isEmpty }
    /// How far back an entry can be dated.
    public static let maxDaysBack = 366

    public var id: Int64?
    public var date: CalendarDate
    public var time: TimeOfDay
    /// 0 (no pain) to 10 (worst imaginable): the numeric rating scale, LOINC 72514-3.
    public var score: Int
    public var sites: [SiteSide]
    public var triggers: [PainTrigger]
    public var note: String
    /// Warning signs the patient ticked with this entry (ids from `safety.json`).
    public var warningSigns: [String]
    /// The offset from UTC, in minutes, of this date and time where she was when it was saved: the store
    /// sets it as it saves (`StoreRules.checkPain`), so the exports say when it was, wherever they are made.
    public var utcOffset: Int?

    public init(id: Int64? = nil, date: CalendarDate, time: TimeOfDay, score: Int, sites: [SiteSide] = [],
                triggers: [PainTrigger] = [], note: String = "", warningSigns: [String] = [], utcOffset: Int? = nil) {
        self.id = id
        self.date = date
        self.time = time
        self.score = score
        self.sites = sites
        self.triggers = triggers
        self.note = PlainText.blankAsEmpty(note)
        self.warningSigns = warningSigns
        self.utcOffset = utcOffset
    }

    /// Checks the entry against the rules: score 0–10, not in the future, a note of sensible length.
    public func validate(now: LocalDateTime) throws {
        guard (0...10).contains(score) else {
            throw PortalError.invalidInput(field: .painScore, "A pain score is a whole number from 0 (no pain) to 10 (worst possible), not \(score).")
        }
        try Self.checkMoment(date: date, time: time, now: now, what: "pain can be logged")
        if !warningSigns.isEmpty { try Self.checkSignMoment(date: date, now: now) }
        try PlainText.check(note, field: "The note", as: .painNote, maxLength: Self.noteLimit)
    }

    /// The rule for when a diary entry can be dated, shared by pain entries and warning signs reported alone:
    /// not in the future, and at most `maxDaysBack` days back. `what` says what it is about, in the message:
    /// "pain can be logged", "warning signs can be reported".
    public static func checkMoment(date: CalendarDate, time: TimeOfDay, now: LocalDateTime, what: String) throws {
        guard date <= now.date else {
            throw PortalError.invalidInput(field: .painDate, "The date \(date) is in the future; \(what) for today (\(now.date)) or earlier.")
        }
        guard date == now.date ? time <= now.time : true else {
            throw PortalError.invalidInput(field: .painTime, "\(time) is later than now (\(now.time)); \(what) up to now.")
        }
        guard date.days(until: now.date) <= maxDaysBack else {
            throw PortalError.invalidInput(field: .painDate, "The date \(date) is more than a year ago; \(what) for the last \(maxDaysBack) days.")
        }
    }

    /// A warning sign is dated within the days her therapist's chart lists (`PortalSnapshot.historyDays`), so
    /// every sign she reports is one her therapist can see and review, and the caseload can flag; an older one
    /// is for the next visit. Pain alone can go back further (`maxDaysBack`).
    public static func checkSignMoment(date: CalendarDate, now: LocalDateTime) throws {
        let days = PortalSnapshot.historyDays
        guard date.days(until: now.date) <= days else {
            throw PortalError.invalidInput(field: .painDate, "The date \(date) is more than \(days) days ago; warning signs can be reported for "
                + "the last \(days) days. For something older, tell your therapist or provider at your next visit.")
        }
    }

    /// Parses a score typed by a person: a whole number 0–10, nothing else.
    public static func parseScore(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), t.count <= 2, let v = Int(t), (0...10).contains(v) else {
            throw PortalError.invalidInput(field: .painScore, "\(PlainText.quoted(text)) is not a pain score. Use a whole number from 0 (no pain) to 10 (worst possible).")
        }
        return v
    }
}

/// One day's pain, summarised.
public struct DailyPain: Sendable, Hashable {
    public var date: CalendarDate
    public var mean: Double
    public var max: Int
    public var count: Int
}

/// Whether the change in pain is large enough to matter.
public enum PainChangeVerdict: Sendable, Hashable {
    case notEnoughData
    case improved
    case worse
    case noClearChange
}

/// The change from the first week of logging to the last seven days, judged against the minimal
/// clinically important change (Farrar 2001): at least 2 points, or at least 30 % *and* at least 1 point,
/// so a fall from 1.0 to 0.6 (40 % but under half a point) does not count.
public struct PainChange: Sendable, Hashable {
    public var baseline: Double
    public var recent: Double
    public var points: Double { baseline - recent }
    public var percent: Double { baseline == 0 ? 0 : points / baseline * 100 }
    public var verdict: PainChangeVerdict {
        if Self.matters(points: points, percent: percent) { return .improved }
        if Self.matters(points: -points, percent: -percent) { return .worse }
        return .noClearChange
    }

    /// A change in one direction counts at 2 points, or at 30 % with at least 1 point. The tolerance keeps
    /// averages such as 5.0 to 3.5 (exactly 30 %) from missing by a rounding error.
    static func matters(points: Double, percent: Double) -> Bool {
        let e = 1e-9
        return points >= 2 - e || (percent >= 30 - e && points >= 1 - e)
    }

    /// One sentence a patient can read. Its numbers are worked out from the rounded averages it shows, so
    /// they add up on the page (5.8 to 3.8 is 2.0 points); the verdict itself uses the exact values.
    public var sentence: String { sentence(for: ViewerWords(aboutHer: false)) }

    /// The sentence in `words`: to the patient, or about her on her chart, with nothing to tell.
    public func sentence(for words: ViewerWords) -> String {
        let your = words.Your, yourFirst = "\(words.your) first week"
        let shownBaseline = (baseline * 10).rounded() / 10, shownRecent = (recent * 10).rounded() / 10
        let b = String(format: "%.1f", shownBaseline), r = String(format: "%.1f", shownRecent)
        let p = String(format: "%.1f", abs(shownBaseline - shownRecent))
        let pc = shownBaseline == 0 ? 0 : Int((abs(shownBaseline - shownRecent) / shownBaseline * 100).rounded())
        switch verdict {
        case .improved:
            return "\(your) average pain went from \(b) in \(yourFirst) to \(r) in the last 7 days: \(p) points (\(pc)%) lower. That is a change large enough to matter."
        case .worse:
            return "\(your) average pain went from \(b) in \(yourFirst) to \(r) in the last 7 days: \(p) points (\(pc)%) higher."
                + words.say(you: " Please tell your therapist.", she: "")
        default:
            return "\(your) average pain was \(b) in \(yourFirst) and \(r) in the last 7 days. A change of 2 points, or of 30% and at least 1 point, is the size that usually matters."
        }
    }
}

/// Daily summaries and trends from pain entries.
public struct PainTrend: Sendable {
    public let days: [DailyPain]
    /// The days of the first 7 days of logging, however long ago (`PortalSnapshot.firstWeekPain`).
    public let firstWeek: [DailyPain]
    /// `days` by date: the chart asks for every day of 90 and a 7-day average ending on each.
    private let byDate: [CalendarDate: DailyPain]

    /// A trend of `entries`. `firstWeek` holds the entries of the first 7 days of logging when `entries` may
    /// start later than that (a snapshot holds only the last months); without it the first week is taken
    /// from `entries`.
    public init(entries: [PainEntry], firstWeek: [PainEntry]? = nil) {
        days = Self.daily(entries)
        byDate = Dictionary(uniqueKeysWithValues: days.map { ($0.date, $0) })
        if let firstWeek, let start = Self.daily(firstWeek).first?.date {
            let end = start.adding(days: 7)
            self.firstWeek = Self.daily(firstWeek).filter { $0.date < end }
        } else if let start = days.first?.date {
            let end = start.adding(days: 7)
            self.firstWeek = days.filter { $0.date < end }
        } else {
            self.firstWeek = []
        }
    }

    static func daily(_ entries: [PainEntry]) -> [DailyPain] {
        let byDay = Dictionary(grouping: entries, by: \.date)
        return byDay.keys.sorted().map { d in
            let scores = byDay[d]!.map(\.score)
            return DailyPain(date: d, mean: Double(scores.reduce(0, +)) / Double(scores.count),
                             max: scores.max()!, count: scores.count)
        }
    }

    /// The first day anything was logged.
    public var firstLogged: CalendarDate? { firstWeek.first?.date ?? days.first?.date }

    public func day(_ d: CalendarDate) -> DailyPain? { byDate[d] }

    /// Daily means for the `count` days ending on `today`, nil where nothing was logged.
    public func dailyMeans(endingOn today: CalendarDate, count: Int) -> [Double?] {
        (0..<count).map { byDate[today.adding(days: $0 - count + 1)]?.mean }
    }

    /// The mean of the daily means in the 7 days ending on `day`, nil when none were logged. Summed oldest
    /// first, as the days are kept, so the figure is the same to the last bit.
    public func sevenDayAverage(endingOn day: CalendarDate) -> Double? {
        var sum = 0.0, count = 0
        for offset in stride(from: 6, through: 0, by: -1) {
            guard let d = byDate[day.adding(days: -offset)] else { continue }
            sum += d.mean
            count += 1
        }
        guard count > 0 else { return nil }
        return sum / Double(count)
    }

    /// The change from the first 7 days of logging to the last 7 days. Needs the two windows not to
    /// overlap and at least 3 logged days in each.
    public func changeSinceFirstWeek(today: CalendarDate) -> PainChange? {
        guard let first = firstLogged else { return nil }
        let weekAgo = today.adding(days: -7), firstWeekEnd = first.adding(days: 7)
        let lastWeek = days.filter { $0.date <= today && $0.date > weekAgo }
        guard firstWeekEnd <= today.adding(days: -6), firstWeek.count >= 3, lastWeek.count >= 3 else { return nil }
        let mean = { (d: [DailyPain]) in d.map(\.mean).reduce(0, +) / Double(d.count) }
        return PainChange(baseline: mean(firstWeek), recent: mean(lastWeek))
    }
}
