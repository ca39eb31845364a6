/// One key of a screen: which keys it is, what the footer and `?` help call it, and what it does.
///
/// A screen builds its table from its current state (`PortalScreen.keyTable`), so a label can say what
/// the key would do now ("Space done" or "Space undo") and `active` says whether it does anything now.
/// The same table answers the key (`handle`), fills the footer and lists every key in help, so what a
/// key does and what the screen says it does cannot drift apart.
public struct KeyBinding<Screen> {
    /// The keys, for matching and for tests; `matches` widens it (any digit, any key a text field takes).
    public var keys: [Key]
    var matches: ((Key) -> Bool)?
    /// How footer and help name it; nil for a binding listed under another's hint.
    public var hint: KeyHint?
    /// Shown in the footer now (help lists it either way).
    public var footer: Bool
    /// Does something in the current state; an inactive binding never matches but help still lists it.
    public var active: Bool
    /// The heading it is listed under in help ("Score", "Entries"); nil for the screen's own keys.
    public var section: String?
    var action: (inout Screen, Key, ScreenContext) -> Reaction

    public init(_ keys: [Key], _ hint: KeyHint?, footer: Bool = true, active: Bool = true, section: String? = nil,
                matching: ((Key) -> Bool)? = nil, action: @escaping (inout Screen, Key, ScreenContext) -> Reaction) {
        self.keys = keys
        self.matches = matching
        self.hint = hint
        self.footer = footer
        self.active = active
        self.section = section
        self.action = action
    }

    /// A binding whose action is the same for each of its keys and returns `.stay` unless it says otherwise.
    public init(_ keys: [Key], _ hint: KeyHint?, footer: Bool = true, active: Bool = true, section: String? = nil,
                _ action: @escaping (inout Screen) -> Void) {
        self.init(keys, hint, footer: footer, active: active, section: section) { s, _, _ in action(&s); return .stay }
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

    /// Every key of the screen for help, grouped by section in the order sections first appear.
    public var help: [HelpRow] {
        var sections: [String?] = []
        for b in bindings where b.hint != nil && !sections.contains(b.section) { sections.append(b.section) }
        var rows: [HelpRow] = []
        for section in sections {
            if let section { rows.append(HelpRow(heading: section)) }
            var seen: [KeyHint] = []
            for b in bindings where b.section == section {
                if let hint = b.hint, !seen.contains(hint) { seen.append(hint); rows.append(HelpRow(hint)) }
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
