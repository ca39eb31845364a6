/// Warning signs reported on their own, without a pain score: a patient with a severe headache or low mood
/// may have no pain to log, and the signs must still raise their message.
public struct SignReport: Sendable, Hashable, Codable {
    public static let noteLimit = PainEntry.noteLimit

    /// What her own clinic login is told when she would delete a report (`RecordStore.keepsWarningSigns`).
    public static let keptForTherapist = "A warning sign you report stays in your record for your therapist to see. "
        + "If it was a mistake, tell your therapist, or add a note with a new entry."

    public var id: Int64?
    public var date: CalendarDate
    public var time: TimeOfDay
    /// Sign ids from `safety.json`, at least one.
    public var signs: [String]
    public var note: String
    /// The offset from UTC, in minutes, of this date and time where she was when it was saved (set by the
    /// store, as for a pain entry).
    public var utcOffset: Int?

    public init(id: Int64? = nil, date: CalendarDate, time: TimeOfDay, signs: [String], note: String = "", utcOffset: Int? = nil) {
        self.id = id
        self.date = date
        self.time = time
        self.signs = signs
        self.note = PlainText.blankAsEmpty(note)
        self.utcOffset = utcOffset
    }

    /// Checks the report: at least one sign, each known to `guide`, not in the future, at most a year back,
    /// a plain note of sensible length.
    public func validate(now: LocalDateTime, guide: SafetyGuide) throws {
        guard !signs.isEmpty else {
            throw PortalError.invalidInput("Choose at least one warning sign to report.")
        }
        try guide.checkKnown(signs)
        // The same date and note rules as a pain entry, in words about signs (not "pain can be logged").
        try PainEntry.checkMoment(date: date, time: time, now: now, what: "warning signs can be reported")
        try PainEntry.checkSignMoment(date: date, now: now)
        try PlainText.check(note, field: "The note", as: .painNote, maxLength: Self.noteLimit)
    }
}
