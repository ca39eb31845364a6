import Foundation

/// The outcome measures she filled in: the measure's id (its content file), the day, and the answers as a JSON
/// object of item id to the value chosen; an activity-based measure (PSFS) keeps the activities she named, in
/// order, in a table of their own. The pelvic-floor check-in is kept as a check-in (`CheckInMap`).
public enum MeasureMap {
    public static let responses = RecordTable("measure_response", columns: [
        .id(),
        .text("measure_id", rule: .length(1...100)),
        .date("taken_on"),
        RecordColumn("answers", .jsonObject(.integer)),
    ], key: ["id"], indexes: [.init("measure_response_by_date", ["taken_on"])])

    public static let activities = RecordTable("measure_activity", columns: [
        RecordColumn("response_id", .reference),
        .integer("position"),
        .text("activity", rule: .length(1...200)),
        .integer("score", 0...10),
    ], key: ["response_id", "position"], parent: .init("measure_response", ["response_id"]))

    /// Responses from `from` to `to` inclusive (nil: no bound), oldest first.
    static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [MeasureResponse] {
        let range = RowFilter.between("taken_on", from, to)
        var named: [Int64: [RatedActivity]] = [:]
        try db.select(activities, ["response_id", "activity", "score"], where: .parent(range),
                      orderBy: [.ascending("response_id"), .ascending("position")], limit: nil) { a in
            named[try a.int64(0), default: []].append(RatedActivity(try a.text(1), try a.int(2)))
        }
        let decoder = JSONDecoder()
        return try db.rows(responses, ["id", "measure_id", "taken_on", "answers"], where: range,
                           orderBy: [.ascending("taken_on"), .ascending("id")]) { r in
            let id = try r.int64(0)
            guard let answers = try? decoder.decode([String: Int].self, from: Data(try r.text(3).utf8)) else { throw type(of: r).unreadable(3) }
            return MeasureResponse(id: id, measureID: try r.text(1), date: try r.date(2), answers: answers, activities: named[id] ?? [])
        }
    }

    /// `{"a":0,"b":3}`, keys sorted, so the same answers are always the same text.
    static func json(_ answers: [String: Int]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(answers), as: UTF8.self)
    }

    @discardableResult
    static func insert(_ r: MeasureResponse, _ db: any RecordDatabase) throws -> MeasureResponse {
        var saved = r
        saved.id = try db.insert(responses, [("measure_id", .text(r.measureID)), ("taken_on", .date(r.date)),
                                             ("answers", .text(try json(r.answers)))])
        guard let id = saved.id else { return saved }
        for (i, a) in r.activities.enumerated() {
            try db.insert(activities, [("response_id", .int(id)), ("position", .int(i)), ("activity", .text(a.text)), ("score", .int(a.score))])
        }
        return saved
    }
}

/// Measures she fills in are a diary of their own (`RecordStore.entries`, `add`, `remove`).
extension MeasureResponse: DiaryEntry {
    public static func read(_ db: any RecordDatabase, from: CalendarDate?, to: CalendarDate?) throws -> [MeasureResponse] {
        try MeasureMap.read(db, from: from, to: to)
    }

    public static func insert(_ entry: MeasureResponse, _ db: any RecordDatabase) throws -> MeasureResponse {
        try MeasureMap.insert(entry, db)
    }

    /// A filled-in questionnaire is not changed afterwards: she fills it in again.
    public static func update(_ entry: MeasureResponse, _ db: any RecordDatabase) throws -> Bool { false }

    public static func delete(id: Int64, _ db: any RecordDatabase) throws -> Bool {
        try db.delete(MeasureMap.activities, where: .equal("response_id", .int(id)))
        return try db.delete(MeasureMap.responses, where: .equal("id", .int(id))) == 1
    }

    /// A measure of the content (not the check-in, which is kept as a check-in), every item answered on its
    /// scale or its activities named and rated, dated in the last year (`Measure.validate`).
    public func checked(_ rules: EntryRules) throws -> MeasureResponse {
        let kept = rules.content.measures.filter { $0.id != Measure.checkInID }
        guard measureID != Measure.checkInID, let measure = kept.first(where: { $0.id == measureID }) else {
            throw PortalError.invalidInput("\(PlainText.quoted(measureID)) is not a questionnaire of this portal. Accepted: \(kept.map(\.id).joined(separator: ", ")).")
        }
        try measure.validate(self, today: rules.now.date)
        var r = self
        r.activities = activities.map { RatedActivity(PlainText.blankAsEmpty($0.text), $0.score) }
        return r
    }
}
