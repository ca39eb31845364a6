/// A believable demo: 24 weeks pregnant with hip pain, two visits done, the third booked for three days ago
/// and not yet recorded (Home asks whether it took place), the fourth booked for next week,
/// four weeks of program, three weeks of pain coming down, and imperfect exercise logs.
/// Everything is dated relative to `today` and the "random" parts come from a fixed seed, so the demo is
/// the same every time for the same day.
public struct DemoPatient: Sendable {
    public let content: ContentLibrary
    public let today: CalendarDate
    /// The time now: nothing today is logged later than this.
    public let time: TimeOfDay

    /// True (the demo a newcomer opens): visit 3 was booked for three days ago and is not recorded yet, so
    /// Home asks whether it took place, and visit 4 is booked for next week. False: visit 3 is booked for
    /// next week and nothing is left to record (the screens' tests are built on that plan).
    public let lateVisit: Bool

    public init(content: ContentLibrary, today: CalendarDate, time: TimeOfDay = TimeOfDay(minutes: 23 * 60 + 59),
                lateVisit: Bool = true) {
        self.content = content
        self.today = today
        self.time = time
        self.lateVisit = lateVisit
    }

    public var patient: Patient { Self.patient(today: today) }

    static func patient(today: CalendarDate) -> Patient {
        Patient(name: "Jordan Lee", stage: .pregnant(dueDate: today.adding(days: 16 * 7 - 3)),
                conditions: [.hipPiriformis],
                therapist: "Sam Rivera, PT, DPT", clinic: "Harbor Pelvic Health, 210 Harbor Street, Suite 4")
    }

    /// True when `patient` is the demo's invented patient (whatever day it was loaded on), so the portal can
    /// say DEMO even in a file the demo was loaded into.
    public static func isDemo(_ patient: Patient?) -> Bool {
        guard let patient else { return false }
        let demo = Self.patient(today: CalendarDate(year: 2026, month: 1, day: 1)!)
        return patient.name == demo.name && patient.therapist == demo.therapist && patient.clinic == demo.clinic
    }

    /// Checks that the content the demo is built from is there, so `--force` never erases a database
    /// only to fail halfway through loading.
    public func check() throws {
        _ = try demoWeeks()
        _ = try Onboarding(content: content).carePlan(firstVisit: nil, location: "", therapist: "")
    }

    private func demoWeeks() throws -> [ProgramWeek] {
        let weeks = Array(Onboarding(content: content).program(for: patient, startingOn: today.adding(days: -24)).prefix(4))
        guard weeks.count == 4 else { throw PortalError.notFound("The hip-pain program template is missing from Resources/programs.") }
        return weeks
    }

    /// Fills an empty store. Refuses a store that already holds a patient.
    public func load(into store: any RecordStore) throws {
        guard try store.isEmpty() else {
            throw PortalError.rule("This database already holds a patient.")
        }
        let p = patient
        let onboarding = Onboarding(content: content)
        let programStart = today.adding(days: -24)
        let weeks = try demoWeeks()
        var plan = try onboarding.carePlan(firstVisit: nil, location: p.clinic, therapist: p.therapist).visits
        plan[0].status = .completed
        plan[0].start = LocalDateTime(date: programStart, time: TimeOfDay(hour: 9, minute: 30)!)
        plan[0].notes = "Pain in the right buttock, worse after sitting at work, and sharp front-of-hip twinges when standing up quickly. Strength of the side hip muscles is a little low on the right. Started gentle stretches and clamshells; try a pillow between the knees at night."
        plan[1].status = .completed
        plan[1].start = LocalDateTime(date: today.adding(days: -10), time: TimeOfDay(hour: 17, minute: 0)!)
        plan[1].notes = "Buttock pain down from 6 to about 4 on most days. Sitting tolerance better with a break every 30 minutes. Progressed clamshell and added bridges. Keep rolling to stand with knees together."
        // The next visit is booked for next week. With `lateVisit`, visit 3 before it was booked for three
        // days ago and not yet recorded, so a newcomer sees Home ask whether it took place, and can answer.
        let next = lateVisit ? 3 : 2
        if lateVisit {
            plan[2].status = .booked
            plan[2].start = LocalDateTime(date: today.adding(days: -3), time: TimeOfDay(hour: 17, minute: 30)!)
        }
        plan[next].status = .booked
        plan[next].start = LocalDateTime(date: today.adding(days: 6), time: TimeOfDay(hour: 10, minute: 15)!)
        for i in plan.indices where plan[i].mode == .virtual && plan[i].location.isEmpty {
            plan[i].location = "https://video.example.org/harbor/jordan-lee"
        }
        try store.setUp(patient: p, plan: CarePlan(visits: plan), weeks: weeks,
                        readingList: onboarding.readingList(for: p))

        var rng = SeededGenerator(seed: 24)
        let now = LocalDateTime(date: today, time: TimeOfDay(hour: 23, minute: 59)!)
        // Pain: about 6 three weeks ago, about 3 now, with day-to-day noise; some days twice.
        for offset in stride(from: -21, through: 0, by: 1) {
            let day = today.adding(days: offset)
            if offset > -21, offset < 0, rng.next(100) < 12 { continue } // a forgotten day now and then
            let base = 6.2 + Double(offset + 21) * (-3.1 / 21)
            let entries = offset == 0 ? 1 : (rng.next(100) < 30 ? 2 : 1)
            for n in 0..<entries {
                let noise = Double(rng.next(3)) - 1
                let score = max(0, min(10, Int((base + noise + (n == 1 ? 1 : 0)).rounded())))
                let sitting = n == 1 || rng.next(100) < 45
                var sites = [SiteSide(.buttock, .right)]
                var triggers: [PainTrigger] = sitting ? [.sittingLong] : [.walking]
                if rng.next(100) < 30 { sites.append(SiteSide(.hipFront, .right)); triggers.append(.standingUp) }
                let note = n == 1 ? "After a long afternoon at my desk." : (rng.next(100) < 15 ? "Stretches helped." : "")
                var at = TimeOfDay(hour: n == 0 ? 8 + rng.next(2) : 18, minute: 5 * rng.next(12))!
                if day == today { at = min(at, time) }
                try store.addPainEntry(PainEntry(date: day, time: at,
                                                 score: score, sites: sites, triggers: triggers, note: note), now: now)
            }
        }
        // Exercise: most prescribed sessions done, fewer at first, none on some days. The pelvic floor squeezes
        // every program carries draw from a seed of their own, so the rest of the log is the one the demo has
        // always had; being quick, they are done on most days and most times a day (three times a day, they are
        // most of her sessions: the demo is a patient doing well, above the caseload's 50%, with a streak).
        let squeezes = Set(onboarding.everyoneFamily(besides: onboarding.families(for: p), for: p)?.core ?? [])
        var squeezeRNG = SeededGenerator(seed: 210)
        for week in weeks {
            for offset in 0..<7 {
                let day = week.starts.adding(days: offset)
                // A rough few days in week two: nothing done, which ends the streak there.
                guard day < today, !(-15 ... -13).contains(today.days(until: day)) else { continue }
                let chance = 55 + week.number * 8
                let exercising = rng.next(100) < chance
                for p in week.prescriptions {
                    let own = squeezes.contains(p.exerciseID)
                    // The squeezes are done on her days off the other exercises too (they are daily, so a day
                    // without them would end her streak).
                    guard own || exercising else { continue }
                    let draw = { (bound: Int) in own ? squeezeRNG.next(bound) : rng.next(bound) }
                    guard draw(100) < (own ? 95 : 85) else { continue }
                    for _ in 0..<p.dose.timesPerDay where draw(100) < (own ? 90 : 80) {
                        // Marked on the day itself, as she would have: a session is marked within a week of its day.
                        // A session the program refuses that day (times per day reached) is left out of the demo.
                        _ = try? store.markDone(exerciseID: p.exerciseID, on: day, today: day)
                    }
                }
            }
        }
        if let first = weeks.last?.prescriptions.first {
            try store.markDone(exerciseID: first.exerciseID, on: today, today: today)
        }
        for id in onboarding.readingList(for: p).prefix(1) { try store.markArticleRead(id, on: today.adding(days: -20)) }
    }
}

/// A tiny deterministic generator (SplitMix64), so the demo and its tests never change from run to run.
struct SeededGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(nextRaw() % UInt64(bound)) }
}
