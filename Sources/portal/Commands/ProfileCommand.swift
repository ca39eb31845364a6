import ArgumentParser
import Foundation
import PortalCore

/// The options that describe her, shared by `portal setup` and `portal profile`. The rules are set-up's
/// (`Patient.validate`, each condition fitting the stage), so the command line and the form agree.
struct PatientOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Her name.", transform: TextOption.value) var name: String?
    @Option(help: ArgumentHelp("The due date, while pregnant (YYYY-MM-DD).", valueName: "date")) var due: String?
    @Option(help: ArgumentHelp("The baby's birth date (YYYY-MM-DD); give --delivery with it.", valueName: "date")) var born: String?
    @Option(help: ArgumentHelp("How the baby was born: vaginal or cesarean.", valueName: "type")) var delivery: String?
    @Option(name: .customLong("condition"),
            help: ArgumentHelp("A condition being treated; repeat for each (\(Condition.allCases.map(\.rawValue).joined(separator: ", "))). Given at all, the list replaces hers.",
                               valueName: "id"))
    var conditions: [String] = []
    @Option(parsing: .unconditional, help: "Her therapist's name.", transform: TextOption.value) var therapist: String?
    @Option(parsing: .unconditional, help: "The clinic's address.", transform: TextOption.value) var clinic: String?

    /// The stage the options give, nil when they give none.
    func stage() throws -> Stage? {
        if due != nil, born != nil { throw PortalError.invalidInput("Give --due (pregnant) or --born (after the birth), not both.") }
        if let due { return .pregnant(dueDate: try parseDate(due, option: "--due")) }
        guard let born else {
            if delivery != nil { throw PortalError.invalidInput("--delivery goes with --born, the baby's birth date.") }
            return nil
        }
        let date = try parseDate(born, option: "--born")
        guard let text = delivery else { throw PortalError.invalidInput("With --born, say how the baby was born: --delivery vaginal or --delivery cesarean.") }
        guard let d = Delivery(rawValue: text.lowercased()) else {
            throw PortalError.invalidInput("--delivery \(PlainText.quoted(text)) is not a type of birth. Use vaginal or cesarean.")
        }
        return .postpartum(birthDate: date, delivery: d)
    }

    /// The conditions given, nil when none were.
    func conditionList() throws -> [Condition]? {
        guard !conditions.isEmpty else { return nil }
        var list: [Condition] = []
        for raw in conditions {
            guard let c = Condition.parse(raw) else {
                throw PortalError.invalidInput("--condition \(PlainText.quoted(raw)) is not one the portal knows. Use one of: \(Condition.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if !list.contains(c) { list.append(c) }
        }
        return list
    }

    /// `patient` with what the options change.
    func applied(to patient: Patient) throws -> Patient {
        var p = patient
        if let name { p.name = name.trimmingCharacters(in: .whitespaces) }
        if let stage = try stage() { p.stage = stage }
        if let list = try conditionList() { p.conditions = list }
        if let therapist { p.therapist = therapist.trimmingCharacters(in: .whitespaces) }
        if let clinic { p.clinic = clinic.trimmingCharacters(in: .whitespaces) }
        return p
    }
}

struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup", abstract: "Set up a new patient without the full screen (for scripts, or a clinic preparing a portal).",
        discussion: """
        The same rules as the set-up form. A first visit that already took place is recorded as completed.
        Refused when the portal already has a patient.

        Example: portal setup --name "Ana Diaz" --due 2027-03-01 --condition low-back --first-visit 2026-12-03T09:30
        """)

    @OptionGroup var patient: PatientOptions
    @Option(name: .customLong("first-visit"), help: ArgumentHelp("The first visit (YYYY-MM-DDTHH:MM), booked or already past.", valueName: "date-time"))
    var firstVisit: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard patient.name != nil else { throw PortalError.invalidInput("Give her name with --name.") }
        guard let stage = try patient.stage() else {
            throw PortalError.invalidInput("Give the due date with --due, or the birth date with --born and --delivery.")
        }
        var visit: LocalDateTime?
        if let firstVisit {
            guard let v = LocalDateTime(firstVisit) else {
                throw PortalError.invalidInput("--first-visit \(PlainText.quoted(firstVisit)) is not a date and time. Use YYYY-MM-DDTHH:MM, for example 2026-12-03T09:30.")
            }
            visit = v
        }
        // Everything she typed is checked before the database is opened: bad input creates no folder and no file.
        let env = ProcessInfo.processInfo.environment
        let clock = try PortalClock.fromEnvironment(env)
        let p = try patient.applied(to: Patient(name: "", stage: stage, conditions: []))
        try ConditionRemedy.validate(p, today: clock.today, fromOptions: true)
        let onboarding = Onboarding(content: try ContentLibrary.forPortal(env))
        let record = try onboarding.newRecord(p, firstVisit: visit, clock: clock)
        let ctx = try Context(storeOptions, create: true, content: onboarding.content)
        guard !ctx.store.isRemote else {
            throw PortalError.rule("In a clinic your care team sets up your record (the administrator's `portal clinic add-patient`); nothing was changed. Change your details with `portal profile`.")
        }
        guard try ctx.store.isEmpty() else {
            throw PortalError.rule("This portal already has a patient in \(ctx.store.location); nothing was changed. Change her details with `portal profile`.")
        }
        try onboarding.save(record, into: ctx.store)
        let first = try ctx.store.carePlan()?.visits.first
        let visitText = first?.start.map { " Visit 1 is \(first!.status.title.lowercased()), \($0.date.shortText) \($0.date.year) at \($0.time)." } ?? ""
        print("Set up: \(printable(p.name)), \(p.progress(on: ctx.today).summary).\(visitText)")
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Show or change About me: name, stage, conditions, therapist, clinic.",
        discussion: """
        With no options it shows her details. The rules are set-up's. A change of conditions or stage adds the
        reading that goes with it and says which program weeks would follow; --use-new-program takes them in
        place of the weeks that have not started (weeks under way are never rewritten).

        Example: portal profile --born 2026-11-25 --delivery cesarean --use-new-program
        """)

    @OptionGroup var patient: PatientOptions
    @Flag(name: .customLong("use-new-program"), help: "Replace the program weeks not started yet with a program that fits her now.")
    var useNewProgram = false
    @Flag(name: .customLong("remove-birth"), help: "With --due: remove the recorded birth (a birth recorded by mistake).")
    var removeBirth = false
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let ctx = try Context(storeOptions)
        let old = try ctx.requirePatient()
        // In a clinic her therapist goes by the name the clinic keeps (change 26): one she gives would never be
        // shown, so it is refused, as About me does not offer it.
        let clinicTherapist = ctx.store.isRemote ? (try ctx.store.therapistName() ?? old.therapist) : nil
        if let clinicTherapist, patient.therapist != nil {
            throw PortalError.rule(Patient.therapistIsTheClinics(clinicTherapist) + " Leave out --therapist.")
        }
        let new = try patient.applied(to: old)
        let onboarding = Onboarding(content: ctx.content)
        if useNewProgram, ctx.store.programIsTherapists {
            throw PortalError.rule("Your program is your therapist's: a change of your details that calls for a new program is sent to her instead (leave out --use-new-program). Nothing was changed.")
        }
        let program = try ctx.store.program()
        // The weeks --use-new-program asks for (once her new details are checked): written with her details when
        // they change too, in one transaction.
        let ask = { useNewProgram ? onboarding.upcomingWeeks(for: new, program: program, today: ctx.today) : nil }
        var asked: [ProgramWeek]?
        if removeBirth, old.stage.isPregnant || patient.due == nil {
            throw PortalError.invalidInput("--remove-birth goes with --due, and only once a birth is recorded; nothing was changed.")
        }
        if new != old {
            // The change itself first (a birth before the pregnancy, a recorded birth a due date would remove):
            // it is the mistake to fix, before any condition that follows from it.
            try Self.checkChange(from: old, to: new, today: ctx.today, removingBirth: removeBirth)
            try ConditionRemedy.validate(new, today: ctx.today, fromOptions: !patient.conditions.isEmpty)
            let change = try onboarding.change(from: old, to: new, program: program,
                                               readingList: try ctx.store.readingList(), today: ctx.today, removingBirth: removeBirth)
            // In a clinic her program is her therapist's: a change that calls for other weeks is sent to her as a
            // request, and no week is rewritten (--use-new-program was refused above).
            let toTherapist = ctx.store.programIsTherapists && !change.offeredWeeks.isEmpty
            let request = toTherapist ? ProfileChange.request(from: old, to: new) : nil
            asked = ask()
            // Her details, the weeks they bring and her request to her therapist: one transaction.
            // Over her details as read above: a change saved elsewhere since is never written over (QA H6).
            try ctx.store.updateProfile(change.patient, over: old, readingList: change.readingList,
                                        upcomingWeeks: toTherapist ? [] : asked ?? (change.replacesWithoutAsking ? change.offeredWeeks : []),
                                        askingTherapist: request, library: ctx.content.exercises, today: ctx.today)
            let n = change.addedReading.count
            if case .postpartum(let birth, let delivery) = old.stage, new.stage.isPregnant {
                print("Removed the recorded birth (\(birth.shortText) \(birth.year), \(delivery == .cesarean ? "C-section" : "vaginal birth")).")
            }
            print("Saved your details." + (n == 0 ? "" : " \(n.counted("new article")) added to your reading."))
            if let request {
                print("Sent to your therapist: \(PlainText.quoted(request)). Your program stays as she wrote it until she changes it.")
            } else if asked == nil, let birth = change.birthProgramText {
                print(birth)
            } else if change.replacesWithoutAsking, asked == nil {
                print("Your program now goes on with \(change.offerText): the weeks it replaces had exercises that are not yet right for you after this change.")
            } else if !change.offeredWeeks.isEmpty, asked == nil {
                print("A program that fits you now is ready: \(change.offerText). To use it: portal profile --use-new-program")
            }
        } else {
            asked = ask()
            if let asked { try ctx.store.replaceUpcomingWeeks(asked, library: ctx.content.exercises, today: ctx.today) }
        }
        if let asked {
            var change = ProfileChange(patient: new, readingList: [], addedReading: [], offeredWeeks: asked)
            change.noteKeptWeeks(of: program, today: ctx.today)
            print("Your program now goes on with \(change.offerText).")
        }
        show(new, therapist: clinicTherapist ?? new.therapist, today: ctx.today)
    }

    /// `Patient.validateChange`, with the options that put it right here.
    static func checkChange(from old: Patient, to new: Patient, today: CalendarDate, removingBirth: Bool) throws {
        do {
            try new.validateChange(from: old, today: today, removingBirth: removingBirth)
        } catch let error as PortalError where error.field == .dueDate {
            throw PortalError.invalidInput(field: .dueDate, "\(error) Give --born YYYY-MM-DD and --delivery vaginal or cesarean; or, if the birth was recorded by mistake, add --remove-birth.")
        }
    }

    /// Her details; `therapist`: her therapist as About me names her (in a clinic, the clinic's name for her).
    private func show(_ p: Patient, therapist: String, today: CalendarDate) {
        print(printable(p.name))
        print("  \(p.progress(on: today).summary)")
        switch p.stage {
        case .pregnant(let due): print("  Due date:   \(due.shortText) \(due.year)")
        case .postpartum(let birth, _): print("  Baby born:  \(birth.shortText) \(birth.year)")
        }
        print("  Conditions: \(p.conditions.isEmpty ? "none listed yet" : p.conditions.map(\.title).joined(separator: "; "))")
        print("  Therapist:  \(therapist.isEmpty ? "not added yet" : printable(therapist))")
        print("  Clinic:     \(p.clinic.isEmpty ? "not added yet" : printable(p.clinic))")
    }
}
