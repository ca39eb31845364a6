/// One key of a screen: which keys it is, what the footer and `?` help call it, and what it does.
///
/// A screen builds its table from its current state (`PortalScreen.keyTable`), so a label can say what
/// the key would do now ("Space done" or "Space undo") and `active` says whether it does anything now.
/// The same table answers the key (`handle`), fills the footer and lists the keys in help, so what a
/// key does and what the screen says it does cannot drift apart. The app's own keys (help, back, quit) are
/// a table too (`PortalApp.appKeys`).
public struct KeyBinding<Screen> {
    /// The keys, for matching and for tests; `matches` widens it (any digit, any key a text field takes).
    public var keys: [Key]
    var matches: ((Key) -> Bool)?
    /// How footer and help name it; nil for a binding listed under another's hint.
    public var hint: KeyHint?
    /// Shown in the footer now (help lists it either way).
    public var footer: Bool
    /// Does something in the current state. An inactive binding never matches, and help leaves it out unless
    /// it is listed under a `section` (a part of the screen where it works, such as another field).
    public var active: Bool
    /// The heading it is listed under in help ("Score", "Entries"); nil for the screen's own keys.
    public var section: String?
    /// How help names it when that is longer than the footer's few words ("Esc  Backspace  go back").
    public var helpHint: KeyHint?
    var action: (inout Screen, Key, ScreenContext) -> Reaction

    public init(_ keys: [Key], _ hint: KeyHint?, footer: Bool = true, active: Bool = true, section: String? = nil,
                helpHint: KeyHint? = nil, matching: ((Key) -> Bool)? = nil,
                action: @escaping (inout Screen, Key, ScreenContext) -> Reaction) {
        self.keys = keys
        self.matches = matching
        self.hint = hint
        self.footer = footer
        self.active = active
        self.section = section
        self.helpHint = helpHint
        self.action = action
    }

    /// A binding whose action is the same for each of its keys and returns `.stay` unless it says otherwise.
    public init(_ keys: [Key], _ hint: KeyHint?, footer: Bool = true, active: Bool = true, section: String? = nil,
                helpHint: KeyHint? = nil, _ action: @escaping (inout Screen) -> Void) {
        self.init(keys, hint, footer: footer, active: active, section: section, helpHint: helpHint) { s, _, _ in action(&s); return .stay }
    }

    /// What help lists for it: nothing for a binding without a hint, or one that does nothing now and is not
    /// under a section heading ("b read the whole alert" with no alert, "c completed" on a visit still to come).
    var helpRow: KeyHint? {
        guard active || section != nil else { return nil }
        return helpHint ?? hint
    }

    func matches(_ key: Key) -> Bool {
        active && (keys.contains(key) || matches?(key) == true)
    }
}

/// A screen's keys, in order: the first active binding that matches a key handles it, and the footer
/// lists the active ones in this order.
public struct KeyTable<Screen> {
    public var bindings: [KeyBinding<Screen>]

    public init(_ bindings: [KeyBinding<Screen>]) { self.bindings = bindings }

    /// Runs the binding for `key`, or says `.unhandled` (the app may use it: help, back, quit).
    public func handle(_ key: Key, _ screen: inout Screen, _ ctx: ScreenContext) -> Reaction {
        guard let binding = bindings.first(where: { $0.matches(key) }) else { return .unhandled }
        return binding.action(&screen, key, ctx)
    }

    /// The footer's hints: the active bindings shown there, each hint once.
    public var footer: [KeyHint] {
        var seen: [KeyHint] = []
        for b in bindings where b.active && b.footer {
            if let hint = b.hint, !seen.contains(hint) { seen.append(hint) }
        }
        return seen
    }

    /// The keys that do something on the screen for help (`KeyBinding.helpRow`), grouped by section in the
    /// order sections first appear, after the keys that work anywhere on the screen (which have no heading, so
    /// they come first lest they read as part of the section above them). Keys that do the same thing share a
    /// row ("Enter  e  edit").
    public var help: [HelpRow] {
        var sections: [String?] = []
        for b in bindings where b.helpRow != nil && !sections.contains(b.section) { sections.append(b.section) }
        if let screenWide = sections.firstIndex(of: nil) { sections.insert(sections.remove(at: screenWide), at: 0) }
        var rows: [HelpRow] = []
        for section in sections {
            if let section { rows.append(HelpRow(heading: section)) }
            var seen: [KeyHint] = []
            for b in bindings where b.section == section {
                guard let hint = b.helpRow, !seen.contains(hint) else { continue }
                seen.append(hint)
                if let same = rows.lastIndex(where: { !$0.isHeading && $0.label == hint.label }),
                   !rows[same...].contains(where: \.isHeading) {
                    rows[same].key += "  " + hint.key
                } else {
                    rows.append(HelpRow(hint))
                }
            }
        }
        return rows
    }
}

/// One line of the help overlay: a key and what it does, or a heading.
public struct HelpRow: Sendable, Hashable {
    public var key: String
    public var label: String
    public var isHeading: Bool

    public init(_ hint: KeyHint) {
        key = hint.key
        label = hint.label
        isHeading = false
    }

    public init(heading: String) {
        key = ""
        label = heading
        isHeading = true
    }
}
