/// Her reminders: the ones she set (a time of day on chosen days for pain, exercises and the bladder diary; how
/// long before each visit) and the log of the reminders the timer gave or tried to give, so `portal remind now`
/// gives each at most once a day and Home says once the ones that could not be shown. In a clinic they are hers
/// alone: her therapist neither reads nor writes them (`access`).
public enum ReminderMap {
    /// Only she may read and write them, on a clinic's server as everywhere.
    static let hers = [Access(.patient, Access.Command.allCases)]

    /// The daily reminders she set, one row a kind.
    public static let daily = RecordTable("reminder_setting", columns: [
        .text("kind", rule: .oneOf(ReminderKind.allCases.filter(\.isDaily).map(\.rawValue))),
        RecordColumn("time", .time),
        // The days it comes on, as `--days` takes them ("mon,wed,fri"; all seven for every day).
        .text("days", rule: .length(3...27)),
    ], key: ["kind"], access: hers)

    /// How long before each booked visit she is reminded, one row a time before.
    public static let visits = RecordTable("visit_reminder", columns: [
        .integer("minutes_before", 1...VisitReminderOffset.maximumMinutes),
    ], key: ["minutes_before"], access: hers)

    /// Each reminder given or tried: what it was about, when, and whether it reached her.
    public static let deliveries = RecordTable("reminder_delivery", columns: [
        .id(),
        .oneOf("kind", ReminderKind.self),
        .text("subject", rule: .length(1...200)),
        .integer("minutes_before", 1...VisitReminderOffset.maximumMinutes, nullable: true),
        RecordColumn("given_at", .dateTime),
        .text("outcome", rule: .oneOf(ReminderDelivery.Outcome.names)),
        // Why it could not be shown (a failed one only).
        .note("reason", limit: 500),
        // 1 once Home has said that it could not be shown.
        .integer("said", 0...1),
    ], key: ["id"], indexes: [.init("reminder_delivery_by_time", ["given_at"])], access: hers)

    static func readSettings(_ db: any RecordDatabase) throws -> ReminderSettings {
        var daily: [ReminderKind: DailyReminder] = [:]
        try db.select(Self.daily, ["kind", "time", "days"], where: .all, orderBy: [.ascending("kind")], limit: nil) { r in
            guard let kind = ReminderKind(rawValue: try r.text(0)), let days = try? DailyReminder.parseDays(try r.text(2)) else {
                throw type(of: r).unreadable(0)
            }
            daily[kind] = DailyReminder(time: try r.time(1), days: days)
        }
        let offsets = try db.rows(visits, ["minutes_before"]) { r -> VisitReminderOffset in
            guard let o = VisitReminderOffset(minutes: try r.int(0)) else { throw type(of: r).unreadable(0) }
            return o
        }
        return ReminderSettings(daily: daily, visitOffsets: offsets)
    }

    /// Replaces every setting with `settings`.
    static func saveSettings(_ settings: ReminderSettings, _ db: any RecordDatabase) throws {
        try db.delete(daily, where: .all)
        try db.delete(visits, where: .all)
        for kind in ReminderKind.allCases {
            guard let d = settings.daily[kind] else { continue }
            try db.insert(daily, [("kind", .text(kind.rawValue)), ("time", .time(d.time)), ("days", .text(d.daysList))])
        }
        for o in settings.visitOffsets { try db.insert(visits, [("minutes_before", .int(o.minutes))]) }
    }

    /// The reminders given from `from` on (nil: all), oldest first.
    static func readLog(_ db: any RecordDatabase, from: CalendarDate?) throws -> [ReminderDelivery] {
        let filter: RowFilter = from.map { .atLeast("given_at", .text(LocalDateTime(date: $0, time: TimeOfDay(minutes: 0)).description)) } ?? .all
        return try db.rows(deliveries, ["id", "kind", "subject", "minutes_before", "given_at", "outcome", "reason", "said"], where: filter,
                           orderBy: [.ascending("given_at"), .ascending("id")]) { r in
            guard let kind = ReminderKind(rawValue: try r.text(1)), let at = try r.optionalDateTime(4),
                  let outcome = ReminderDelivery.Outcome(name: try r.text(5), reason: try r.text(6)) else {
                throw type(of: r).unreadable(1)
            }
            return ReminderDelivery(id: try r.int64(0), kind: kind, subject: try r.text(2),
                                    offset: try r.optionalInt(3).flatMap { VisitReminderOffset(minutes: $0) }, at: at, outcome: outcome,
                                    saidOnHome: try r.int(7) != 0)
        }
    }

    @discardableResult
    static func insert(_ d: ReminderDelivery, _ db: any RecordDatabase) throws -> ReminderDelivery {
        var saved = d
        saved.id = try db.insert(deliveries, [
            ("kind", .text(d.kind.rawValue)), ("subject", .text(d.subject)), ("minutes_before", .optional(d.offset?.minutes)),
            ("given_at", .text(d.at.description)), ("outcome", .text(d.outcome.name)), ("reason", .text(d.outcome.reason)),
            ("said", .int(d.saidOnHome ? 1 : 0)),
        ])
        return saved
    }

    static func markSaid(_ ids: [Int64], _ db: any RecordDatabase) throws {
        for id in ids { try db.update(deliveries, set: [("said", .int(1))], where: .equal("id", .int(id))) }
    }
}
