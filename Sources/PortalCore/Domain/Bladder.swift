/// What a bladder diary entry records, on the lines of the International Continence Society's bladder diary:
/// each pee, each leak, each drink, each pad changed.
public enum BladderEventKind: String, Sendable, Codable, CaseIterable {
    case pee, leak, drink, pad

    public var title: String {
        switch self {
        case .pee: return "Pee"
        case .leak: return "Leak"
        case .drink: return "Drink"
        case .pad: return "Pad changed"
        }
    }
}

/// How much leaked. Raw values are what the command line and exports use.
public enum LeakAmount: String, Sendable, Codable, CaseIterable {
    case drops, damp, wet, soaked

    public var title: String {
        switch self {
        case .drops: return "A few drops"
        case .damp: return "Damp"
        case .wet: return "Wet"
        case .soaked: return "Soaked"
        }
    }
}

/// What she was doing when it leaked: this is what sorts a leak into stress, urge or other.
public enum LeakActivity: String, Sendable, Codable, CaseIterable {
    case cough, lift, exercise, urge
    /// "none" on the command line; not `.none`, which an optional would read as nil.
    case nothing = "none"

    public var title: String {
        switch self {
        case .cough: return "Coughing, sneezing or laughing"
        case .lift: return "Lifting"
        case .exercise: return "Exercise"
        case .urge: return "On the way to the toilet (a sudden urge)"
        case .nothing: return "Nothing in particular"
        }
    }

    /// ICS: leaking on effort or exertion, or on sneezing or coughing, is stress leakage; leaking with or
    /// just after a sudden urge is urge leakage; anything else (or not said) is other.
    public var leakKind: LeakKind {
        switch self {
        case .cough, .lift, .exercise: return .stress
        case .urge: return .urge
        case .nothing: return .other
        }
    }
}

/// The kind of leak, worked out from what she was doing (never asked, never a diagnosis).
public enum LeakKind: String, Sendable, Codable, CaseIterable {
    case stress, urge, other

    public var title: String {
        switch self {
        case .stress: return "with effort (cough, lift, exercise)"
        case .urge: return "with an urge"
        case .other: return "other"
        }
    }
}

public enum DrinkKind: String, Sendable, Codable, CaseIterable {
    case water, coffee, tea, alcohol, fizzy, other

    public var title: String {
        switch self {
        case .water: return "Water"
        case .coffee: return "Coffee"
        case .tea: return "Tea"
        case .alcohol: return "Alcohol"
        case .fizzy: return "Fizzy drink"
        case .other: return "Other"
        }
    }

    /// Coffee and tea are counted as caffeine (a fizzy drink may or may not have it, so it is not counted).
    public var hasCaffeine: Bool { self == .coffee || self == .tea }
}

/// One entry of the bladder diary. Only the fields of its kind are set: a pee has its volume, urgency and
/// whether it woke her; a leak its amount and what she was doing; a drink its volume and kind; a pad nothing.
public struct BladderEvent: Sendable, Hashable, Codable {
    public static let noteLimit = 500
    /// How far back an entry can be dated.
    public static let maxDaysBack = 366
    /// A measured pee, in mL (a measuring jug reads to about 10 mL; more than this is a typing slip).
    public static let peeVolumes = 10...1500
    /// A drink, in mL.
    public static let drinkVolumes = 10...2000
    /// Urgency of a pee: 0 no urge … 4 could barely hold on.
    public static let urgencies = 0...4
    public static let urgencyLabels = ["no urge", "mild", "moderate", "strong", "could barely hold on"]

    public var id: Int64?
    public var date: CalendarDate
    public var time: TimeOfDay
    public var kind: BladderEventKind
    /// A pee's measured volume or a drink's volume, in mL; nil when not measured.
    public var volumeML: Int?
    public var urgency: Int?
    /// A pee that woke her from sleep (counted at night).
    public var wokeAtNight: Bool
    public var amount: LeakAmount?
    public var activity: LeakActivity?
    public var drink: DrinkKind?
    public var note: String

    public init(id: Int64? = nil, date: CalendarDate, time: TimeOfDay, kind: BladderEventKind, volumeML: Int? = nil,
                urgency: Int? = nil, wokeAtNight: Bool = false, amount: LeakAmount? = nil, activity: LeakActivity? = nil,
                drink: DrinkKind? = nil, note: String = "") {
        self.id = id
        self.date = date
        self.time = time
        self.kind = kind
        self.volumeML = volumeML
        self.urgency = urgency
        self.wokeAtNight = wokeAtNight
        self.amount = amount
        self.activity = activity
        self.drink = drink
        self.note = PlainText.blankAsEmpty(note)
    }

    public static func pee(_ date: CalendarDate, _ time: TimeOfDay, ml: Int? = nil, urgency: Int? = nil, atNight: Bool = false) -> BladderEvent {
        BladderEvent(date: date, time: time, kind: .pee, volumeML: ml, urgency: urgency, wokeAtNight: atNight)
    }
    public static func leak(_ date: CalendarDate, _ time: TimeOfDay, amount: LeakAmount? = nil, activity: LeakActivity? = nil,
                            note: String = "") -> BladderEvent {
        BladderEvent(date: date, time: time, kind: .leak, amount: amount, activity: activity, note: note)
    }
    public static func drink(_ date: CalendarDate, _ time: TimeOfDay, ml: Int, kind: DrinkKind? = nil) -> BladderEvent {
        BladderEvent(date: date, time: time, kind: .drink, volumeML: ml, drink: kind)
    }
    public static func pad(_ date: CalendarDate, _ time: TimeOfDay) -> BladderEvent {
        BladderEvent(date: date, time: time, kind: .pad)
    }

    /// A leak's kind (stress, urge, other); nil for anything but a leak.
    public var leakKind: LeakKind? {
        guard kind == .leak else { return nil }
        return activity?.leakKind ?? .other
    }

    /// Checks the entry: its kind's fields in range and no other kind's fields, not in the future, at most a
    /// year back, a note of plain text. Every message names the accepted values.
    public func validate(now: LocalDateTime) throws {
        guard date <= now.date else {
            throw PortalError.invalidInput("The date \(date) is in the future; the diary takes today (\(now.date)) or earlier.")
        }
        guard date == now.date ? time <= now.time : true else {
            throw PortalError.invalidInput("\(time) is later than now (\(now.time)); the diary takes times up to now.")
        }
        guard date.days(until: now.date) <= Self.maxDaysBack else {
            throw PortalError.invalidInput("The date \(date) is more than a year ago; the diary takes the last \(Self.maxDaysBack) days.")
        }
        switch kind {
        case .pee:
            if let v = volumeML, !Self.peeVolumes.contains(v) {
                throw PortalError.invalidInput("A pee of \(v) mL cannot be right; a measured pee is a whole number of mL from \(Self.peeVolumes.lowerBound) to \(Self.peeVolumes.upperBound) (leave it out when not measured).")
            }
            if let u = urgency, !Self.urgencies.contains(u) {
                throw PortalError.invalidInput("Urgency \(u) is not on the scale; use 0 (\(Self.urgencyLabels[0])) to 4 (\(Self.urgencyLabels[4])).")
            }
        case .drink:
            guard let v = volumeML, Self.drinkVolumes.contains(v) else {
                throw PortalError.invalidInput("A drink is a whole number of mL from \(Self.drinkVolumes.lowerBound) to \(Self.drinkVolumes.upperBound)\(volumeML.map { ", not \($0)" } ?? "").")
            }
        case .leak, .pad:
            break
        }
        let misplaced: String?
        switch kind {
        case .pee: misplaced = amount != nil || activity != nil ? "an amount or activity (those go with a leak)" : drink != nil ? "a drink kind" : nil
        case .leak: misplaced = volumeML != nil ? "a volume" : urgency != nil || wokeAtNight ? "an urgency or night (those go with a pee)" : drink != nil ? "a drink kind" : nil
        case .drink: misplaced = urgency != nil || wokeAtNight ? "an urgency or night (those go with a pee)" : amount != nil || activity != nil ? "an amount or activity (those go with a leak)" : nil
        case .pad: misplaced = volumeML != nil || urgency != nil || wokeAtNight || amount != nil || activity != nil || drink != nil ? "details (a pad change has none)" : nil
        }
        if let misplaced { throw PortalError.invalidInput("A \(kind.title.lowercased()) entry takes no \(misplaced).") }
        try PlainText.check(note, field: "The note", maxLength: Self.noteLimit)
    }

    /// "08:10 Pee · 250 mL · urgency 2 (moderate)" and the like: one line for lists and the command line.
    public var summary: String {
        var parts = ["\(time) \(kind.title)"]
        switch kind {
        case .pee:
            if let v = volumeML { parts.append("\(v) mL") }
            if let u = urgency, Self.urgencies.contains(u) { parts.append("urgency \(u) (\(Self.urgencyLabels[u]))") }
            if wokeAtNight { parts.append("woke me") }
        case .leak:
            if let a = amount { parts.append(a.title.lowercased()) }
            parts.append(activity.map { $0.title.lowercased() } ?? "not said what I was doing")
        case .drink:
            if let v = volumeML { parts.append("\(v) mL") }
            if let d = drink { parts.append(d.title.lowercased()) }
        case .pad:
            break
        }
        return parts.joined(separator: " · ")
    }
}

// MARK: Parsing what she types

extension LeakAmount {
    public static func parse(_ text: String) throws -> LeakAmount {
        guard let v = LeakAmount(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalidInput("Unknown amount \(PlainText.quoted(text)). Accepted amounts: \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return v
    }
}

extension LeakActivity {
    public static func parse(_ text: String) throws -> LeakActivity {
        guard let v = LeakActivity(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalidInput("Unknown activity \(PlainText.quoted(text)). Accepted activities: \(allCases.map(\.rawValue).joined(separator: ", ")) (cough covers sneezing and laughing; urge is on the way to the toilet).")
        }
        return v
    }
}

extension DrinkKind {
    public static func parse(_ text: String) throws -> DrinkKind {
        guard let v = DrinkKind(rawValue: text.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalidInput("Unknown drink \(PlainText.quoted(text)). Accepted kinds: \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return v
    }
}

extension BladderEvent {
    /// A volume typed by a person: a whole number of mL in `range` ("250" or "250ml").
    public static func parseVolume(_ text: String, _ range: ClosedRange<Int>, what: String) throws -> Int {
        var t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("ml") { t = String(t.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        guard !t.isEmpty, t.count <= 5, t.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(t), range.contains(v) else {
            throw PortalError.invalidInput("\(PlainText.quoted(text)) is not a volume for \(what); use a whole number of mL from \(range.lowerBound) to \(range.upperBound).")
        }
        return v
    }

    /// An urgency typed by a person: 0 to 4.
    public static func parseUrgency(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 1, let v = Int(t), urgencies.contains(v) else {
            throw PortalError.invalidInput("\(PlainText.quoted(text)) is not an urgency; use 0 (\(urgencyLabels[0])), 1 (\(urgencyLabels[1])), 2 (\(urgencyLabels[2])), 3 (\(urgencyLabels[3])) or 4 (\(urgencyLabels[4])).")
        }
        return v
    }
}
