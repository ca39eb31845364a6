/// The reminders a patient sets herself: a time of day for the daily ones (on the days she chooses), and how
/// long before a visit for the visit ones. Nothing is set until she sets it: a portal that reminds by default
/// is the "too many reminders" patients complain of.
///
/// The rules for what she may type (a time, days, an offset) live here, once; the command line and the
/// reminder screen both parse through them, so their messages and accepted values never drift apart.
public struct ReminderSettings: Sendable, Hashable {
    /// The daily reminders she set, by kind (`pain`, `exercises`, `diary`; never `visits`).
    public private(set) var daily: [ReminderKind: DailyReminder]
    /// How long before each booked visit to remind her, latest first (24 h before, then 2 h before).
    public private(set) var visitOffsets: [VisitReminderOffset]

    public static let allOff = ReminderSettings(daily: [:], visitOffsets: [])

    public init(daily: [ReminderKind: DailyReminder] = [:], visitOffsets: [VisitReminderOffset] = []) {
        self.daily = daily.filter { $0.key.isDaily }
        self.visitOffsets = Self.ordered(visitOffsets)
    }

    public var isEmpty: Bool { daily.isEmpty && visitOffsets.isEmpty }

    /// Sets (or replaces) the daily reminder of `kind`; `visits` takes offsets instead.
    public mutating func set(_ kind: ReminderKind, _ reminder: DailyReminder) throws {
        guard kind.isDaily else {
            throw PortalError.invalidInput(field: .reminderOffset, ReminderKind.visitsTakeOffsets)
        }
        daily[kind] = reminder
    }

    /// Replaces the visit reminders with `offsets` (at least one).
    public mutating func setVisits(_ offsets: [VisitReminderOffset]) {
        visitOffsets = Self.ordered(offsets)
    }

    /// Sets the reminder of `kind` from what she typed (the command line and the reminder screen both come
    /// here): one time of day, on `days` (nil: every day), for pain, exercises and the diary; one or more times
    /// before a visit (`24h`, `2h`, or `24h,2h`) for visits. Refused, naming the problem and the accepted values
    /// and changing nothing, when any of it is wrong, and in a clinic's portal (`inClinic`) for a kind that needs
    /// a timer on her own computer (`ReminderKind.isSettable(inClinic:)`). `inClinic` has no default: every caller
    /// says where the portal runs, so a clinic's caller cannot forget it and set a reminder no timer will give.
    public mutating func set(_ kind: ReminderKind, from values: [String], days: String?, inClinic: Bool) throws {
        guard kind.isSettable(inClinic: inClinic) else {
            throw PortalError.rule("\(kind.title) reminders are off here. \(ReminderKind.noTimerInClinic)")
        }
        guard kind.isDaily else {
            guard days == nil else {
                throw PortalError.invalidInput(field: .reminderDays,
                                               "Visit reminders come before each booked visit, not on days of the week; leave out --days. \(VisitReminderOffset.accepted)")
            }
            setVisits(try VisitReminderOffset.parseList(values))
            return
        }
        guard values.count == 1, let text = values.first else {
            throw PortalError.invalidInput(field: .reminderTime,
                                           "Give one time of day for the \(kind.rawValue) reminder, HH:MM on the 24-hour clock, for example 20:00.")
        }
        let time = try DailyReminder.parseTime(text)
        try set(kind, DailyReminder(time: time, days: try days.map(DailyReminder.parseDays) ?? DailyReminder.everyDay))
    }

    /// Turns the reminders of `kind` off; nothing happens when none was set.
    public mutating func turnOff(_ kind: ReminderKind) {
        if kind == .visits { visitOffsets = [] } else { daily[kind] = nil }
    }

    /// Whether a reminder of `kind` is set.
    public func isSet(_ kind: ReminderKind) -> Bool {
        kind == .visits ? !visitOffsets.isEmpty : daily[kind] != nil
    }

    /// One line per kind, in the order of `ReminderKind.allCases`: "pain  20:00 every day", "visits  off".
    public func summary(_ kind: ReminderKind) -> String {
        if kind == .visits {
            return visitOffsets.isEmpty ? "off" : visitOffsets.map { "\($0) before" }.joined(separator: ", ")
        }
        return daily[kind].map { "\($0.time) \($0.daysText)" } ?? "off"
    }

    private static func ordered(_ offsets: [VisitReminderOffset]) -> [VisitReminderOffset] {
        Array(Set(offsets)).sorted { $0.minutes > $1.minutes }
    }
}

/// What a reminder is about. `diary` reminds of a bladder-diary day when one is due (the diary itself is
/// another part of the portal; until it says a day is due, a diary reminder has nothing to say).
public enum ReminderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case pain, exercises, diary, visits

    /// Every kind but visits is set to a time of day.
    public var isDaily: Bool { self != .visits }

    /// Whether she may set a reminder of this kind where her record is. The daily ones need a timer on her own
    /// computer, so a clinic's portal (over ssh) keeps them off; visit reminders still give the calendar export
    /// its alarms there. The one rule for the reminder screen and `portal remind set`.
    public func isSettable(inClinic: Bool) -> Bool { !(inClinic && isDaily) }

    /// Why the timer's reminders are off in a clinic's portal, in the words the screen and the commands both use.
    public static let noTimerInClinic = "There is no timer in the clinic's portal: it would run on the clinic's server, where no one sees it. "
        + "Home is your reminder here: each time you log in it shows what is still due."

    public var title: String {
        switch self {
        case .pain: return "Log pain"
        case .exercises: return "Exercises"
        case .diary: return "Bladder diary"
        case .visits: return "Visits"
        }
    }

    static let names = allCases.map(\.rawValue)
    static let visitsTakeOffsets =
        "Visit reminders are set by how long before the visit, not a time of day: for example 24h or 2h."

    /// `pain`, `exercises`, `diary` or `visits` (any case); anything else is refused naming them.
    public static func parse(_ text: String) throws -> ReminderKind {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let kind = ReminderKind(rawValue: t) else {
            throw PortalError.invalidInput(field: .reminderKind,
                                           "\(PlainText.quoted(text)) is not a kind of reminder. Use one of: \(names.joined(separator: ", ")).")
        }
        return kind
    }
}

/// A daily reminder: a time of day, on some days of the week (every day unless she chose).
public struct DailyReminder: Sendable, Hashable {
    public var time: TimeOfDay
    /// ISO weekdays, 1 = Monday … 7 = Sunday; never empty.
    public private(set) var days: Set<Int>

    public static let everyDay: Set<Int> = Set(1...7)
    /// Day names as typed and shown, Monday first.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public init(time: TimeOfDay, days: Set<Int> = everyDay) {
        self.time = time
        let valid = days.filter { (1...7).contains($0) }
        self.days = valid.isEmpty ? Self.everyDay : valid
    }

    public func isOn(_ day: CalendarDate) -> Bool { days.contains(day.isoWeekday) }

    /// "every day", "on mon, wed, fri".
    public var daysText: String {
        days == Self.everyDay ? "every day" : "on " + daysList
    }

    /// "mon,wed,fri": the form `--days` takes.
    public var daysList: String { days.sorted().map { Self.dayNames[$0 - 1] }.joined(separator: ",") }

    /// A time of day, `HH:MM` on the 24-hour clock, by the portal's one rule and in its one message (`TimeOfDay`).
    public static func parseTime(_ text: String) throws -> TimeOfDay {
        guard let t = TimeOfDay(text.trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalidInput(field: .reminderTime, TimeOfDay.notATime(text, example: "08:30 or 20:00"))
        }
        return t
    }

    /// `mon,tue,…` (any case, commas, each day once or more); also `daily`/`every-day` and `weekdays`.
    public static func parseDays(_ text: String) throws -> Set<Int> {
        let accepted = "Use day names separated by commas (\(dayNames.joined(separator: ", "))), or daily, or weekdays."
        let words = text.lowercased().split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !words.isEmpty, !(words.count == 1 && words[0].isEmpty) else {
            throw PortalError.invalidInput(field: .reminderDays, "No days given. \(accepted)")
        }
        var days = Set<Int>()
        for word in words {
            switch word {
            case "daily", "every-day", "everyday": days.formUnion(everyDay)
            case "weekdays": days.formUnion(1...5)
            default:
                // "monday" as well as "mon": the first three letters name the day.
                guard word.count >= 3, let i = dayNames.firstIndex(of: String(word.prefix(3))),
                      word.count == 3 || Self.fullNames[i] == word else {
                    throw PortalError.invalidInput(field: .reminderDays,
                                                   "\(PlainText.quoted(word.isEmpty ? text : word)) is not a day of the week. \(accepted)")
                }
                days.insert(i + 1)
            }
        }
        return days
    }

    private static let fullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}

/// How long before a visit a visit reminder comes: a whole number of minutes, written `30m`, `2h`, `24h`, `2d`.
public struct VisitReminderOffset: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    /// The longest: a week before the visit.
    public static let maximumMinutes = 7 * 24 * 60
    /// The steps of an offset in minutes: the reminder timer's interval (`ReminderTimer.everyMinutes`), which
    /// is all the timer can keep. A reminder comes at the first run of the timer at or after its time, so an
    /// offset shorter than one interval could come as the visit starts (1m before 09:30 is 09:29, and the
    /// timer next runs at 09:30), and 7m could not be told from 5m.
    public static let stepMinutes = ReminderTimer.everyMinutes
    public static let accepted = "Use a whole number of minutes in steps of \(stepMinutes) (the reminder timer runs every \(stepMinutes) minutes), or of hours or days, before the visit and at most 7d: for example \(stepMinutes)m, 30m, 2h, 24h or 2d."

    public init?(minutes: Int) {
        guard (1...Self.maximumMinutes).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// `30m`, `2h`, `24h`, `2d`; refused (naming the accepted forms) when not positive, too long or not a number.
    public static func parse(_ text: String) throws -> VisitReminderOffset {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let refuse = { (why: String) in
            PortalError.invalidInput(field: .reminderOffset, "\(PlainText.quoted(text)) \(why). \(accepted)")
        }
        guard let unit = t.last, let scale = ["m": 1, "h": 60, "d": 1440][unit] else {
            throw refuse("is not a time before a visit")
        }
        let number = t.dropLast()
        // A sign or a fraction is read as what it is, so "-2h" and "0h" are told they are not positive.
        if number.hasPrefix("-") || Int(number) == 0 {
            throw refuse("is not more than zero")
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(number) else {
            throw refuse("is not a whole number of \(["m": "minutes", "h": "hours", "d": "days"][unit]!)")
        }
        guard n <= maximumMinutes / scale, let offset = VisitReminderOffset(minutes: n * scale) else {
            throw refuse("is more than a week before the visit")
        }
        guard offset.minutes % stepMinutes == 0 else {
            throw refuse(offset.minutes < stepMinutes ? "is sooner than the reminder timer can keep" : "is not in steps of \(stepMinutes) minutes")
        }
        return offset
    }

    /// One or more offsets separated by commas (`24h,2h`).
    public static func parseList(_ texts: [String]) throws -> [VisitReminderOffset] {
        let parts = texts.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard !parts.isEmpty else {
            throw PortalError.invalidInput(field: .reminderOffset, "No time before the visit given. \(accepted)")
        }
        return try parts.map(parse)
    }

    /// `2d` for whole days from two, else `24h` for whole hours, else `90m`: the form she would type.
    public var description: String {
        if minutes % 1440 == 0, minutes >= 2 * 1440 { return "\(minutes / 1440)d" }
        if minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    /// "24 hours", "2 days", "1 hour 30 minutes".
    public var spokenText: String {
        func unit(_ n: Int, _ name: String) -> String { "\(n) \(name)\(n == 1 ? "" : "s")" }
        if minutes % 1440 == 0, minutes >= 2 * 1440 { return unit(minutes / 1440, "day") }
        let h = minutes / 60, m = minutes % 60
        return [h > 0 ? unit(h, "hour") : nil, m > 0 ? unit(m, "minute") : nil].compactMap { $0 }.joined(separator: " ")
    }

    public static func < (a: VisitReminderOffset, b: VisitReminderOffset) -> Bool { a.minutes < b.minutes }
}
