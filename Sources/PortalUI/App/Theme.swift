import PortalCore

/// What every screen reads but never changes: the data, the content, and how the terminal can draw.
public struct ScreenContext: Sendable {
    /// Always with the content's exercise rules, however it was read or replaced, so every screen's counts
    /// leave out what her stage holds back (`PrescriptionHolds`).
    public var snapshot: PortalSnapshot {
        didSet { Self.addRules(content, to: &snapshot) }
    }
    public var content: ContentLibrary
    public var glyphs: Glyphs
    /// The size of the area the top screen is drawn in, so `handle` can page, clamp a scroll position and
    /// keep a focused field in view by the rows the patient actually sees. PortalApp keeps it equal to the
    /// area its `view` gives the screen (see `PortalApp.contentArea`).
    public var area: Size
    /// The folder Share writes files into in a clinic, where the clinic set one (nil: none, and Share only sends
    /// to her therapist); her own portal writes to her home folder.
    public var shareFolder: String?
    /// True in a clinic's portal (over ssh): no timer runs there, and the reminder screen says why.
    public var isClinic = false
    /// Who is looking: the patient in her own portal, or her therapist reading her chart. Screens offer only
    /// what the viewer may change (`may`), so nothing she may not change looks changeable.
    public var viewer: Viewer
    /// A therapist's caseload (empty in a patient's portal), as the runtime last read it.
    public var caseload: [CaseloadRow] = []
    /// The patient whose chart a therapist has open; nil in a patient's own portal and on the caseload.
    public var chart: OpenChart?

    /// The content area of an 80×24 terminal with no message showing: the app's chrome takes three rows
    /// (title bar, the blank row under it, key hints) and a column on each side.
    public static let standardArea = Size(width: 78, height: 21)

    public init(snapshot: PortalSnapshot, content: ContentLibrary, glyphs: Glyphs, area: Size = standardArea,
                viewer: Viewer = .patient) {
        self.snapshot = snapshot
        self.content = content
        self.glyphs = glyphs
        self.area = area
        self.viewer = viewer
        Self.addRules(content, to: &self.snapshot)
    }

    private static func addRules(_ content: ContentLibrary, to snapshot: inout PortalSnapshot) {
        let rules = content.exercises.rules
        if snapshot.exerciseRules != rules { snapshot.exerciseRules = rules }
    }

    /// True when the viewer may change `write` (`Viewer.may`): a screen shows a key that changes it only then.
    public func may(_ write: RecordWrite) -> Bool { viewer.may(write) }

    public var today: CalendarDate { snapshot.today }
    public var patient: Patient? { snapshot.patient }
    public func exerciseName(_ id: String) -> String { content.exercises.name(id) }

    /// "Today", "Yesterday", or "Tue 24 Nov".
    public func dayText(_ day: CalendarDate) -> String {
        switch day.days(until: today) {
        case 0: return "Today"
        case 1: return "Yesterday"
        default: return day.shortText
        }
    }

    /// `dayText` inside a sentence: "today", "yesterday", or "Tue 24 Nov" (a weekday and a month keep their
    /// capitals: "Entries for Tue 24 Nov", never "tue 24 nov").
    public func dayInSentence(_ day: CalendarDate) -> String {
        let text = dayText(day)
        return text == day.shortText ? text : text.lowercased()
    }

    /// A day field's value: "Today, Tue 24 Nov", "Yesterday, Mon 23 Nov", or "Sun 22 Nov" (the date once).
    public func dayWithDate(_ day: CalendarDate) -> String {
        let text = dayText(day)
        return text == day.shortText ? text : "\(text), \(day.shortText)"
    }
}

extension Style {
    static let label = Style(bold: true)
    static let key = Style(foreground: .cyan, bold: true)
    static let muted = Style(dim: true)
    static let new = Style(foreground: .green, bold: true)
}

extension Buffer {
    /// Writes `label` in bold and `value` after it at column `x + labelWidth`: the form most rows use.
    @discardableResult
    mutating func labelled(_ label: String, _ value: String, area: Rect, row: Int, labelWidth: Int = 12,
                           style: Style = .plain) -> Int {
        guard row < area.height else { return area.x }
        let y = area.y + row
        write(DisplayWidth.truncate(label, to: min(labelWidth - 1, area.width)), x: area.x, y: y, style: .label, clip: area)
        return write(DisplayWidth.truncate(value, to: area.width - labelWidth), x: area.x + labelWidth, y: y, style: style, clip: area)
    }

    /// Writes text cut to the area's width with an ellipsis.
    @discardableResult
    mutating func line(_ text: String, area: Rect, row: Int, x: Int = 0, style: Style = .plain) -> Int {
        guard row >= 0, row < area.height else { return area.x }
        return write(DisplayWidth.truncate(text, to: area.width - x), x: area.x + x, y: area.y + row, style: style, clip: area)
    }
}

extension ScreenContext {
    /// On a day she reported a sign that means stopping exercise, the one-line banner the Exercises screen and
    /// the timer put above everything ("Emergency: Stop exercising and call 911 now."), so nothing there asks
    /// her to exercise without it (QA E14). Her therapist reads the chart's banner on Home instead.
    /// With no such sign, once her baby has arrived and the week under way was planned for her pregnancy,
    /// the line that says to check with her provider or therapist first (`AfterBirthCheck`, QA G2); or, her
    /// therapist's weeks planned before the birth, to check with them before doing them.
    /// At `width`, the after-birth line says the week's detail too when the banner's two rows hold it.
    func exerciseStopBanner(width: Int) -> Banner? {
        guard !viewer.isTherapist else { return nil }
        guard let stop = snapshot.exerciseStop(guide: content.safety) else {
            guard let check = snapshot.afterBirth else { return nil }
            let banners = check.bannerLines.map { Banner(.warning, $0, prefix: AfterBirthCheck.label, glyphs: glyphs) }
            return banners.first { $0.height(width: width) <= 2 } ?? banners.last
        }
        return stop.banner(glyphs)
    }

    /// True on a day she reported a sign that means stopping exercise (today or yesterday): the screens that help
    /// her exercise then offer nothing that moves her on (the timer stops counting, no footer invites "done"),
    /// under the stop banner (QA I3, I15). Her therapist reading the chart is never stopped.
    var exerciseStopped: Bool { !viewer.isTherapist && snapshot.exerciseStop(guide: content.safety) != nil }

    /// Draws `exerciseStopBanner` (whole, at most two rows) at the top of `area` and returns what is left under it.
    func drawExerciseStop(into buffer: inout Buffer, area: Rect) -> Rect {
        guard let banner = exerciseStopBanner(width: area.width), area.height > 4 else { return area }
        let h = min(banner.height(width: area.width), 2)
        let (top, below) = area.splitTop(h + 1)
        buffer.render(banner, in: top.inset(top: 0, left: 0, bottom: 1, right: 0))
        return below
    }
}

extension SafetyAlert {
    /// The banner for this alert, its first word saying how urgent it is (never colour alone): what to do
    /// first, then the signs named (`bannerBody`).
    func banner(_ glyphs: Glyphs) -> Banner {
        Banner.safety(level, bannerBody(), glyphs: glyphs)
    }

    /// The banner for this alert at `width` in `rows` rows if it can: whole when it fits; else the signs
    /// counted (`more` says how to read them), so what to do and the numbers are never the part cut. A banner
    /// about signs is never cut: `height` is what it takes, which may be more than `rows`. `counted`: the
    /// signs are counted, not named.
    func banner(_ glyphs: Glyphs, width: Int, rows: Int, more: String? = nil) -> (banner: Banner, height: Int, counted: Bool) {
        let whole = banner(glyphs)
        let full = whole.height(width: width)
        guard full > rows, !countedHeadline.isEmpty else { return (whole, min(full, rows), false) }
        let short = Banner.safety(level, bannerBody(counted: true, more: more), glyphs: glyphs)
        return (short, short.height(width: width), true)
    }
}

extension Banner {
    /// Safety messages: "Emergency:" for call-911 signs, "Important:" for call-your-provider signs, and
    /// "High pain:" for a score of 8 or more.
    static func safety(_ level: SafetyAlert.Level, _ text: String, glyphs: Glyphs) -> Banner {
        switch level {
        case .emergency, .provider: return Banner(.danger, text, prefix: level.word, glyphs: glyphs)
        case .highPain: return Banner(.warning, text, prefix: level.word, glyphs: glyphs)
        }
    }
}
