import PortalCore

/// "About me": the patient's name, where she is in pregnancy or after the birth, what is being treated,
/// her therapist and clinic, and that her data stays on this computer. Scrolls in a small window; `e` changes
/// the details (the set-up form, with its checks), and during a pregnancy `b` records the baby's arrival.
public struct ProfileScreen: PortalScreen {
    /// The first row shown. Kept within the page by `handle`; `view` clamps it again after a resize.
    public internal(set) var offset = 0

    public init() {}

    public var title: String { "About me" }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ProfileScreen> {
        let patient = ctx.patient
        return KeyTable([
            KeyBinding([.character("e")], KeyHint("e", "edit"), active: patient != nil) { _, _, ctx in
                guard let p = ctx.patient else { return .unhandled }
                return .push(.setup(SetupScreen(editing: p)))
            },
            KeyBinding([.character("b")], KeyHint("b", "baby born"), active: patient?.stage.isPregnant == true) { _, _, ctx in
                guard let p = ctx.patient else { return .unhandled }
                return .push(.setup(SetupScreen(birthOf: p, today: ctx.today)))
            },
        ] + ScrollingPage.keys(ctx.glyphs, offset: \.offset) { _, ctx in Self.page(ctx, width: ctx.area.width) })
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        Self.page(ctx, width: area.width).draw(offset: offset, into: &buffer, area: area, glyphs: ctx.glyphs)
    }

    static let labelWidth = 13

    static let privacyText = "Your data stays on this computer. The portal sends nothing over the internet."

    static func page(_ ctx: ScreenContext, width: Int) -> ScrollingPage {
        var page = ScrollingPage(width: width)
        guard let patient = ctx.patient else {
            page.text("No one is set up in this portal yet.")
            page.blank()
            page.text(privacyText)
            return page
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
            page.text("Nothing listed yet. Your therapist adds this at your first visit.", style: .muted)
        } else {
            for condition in patient.conditions { page.bullet(condition.title, glyphs: ctx.glyphs) }
        }
        page.blank()
        page.labelled("Therapist", patient.therapist.isEmpty ? "Not added yet" : patient.therapist, labelWidth: labelWidth)
        page.labelled("Clinic", patient.clinic.isEmpty ? "Not added yet" : patient.clinic, labelWidth: labelWidth)
        page.blank()
        page.text(privacyText, style: .muted)
        return page
    }
}
