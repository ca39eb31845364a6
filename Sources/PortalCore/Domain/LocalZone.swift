import Foundation

/// The time zone the portal's local dates and times are read in (the computer's, from `TZ`), and what it
/// says about one local time: its offset from UTC, that the clock shows it twice (the hour repeated when
/// daylight saving ends), or that the clock never shows it (the hour skipped when it begins).
///
/// The rules, in one place:
/// - a time the clock skips (02:30 on 14 March 2027 in New York) is refused with a message;
/// - a time the clock shows twice (01:30 on 7 November 2027 in New York) is the first of the two, the one
///   still on daylight-saving time; a visit or an entry of the second is written as the hour after it.
public struct LocalZone: Sendable, Hashable, CustomStringConvertible {
    public let timeZone: TimeZone

    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    /// The computer's zone (`TZ`, else the system's).
    public static var current: LocalZone { LocalZone(.current) }

    /// "America/New_York".
    public var description: String { timeZone.identifier }

    /// What the clock does at a local time. Offsets are in seconds east of UTC.
    public enum Reading: Sendable, Hashable {
        /// Shown once, at this offset.
        case once(Int)
        /// Shown twice: first at `first` (the earlier instant), then at `second`.
        case twice(first: Int, second: Int)
        /// Never shown: the clock jumps over it, from the `before` offset to the `after` one.
        case skipped(before: Int, after: Int)
    }

    /// Seconds since 1970 of `local` read as if it were UTC.
    private static func seconds(_ local: LocalDateTime) -> Int {
        local.date.dayNumber * 86_400 + local.time.minutes * 60
    }

    private func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    public func reading(of local: LocalDateTime) -> Reading {
        let wall = Self.seconds(local)
        // The offsets in force a day either side: a change of offset (daylight saving, or a zone that changed
        // its rules) lies between them. An offset fits when the instant it gives reads back at that offset.
        let before = offset(at: wall - 86_400), after = offset(at: wall + 86_400)
        let fits = Set([before, offset(at: wall), after]).filter { offset(at: wall - $0) == $0 }.sorted(by: >)
        switch fits.count {
        case 0: return .skipped(before: before, after: after)
        case 1: return .once(fits[0])
        default: return .twice(first: fits[0], second: fits[fits.count - 1])  // a larger offset is an earlier instant
        }
    }

    /// The offset from UTC, in minutes, of a time she gave: a repeated time is the first of the two, and a
    /// time the clock skips is refused, naming it, the change and what to choose instead.
    public func utcOffsetMinutes(at local: LocalDateTime, field: PortalError.Field) throws -> Int {
        switch reading(of: local) {
        case .once(let o), .twice(let o, _): return o / 60
        case .skipped(let before, let after):
            // The instant of the change, found by halving the day either side; the clock's gap is that instant
            // read at the offset before it, up to the same instant read at the offset after.
            var lo = Self.seconds(local) - 86_400, hi = Self.seconds(local) + 86_400
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2
                if offset(at: mid) == before { lo = mid } else { hi = mid }
            }
            let gapStart = ((hi + before) % 86_400 + 86_400) % 86_400 / 60
            let start = TimeOfDay(minutes: gapStart), end = TimeOfDay(minutes: gapStart + (after - before) / 60)
            throw PortalError.invalidInput(field: field, "\(local.time) on \(local.date.shortText) \(local.date.year) does not exist in \(timeZone.identifier): the clocks go forward from \(start) to \(end) that night. Choose a time before \(start), or from \(end).")
        }
    }

    /// The instant a stored local time names, for the exports: a repeated time is the first of the two; a
    /// time the clock skips (a row stored before such times were refused) is read at the offset before the
    /// change, so it comes out as the clock's time after it (02:30 as 03:30).
    public func instant(_ local: LocalDateTime) -> Date {
        let offset: Int
        switch reading(of: local) {
        case .once(let o), .twice(let o, _): offset = o
        case .skipped(let before, _): offset = before
        }
        return Date(timeIntervalSince1970: TimeInterval(Self.seconds(local) - offset))
    }

    /// The offset, in minutes, of a stored local time that may predate the rules above (the migration that
    /// gave old rows an offset): never refused, a skipped time taking the offset before the change.
    public func storedOffsetMinutes(at local: LocalDateTime) -> Int {
        switch reading(of: local) {
        case .once(let o), .twice(let o, _): return o / 60
        case .skipped(let before, _): return before / 60
        }
    }
}
