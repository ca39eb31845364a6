/// The seven stool forms of the Bristol Stool Form Scale (Lewis & Heaton, Scand J Gastroenterol 1997), in the
/// portal's own words. Types 1–2 are on the hard side (they go with constipation), 3–4 in the usual range,
/// 5–7 on the loose side. A form is a fact to share with the therapist, never a diagnosis.
public enum BristolType: Int, Sendable, Codable, CaseIterable, Comparable {
    case one = 1, two, three, four, five, six, seven

    /// What it looks like.
    public var words: String {
        switch self {
        case .one: return "separate hard lumps, like nuts; hard to pass"
        case .two: return "sausage-shaped but lumpy"
        case .three: return "sausage-shaped with cracks on the surface"
        case .four: return "smooth and soft, like a sausage or snake"
        case .five: return "soft blobs with clear edges; passed easily"
        case .six: return "mushy, fluffy pieces with ragged edges"
        case .seven: return "watery, with no solid pieces"
        }
    }

    public enum Group: String, Sendable, CaseIterable {
        case hard, usual, loose

        public var title: String {
            switch self {
            case .hard: return "hard (types 1–2)"
            case .usual: return "in the usual range (types 3–4)"
            case .loose: return "loose (types 5–7)"
            }
        }
    }

    public var group: Group {
        switch self {
        case .one, .two: return .hard
        case .three, .four: return .usual
        case .five, .six, .seven: return .loose
        }
    }

    /// "Type 4: smooth and soft, like a sausage or snake".
    public var title: String { "Type \(rawValue): \(words)" }

    public static func < (a: BristolType, b: BristolType) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String) throws -> BristolType {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 1, let n = Int(t), let v = BristolType(rawValue: n) else {
            throw PortalError.invalidInput("\(PlainText.quoted(text)) is not a stool type. Use a type of the Bristol scale from 1 to 7: "
                + allCases.map { "\($0.rawValue) \($0.words)" }.joined(separator: "; ") + ".")
        }
        return v
    }
}

/// What leaked, if anything. The portal says "gas" (US wording); "wind" is accepted when typed.
public enum BowelLeak: String, Sendable, Codable, CaseIterable {
    case gas, liquid, solid

    public var title: String {
        switch self {
        case .gas: return "gas"
        case .liquid: return "liquid stool"
        case .solid: return "solid stool"
        }
    }

    public static func parse(_ text: String) throws -> BowelLeak {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard let v = BowelLeak(rawValue: t == "wind" ? "gas" : t) else {
            throw PortalError.invalidInput("Unknown leak \(PlainText.quoted(text)). Accepted leaks: \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return v
    }
}

/// One bowel movement: its form, whether she strained or had to rush, any leaking, and pain (0–10).
public struct BowelEntry: Sendable, Hashable, Codable {
    public static let noteLimit = 500
    public static let maxDaysBack = 366

    public var id: Int64?
    public var date: CalendarDate
    public var time: TimeOfDay
    public var type: BristolType
    public var straining: Bool
    /// Had to rush: a sudden need that was hard to put off.
    public var urgency: Bool
    public var leaks: [BowelLeak]
    /// 0 (no pain) to 10; nil when not said.
    public var pain: Int?
    public var note: String

    public init(id: Int64? = nil, date: CalendarDate, time: TimeOfDay, type: BristolType, straining: Bool = false,
                urgency: Bool = false, leaks: [BowelLeak] = [], pain: Int? = nil, note: String = "") {
        self.id = id
        self.date = date
        self.time = time
        self.type = type
        self.straining = straining
        self.urgency = urgency
        // Kept in the scale's order, each once, whatever order she typed them in.
        self.leaks = BowelLeak.allCases.filter(leaks.contains)
        self.pain = pain
        self.note = PlainText.blankAsEmpty(note)
    }

    public func validate(now: LocalDateTime) throws {
        guard date <= now.date else {
            throw PortalError.invalidInput("The date \(date) is in the future; the bowel log takes today (\(now.date)) or earlier.")
        }
        guard date == now.date ? time <= now.time : true else {
            throw PortalError.invalidInput("\(time) is later than now (\(now.time)); the bowel log takes times up to now.")
        }
        guard date.days(until: now.date) <= Self.maxDaysBack else {
            throw PortalError.invalidInput("The date \(date) is more than a year ago; the bowel log takes the last \(Self.maxDaysBack) days.")
        }
        if let p = pain, !(0...10).contains(p) {
            throw PortalError.invalidInput("Pain \(p) is not on the scale; use a whole number from 0 (no pain) to 10 (worst possible).")
        }
        try PlainText.check(note, field: "The note", maxLength: Self.noteLimit)
    }

    /// Answers that cannot both be true are refused (QA J12): Type 7 is watery, with no solid pieces, so what
    /// leaked with it was not solid. The one rule for the bowel form and `portal bowel`, checked whenever an
    /// entry is saved (`checked(_:)`); entries saved before it are read as they are.
    public func checkAnswersAgree() throws {
        if type == .seven, leaks.contains(.solid) {
            throw PortalError.invalidInput("Type 7 is watery, with no solid pieces, so what leaked with it was liquid stool, not solid. Choose liquid, or the stool type that matches.")
        }
    }

    /// "07:40 Type 4 · strained · leaked gas · pain 3".
    public var summary: String {
        var parts = ["\(time) Type \(type.rawValue)"]
        if straining { parts.append("strained") }
        if urgency { parts.append("had to rush") }
        if !leaks.isEmpty { parts.append("leaked " + leaks.map(\.title).listedInWords) }
        if let p = pain { parts.append("pain \(p)") }
        return parts.joined(separator: " · ")
    }
}

/// A week of the bowel log for Progress: how many movements, how many hard, usual and loose, straining,
/// rushing and leaks.
public struct BowelWeek: Sendable, Hashable {
    public var start: CalendarDate
    public var end: CalendarDate
    public var movements = 0
    public var groups: [BristolType.Group: Int] = [:]
    public var straining = 0
    public var urgency = 0
    public var leaks = 0

    /// "5 movements: 1 hard (types 1–2), 4 in the usual range (types 3–4); strained 1; leaks 0".
    public var text: String {
        guard movements > 0 else { return "nothing logged" }
        let g = BristolType.Group.allCases.compactMap { k in groups[k].map { "\($0) \(k.title)" } }.joined(separator: ", ")
        return "\(movements) movement\(movements == 1 ? "" : "s"): \(g); strained \(straining), rushed \(urgency), leaks \(leaks)"
    }

    /// The `count` weeks ending on `today`, oldest first.
    public static func weeks(_ entries: [BowelEntry], endingOn today: CalendarDate, count: Int) -> [BowelWeek] {
        (0..<count).reversed().map { i in
            let end = today.adding(days: -7 * i), start = end.adding(days: -6)
            var w = BowelWeek(start: start, end: end)
            for e in entries where e.date >= start && e.date <= end {
                w.movements += 1
                w.groups[e.type.group, default: 0] += 1
                if e.straining { w.straining += 1 }
                if e.urgency { w.urgency += 1 }
                if !e.leaks.isEmpty { w.leaks += 1 }
            }
            return w
        }
    }
}
