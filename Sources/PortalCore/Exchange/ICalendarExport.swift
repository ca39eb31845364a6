import Foundation

/// The booked and completed visits as an RFC 5545 calendar. Times are written in UTC (the `Z` form),
/// computed from the stored local times in the machine's time zone: every calendar reads UTC, while a
/// floating time or a VTIMEZONE of our own would be easy to get wrong.
public enum ICalendarExport {
    public static let productID = "-//Patient Portal//portal//EN"

    /// The visits that belong in a calendar: booked or completed, with a date.
    public static func visits(in data: ExportData) -> [Visit] {
        (data.plan?.visits ?? []).filter { ($0.status == .booked || $0.status == .completed) && $0.start != nil }
    }

    /// The calendar text: CRLF line ends, lines folded at 75 octets.
    public static func calendar(_ data: ExportData) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:\(text("Physical therapy visits"))"]
        let stamp = utc(data.generatedAt)
        for v in visits(in: data) {
            let start = data.instant(v.start!)
            let end = start.addingTimeInterval(TimeInterval(v.durationMinutes * 60))
            lines += ["BEGIN:VEVENT",
                      // The visit's number names it, not its time, so moving a visit keeps its UID.
                      "UID:\(data.uuid("visit/\(v.number)"))",
                      "DTSTAMP:\(stamp)",
                      "DTSTART:\(utc(start))",
                      "DTEND:\(utc(end))",
                      "SUMMARY:\(text(summary(v)))",
                      "STATUS:CONFIRMED",
                      "TRANSP:OPAQUE"]
            var description: [String] = []
            if !v.focus.isEmpty { description.append("Focus: \(v.focus)") }
            if !v.therapist.isEmpty { description.append("With \(v.therapist)") }
            if v.status == .completed { description.append("Completed.") }
            let place = v.location.trimmingCharacters(in: .whitespaces)
            switch v.mode {
            case .inPerson:
                if !place.isEmpty { lines.append("LOCATION:\(text(place))") }
            case .virtual:
                if !place.isEmpty {
                    description.append("Video link: \(place)")
                    // URL is a URI value (not TEXT): only a link that is one goes there, unescaped.
                    if let url = URL(string: place), url.scheme != nil, !place.contains(where: { $0 == " " || $0 == "\"" }) {
                        lines.append("URL:\(place)")
                    }
                }
            }
            if !description.isEmpty { lines.append("DESCRIPTION:\(text(description.joined(separator: "\n")))") }
            // An alarm at each time before a visit she asked to be reminded; a visit that took place needs none.
            if v.status == .booked {
                for offset in data.visitReminders {
                    lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:\(trigger(offset))",
                              "DESCRIPTION:\(text("\(summary(v)), in \(offset.spokenText)"))", "END:VALARM"]
                }
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// "Visit 3 of 6 — follow-up".
    public static func summary(_ v: Visit) -> String {
        "Visit \(v.number) of \(Visit.planSize) — \(v.kind.title.lowercased())"
    }

    /// An alarm's TRIGGER before the start (RFC 5545 §3.8.6.3, a negative duration): `-PT2H`, `-PT1H30M`, `-P2D`.
    static func trigger(_ offset: VisitReminderOffset) -> String {
        let m = offset.minutes
        if m % 1440 == 0, m >= 2 * 1440 { return "-P\(m / 1440)D" }
        return "-PT" + (m >= 60 ? "\(m / 60)H" : "") + (m % 60 > 0 ? "\(m % 60)M" : "")
    }

    /// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s.replacingOccurrences(of: "\r\n", with: "\n") {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line (§3.1): at most 75 octets a line, continuation lines start with one space, and a
    /// break never falls inside a UTF-8 sequence (it falls between Unicode scalars).
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1 // the space that starts the continuation line
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }

    /// `20261203T151500Z`.
    static func utc(_ date: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let p = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }
}
