import Foundation

/// A local calendar date with no time zone: what a patient means by "today" or "the 3rd".
/// Stored and exchanged as `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, TextCodable {
    static let textForm = "a date in the form YYYY-MM-DD"

    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil when the parts do not name a real day (30 February, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil):
    /// plain integer arithmetic, much faster than Foundation's Calendar and free of time zones.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Parses exactly `YYYY-MM-DD`.
    /// Read on the UTF-8 bytes: every stored row's date goes through here, and splitting into Characters cost
    /// more than the rest of reading the row.
    public init?(_ text: String) {
        var text = text
        let parsed: (Int, Int, Int)? = text.withUTF8 { b in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  let y = Digits.value(b, 0, 4), let m = Digits.value(b, 5, 2), let d = Digits.value(b, 8, 2) else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The local date of an instant, in the given time zone (the machine's by default).
    public init(_ date: Date, timeZone: TimeZone = .current) {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        let p = c.dateComponents([.year, .month, .day], from: date)
        self.year = p.year!
        self.month = p.month!
        self.day = p.day!
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int {
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// `YYYY-MM-DD`, written byte by byte (`String(format:)` went through Foundation for every row exported).
    public var description: String {
        // A date reached by arithmetic may leave years 1–9999; those keep the general form.
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return String(unsafeUninitializedCapacity: 10) { out in
            Digits.write(year, width: 4, into: out, at: 0)
            out[4] = UInt8(ascii: "-")
            Digits.write(month, width: 2, into: out, at: 5)
            out[7] = UInt8(ascii: "-")
            Digits.write(day, width: 2, into: out, at: 8)
            return 10
        }
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Tue 3 Dec": short and unambiguous on a small screen.
    public var shortText: String { "\(Self.weekdayNames[isoWeekday - 1]) \(day) \(Self.monthNames[month - 1])" }
    /// "3 Dec"
    public var dayMonthText: String { "\(day) \(Self.monthNames[month - 1])" }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

}

/// A time of day to the minute, stored as `HH:MM` (24-hour).
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, TextCodable {
    static let textForm = "a time in the form HH:MM"

    public let minutes: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// Minutes since midnight, clamped to the day (0 to 23:59).
    public init(minutes: Int) { self.minutes = min(max(0, minutes), 23 * 60 + 59) }

    /// Parses `H:MM` or `HH:MM`.
    public init?(_ text: String) {
        var text = text
        let parsed: (Int, Int)? = text.withUTF8 { b in
            guard b.count == 4 || b.count == 5 else { return nil }
            let colon = b.count - 3
            guard b[colon] == UInt8(ascii: ":"), let h = Digits.value(b, 0, colon), let m = Digits.value(b, colon + 1, 2) else { return nil }
            return (h, m)
        }
        guard let (h, m) = parsed else { return nil }
        self.init(hour: h, minute: m)
    }

    public init(_ date: Date, timeZone: TimeZone = .current) {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        let p = c.dateComponents([.hour, .minute], from: date)
        minutes = p.hour! * 60 + p.minute!
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }
    public var description: String {
        String(unsafeUninitializedCapacity: 5) { out in
            Digits.write(hour, width: 2, into: out, at: 0)
            out[2] = UInt8(ascii: ":")
            Digits.write(minute, width: 2, into: out, at: 3)
            return 5
        }
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

}

/// A local date and time: when a visit starts.
public struct LocalDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, TextCodable {
    static let textForm = "a date and time in the form YYYY-MM-DDTHH:MM"

    public var date: CalendarDate
    public var time: TimeOfDay

    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DDTHH:MM` (a space is accepted instead of the T).
    public init?(_ text: String) {
        let sep: Character = text.contains("T") ? "T" : " "
        let parts = text.split(separator: sep)
        guard parts.count == 2, let d = CalendarDate(String(parts[0])), let t = TimeOfDay(String(parts[1])) else { return nil }
        self.init(date: d, time: t)
    }

    public var description: String { "\(date)T\(time)" }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { (a.date, a.time) < (b.date, b.time) }

    /// Minutes from `self` to `other`.
    public func minutes(until other: LocalDateTime) -> Int {
        date.days(until: other.date) * 1440 + other.time.minutes - time.minutes
    }

}

/// A value written as its text form in the database, in files and in JSON (`2026-11-27`, `08:30`).
protocol TextCodable: Codable, CustomStringConvertible {
    /// How the text must look, for error messages.
    static var textForm: String { get }
    init?(_ text: String)
}

extension TextCodable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(PlainText.quoted(text)) is not \(Self.textForm)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// "Today" and "now" for the portal. The executable builds one from the system clock, or from
/// `PORTAL_TODAY=YYYY-MM-DD` (demos, tests), and hands it in.
public struct PortalClock: Sendable {
    public let today: CalendarDate
    public let time: TimeOfDay
    /// True when `PORTAL_TODAY` pinned the date: the time of day then comes from another day's clock.
    public let isPinned: Bool
    /// The zone the clock reads (the computer's): what a form checks a time she types against, as the store
    /// does when it saves (`StoreRules`).
    public let zone: LocalZone

    public init(today: CalendarDate, time: TimeOfDay, isPinned: Bool = false, zone: LocalZone = .current) {
        self.today = today
        self.time = time
        self.isPinned = isPinned
        self.zone = zone
    }

    public var now: LocalDateTime { LocalDateTime(date: today, time: time) }

    /// The latest moment an entry may be dated: now, or the end of a pinned day (whose clock time says
    /// nothing about that day).
    public var latestEntry: LocalDateTime {
        isPinned ? LocalDateTime(date: today, time: TimeOfDay(minutes: 23 * 60 + 59)) : now
    }

    /// The system clock at `date`; with `pinned`, that day instead of the real one (the time still moves).
    public init(at date: Date, pinned: CalendarDate? = nil) {
        // localtime_r, not Calendar and TimeZone.current: the same local time from the same TZ rules, without
        // loading ICU's calendar data (about 3 M instructions and 3.6 MiB at every start and every tick).
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if localtime_r(&seconds, &parts) != nil,
           let day = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) {
            self.init(today: pinned ?? day, time: TimeOfDay(minutes: Int(parts.tm_hour) * 60 + Int(parts.tm_min)),
                      isPinned: pinned != nil)
        } else {
            self.init(today: pinned ?? CalendarDate(date), time: TimeOfDay(date), isPinned: pinned != nil)
        }
    }
}

/// ASCII digits read and written on bytes, for the date and time forms above.
enum Digits {
    /// The number `count` ASCII digits from `start` spell, or nil when any byte is not a digit 0–9.
    static func value(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var n = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    /// Writes `value` (0 or more) as `width` digits with leading zeros at `start`.
    static func write(_ value: Int, width: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var v = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
    }
}

extension TimeOfDay {
    /// The one message for text that is not a time of day: the form accepted and an example. Every screen and
    /// command that reads a time says it in these words, with control characters left out of the echo.
    public static func notATime(_ text: String, example: String = "08:30") -> String {
        "\(PlainText.quoted(text)) is not a time. Use 24-hour HH:MM, for example \(example)."
    }
}
