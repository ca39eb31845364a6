/// How urgent a warning sign is.
public enum Urgency: String, Sendable, Codable {
    /// Call 911 (emergency services) now.
    case emergency
    /// Call your provider now; if you cannot reach them, go to the emergency room or call 911.
    case provider
}

public enum SignStage: String, Sendable, Codable {
    case pregnant, postpartum, any

    public func matches(_ stage: Stage) -> Bool {
        switch self {
        case .any: return true
        case .pregnant: return stage.isPregnant
        case .postpartum: return !stage.isPregnant
        }
    }
}

/// A symptom that must lead to a "contact your provider" message.
public struct WarningSign: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var stage: SignStage
    public var urgency: Urgency
    public var text: String
}

/// The warning signs and what to say about them (`Resources/safety.json`).
public struct SafetyGuide: Sendable, Hashable, Codable {
    public var signs: [WarningSign]
    public var emergencyAdvice: String
    public var providerAdvice: String
    public var painAdvice: String
    public var script: String

    public func signs(for stage: Stage) -> [WarningSign] { signs.filter { $0.stage.matches(stage) } }
    public func sign(_ id: String) -> WarningSign? { signs.first { $0.id == id } }
}

/// A safety message to show on Home and in the log screen. The portal informs; it never diagnoses.
public struct SafetyAlert: Sendable, Hashable {
    public enum Level: Int, Sendable, Comparable {
        case highPain, provider, emergency
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public var level: Level
    public var headline: String
    public var advice: String
    public var date: CalendarDate
}

public enum SafetyRules {
    /// A pain score at or above this raises the "contact your provider" message.
    public static let highPainScore = 8

    /// The text with a full stop, so the advice after it reads as a new sentence.
    public static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }

    /// Alerts raised by entries logged today or yesterday, the most urgent first.
    public static func alerts(for entries: [PainEntry], guide: SafetyGuide, today: CalendarDate) -> [SafetyAlert] {
        let recent = entries.filter { $0.date <= today && $0.date >= today.adding(days: -1) }
        var alerts: [SafetyAlert] = []
        let signs = recent.flatMap { e in e.warningSigns.compactMap { id in guide.sign(id).map { (e.date, $0) } } }
        if let (date, sign) = signs.first(where: { $0.1.urgency == .emergency }) {
            alerts.append(SafetyAlert(level: .emergency, headline: "You reported: \(sentence(sign.text))", advice: guide.emergencyAdvice, date: date))
        } else if let (date, sign) = signs.first(where: { $0.1.urgency == .provider }) {
            alerts.append(SafetyAlert(level: .provider, headline: "You reported: \(sentence(sign.text))", advice: guide.providerAdvice, date: date))
        }
        if let high = recent.filter({ $0.score >= highPainScore }).max(by: { ($0.date, $0.time) < ($1.date, $1.time) }) {
            alerts.append(SafetyAlert(level: .highPain, headline: "You logged pain of \(high.score) out of 10.",
                                      advice: guide.painAdvice, date: high.date))
        }
        return alerts.sorted { $0.level > $1.level }
    }
}
