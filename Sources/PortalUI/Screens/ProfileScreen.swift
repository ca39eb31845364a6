import PortalCore

/// "About me": the patient's name, where she is in pregnancy or after the birth, what is being treated,
/// her therapist and clinic, and where her data is kept (on this computer, or in a clinic on its server, with who
/// may see it). Scrolls in a small window; `e` changes the details (the set-up form, with its checks; in a clinic
/// without the therapist, whose name the clinic keeps), and during a pregnancy `b` records the baby's arrival.
/// In the demo it says so first, and `n` starts her own portal: after she says yes, the demo's data is
/// removed and the portal opens on the Welcome screen, ready for her set-up.
public struct ProfileScreen: PortalScreen {
    /// The first row shown. Kept within the page by `handle`; `view` clamps it again after a resize.
    public internal(set) var offset = 0
    /// True while "Remove the demo and start your own portal?" waits for y.
    public internal(set) var confirmingStart = false

    public init() {}

    public var title: String { "About me" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    static let startQuestion = "Remove the demo and start your own portal? y = yes, any other key = no"

    /// The question takes the next key, whatever it is: y answers yes, anything else keeps the demo.
    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        guard confirmingStart else { return keyTable(ctx).handle(key, &self, ctx) }
        confirmingStart = false
        return key == .character("y") || key == .character("Y") ? .effects(.startOwnPortal) : .stay
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ProfileScreen> {
        let patient = ctx.patient
        // Her details are hers to change: her therapist reading her chart gets none of these keys.
        let mine = ctx.may(.profile)
        return KeyTable([
            // Only on a file of her own: a clinic keeps the record on its login (`RecordStore.eraseAll` refuses).
            KeyBinding([.character("n")], KeyHint("n", "start my own portal"), active: mine && ctx.viewer == .patient && DemoPatient.isDemo(patient)) {
                $0.confirmingStart = true
            },
            KeyBinding([.character("e")], KeyHint("e", "edit"), active: mine && patient != nil) { _, _, ctx in
                guard let p = ctx.patient else { return .unhandled }
                return .push(.setup(SetupScreen(editing: p, clinicTherapist: ctx.isClinic ? Self.therapistShown(ctx, p) : nil)))
            },
            KeyBinding([.character("b")], KeyHint("b", "baby born"), active: mine && patient?.stage.isPregnant == true) { _, _, ctx in
                guard let p = ctx.patient else { return .unhandled }
                return .push(.setup(SetupScreen(birthOf: p, today: ctx.today)))
            },
            KeyBinding([.character("r")], KeyHint("r", "reminders"), footer: false, active: patient != nil && !ctx.viewer.isTherapist) { _, _, _ in
                .push(.reminders(RemindersScreen()))
            },
        ] + ScrollingPage.keys(ctx.glyphs, for: self, ctx, offset: \.offset) { _, ctx in Self.page(ctx, width: ctx.area.width) })
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard confirmingStart else {
            Self.page(ctx, width: area.width).draw(offset: offset, into: &buffer, area: area, glyphs: ctx.glyphs)
            return
        }
        // The question in place of the page, so it cannot be missed or scrolled away.
        var page = ScrollingPage(width: area.width)
        page.text(Self.startQuestion, style: .warning)
        page.blank()
        page.text("The demo's made-up data is removed. Your own portal then opens, ready for your set-up.")
        page.draw(offset: 0, into: &buffer, area: area, glyphs: ctx.glyphs)
    }

    static let demoText = "This is the demo: Jordan Lee is made up. Press n to start your own portal."

    static let labelWidth = 13

    static let privacyText = "Your data stays on this computer. The portal sends nothing over the internet."

    /// Where her record is in a clinic, and who may see it, as the clinic's database decides (README, Clinic
    /// mode: row-level security gives a patient her own record and a therapist her caseload; the administrator,
    /// who runs the server, has every right).
    static let clinicPrivacyText = "Your record is kept on your clinic's server. Its database shows it to you and your own therapist, and to no other patient or therapist; the clinic's administrator, who looks after the server, can see all of it."

    /// The privacy line true where she is: her own computer, or her clinic's server.
    static func privacy(_ ctx: ScreenContext) -> String { ctx.isClinic ? clinicPrivacyText : privacyText }

    /// Her therapist as About me names her: in a clinic, the name the clinic keeps (change 26), whatever her
    /// details say; else the one her details name.
    static func therapistShown(_ ctx: ScreenContext, _ patient: Patient) -> String {
        ctx.snapshot.therapistName ?? patient.therapist
    }

    /// "pain 20:00, visits 24h before. Press r." or "None set. Press r to set one."
    static func remindersText(_ ctx: ScreenContext) -> String {
        let settings = ctx.snapshot.record.reminderSettings
        let set = ReminderKind.allCases.filter { settings.isSet($0) && !(ctx.isClinic && $0.isDaily) }
        guard !set.isEmpty else { return "None set. Press r to set one." }
        return set.map { "\($0.rawValue) \(settings.summary($0))" }.joined(separator: "; ") + ". Press r."
    }

    static func page(_ ctx: ScreenContext, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        guard let patient = ctx.patient else {
            page.text("No one is set up in this portal yet.")
            page.blank()
            page.text(privacy(ctx))
            return page
        }
        if DemoPatient.isDemo(patient), ctx.may(.profile) {
            page.text(demoText, style: .warning)
            page.blank()
        }
        page.text(patient.name, style: .title)
        page.text(patient.progress(on: ctx.today).summary)
        switch patient.stage {
        case .pregnant(let due):
            page.labelled("Due date", "\(due.shortText) \(due.year)", labelWidth: labelWidth)
        case .postpartum(let birth, _):
            page.labelled("Baby born", "\(birth.shortText) \(birth.year)", labelWidth: labelWidth)
        }
        page.blank()
        page.text("Being treated for", style: .label)
        if patient.conditions.isEmpty {
            page.text(ctx.viewer.words.say(you: "Nothing listed yet. Your therapist adds this at your first visit.", she: "Nothing listed yet."), style: .muted)
        } else {
            for condition in patient.conditions { page.bullet(condition.title, glyphs: ctx.glyphs) }
        }
        page.blank()
        // In a clinic, the name the clinic keeps for her therapist (change 26), whatever her details say.
        let therapist = therapistShown(ctx, patient)
        page.labelled("Therapist", therapist.isEmpty ? "Not added yet" : therapist, labelWidth: labelWidth)
        page.labelled("Clinic", patient.clinic.isEmpty ? "Not added yet" : patient.clinic, labelWidth: labelWidth)
        // Her reminders and the privacy line are said to her about her own portal; her therapist reading her
        // chart is told nothing of the kind (her reminders are hers alone: the clinic's rights give him none).
        if !ctx.viewer.isTherapist {
            page.labelled("Reminders", remindersText(ctx), labelWidth: labelWidth)
            page.blank()
            page.text(privacy(ctx), style: .muted)
        }
        return page
    }
}
