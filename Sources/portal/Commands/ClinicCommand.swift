import ArgumentParser
import Foundation
import PortalClinic
import PortalCore
import PortalTerminal

/// Clinic mode: the administrator's set-up (run as a database administrator, e.g. `sudo -u postgres`) and
/// the therapist's caseload and publishing (run as the therapist's own login).
struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic",
        abstract: "Clinic mode on PostgreSQL: set up the database, add therapists and patients, see a caseload.",
        discussion: "--db (or PORTAL_DB) is a libpq connection string; without one, \(ClinicLocation.defaultConnection).",
        subcommands: [Init.self, AddTherapist.self, AddPatient.self, ImportLocal.self, Patients.self, Report.self, Shared.self, Publish.self])

    /// The clinic database's connection string from --db, PORTAL_DB or the default.
    static func conninfo(_ options: StoreOptions) throws -> String {
        if let c = ClinicLocation.connectionString(option: options.db) { return c }
        if options.db != nil || !(ProcessInfo.processInfo.environment["PORTAL_DB"] ?? "").isEmpty {
            throw PortalError.invalidInput(field: .databasePath, "Clinic commands need a PostgreSQL connection string, for example --db 'postgresql:///portal?host=/run/postgresql'.")
        }
        return ClinicLocation.defaultConnection
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update the clinic schema, its group roles and its row-level rules (as an administrator).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("time-zone"), help: ArgumentHelp(
            "The clinic's time zone, for every date and time the server sets (a review, an answer, a sent report). A new clinic takes the server's; an existing one keeps its own unless this names another.",
            valueName: "Area/City"))
        var timeZone: String?

        func run() throws {
            let admin = try ClinicAdmin.open(try ClinicCommand.conninfo(storeOptions))
            try admin.initialise(timeZone: timeZone)
            print("The clinic database is ready (schema version \(ClinicSchema.latestVersion); the clinic's time zone is \(printable(try admin.timeZone()))).")
            let outOfBounds = try admin.datesOutOfBounds()
            if !outOfBounds.isEmpty {
                printError("""
                    Some rows kept before this update hold a date outside the years \(RecordColumn.recordYears.lowerBound) to \
                    \(RecordColumn.recordYears.upperBound), which the server now refuses from every login: \
                    \(outOfBounds.map(printable).joined(separator: "; ")). The portal shows each such record as "could not be read"; \
                    correct the rows (as the administrator, in psql) to the dates that were meant.
                    """)
            }
            let open = try admin.otherDatabasesOpen()
            if !open.isEmpty {
                printError("""
                    Patients' and therapists' logins can still connect to \(open.map(printable).joined(separator: ", ")) on this server, \
                    whose catalogs list every login and who is connected. Add the lines of deploy/pg_hba.conf to the \
                    server's pg_hba.conf, before its other "local" lines, and reload it (systemctl reload postgresql).
                    """)
            }
        }
    }

    struct AddTherapist: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-therapist",
            abstract: "Add a therapist's login, or change the name she goes by (as an administrator).",
            discussion: "Her patients see her by --name (About me, her chart); without one, by her login until a name is given. Run it again with --name to change the name.")
        @Argument(help: ArgumentHelp("Her Unix user name, which becomes her database role.", valueName: "user"))
        var user: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The name her patients see, such as \"Maria Silva\" (one line, at most \(Patient.therapistLimit) characters).", valueName: "name"),
                transform: TextOption.value)
        var name: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            // The name is checked before the database is touched: a mistake changes nothing.
            if let name { _ = try ClinicAdmin.checkTherapistName(name) }
            let admin = try ClinicAdmin.open(try ClinicCommand.conninfo(storeOptions))
            let existed = try admin.therapistName(user) != nil
            let shown = try admin.addTherapist(user, name: name)
            let goesBy = shown == user ? "her patients see her login until a name is given with --name" : "her patients see her as \(printable(shown))"
            print(existed ? "Therapist \(user) was added already; \(goesBy)." : "Added therapist \(user); \(goesBy).")
        }
    }

    struct AddPatient: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-patient",
            abstract: "Add a patient's login and set up her record, as the portal's own set-up does (as an administrator).")
        @Argument(help: ArgumentHelp("Her Unix user name, which becomes her database role.", valueName: "user"))
        var user: String
        @Option(parsing: .unconditional, help: "Her name.", transform: TextOption.value) var name: String
        @Option(help: ArgumentHelp("Her therapist's user name (added with add-therapist).", valueName: "user")) var therapist: String
        @Option(help: ArgumentHelp("Due date, when pregnant.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(help: ArgumentHelp("Birth date, after the birth.", valueName: "YYYY-MM-DD")) var born: String?
        @Option(help: "vaginal or cesarean, with --born.") var delivery: String?
        @Option(help: ArgumentHelp("A condition (repeat for more): \(Condition.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "condition"))
        var condition: [String] = []
        @Option(parsing: .unconditional, help: "The clinic's name and address, for in-person visits.", transform: TextOption.value) var clinic: String = ""
        @Option(name: .customLong("first-visit"), help: ArgumentHelp("The evaluation, when booked.", valueName: "YYYY-MM-DDTHH:MM"))
        var firstVisit: String?
        @OptionGroup var storeOptions: StoreOptions

        func patient(today: CalendarDate) throws -> Patient {
            let stage: Stage
            switch (due, born) {
            case (let d?, nil):
                guard delivery == nil else { throw PortalError.invalidInput(field: .birthDate, "--delivery goes with --born, not --due.") }
                stage = .pregnant(dueDate: try parseDate(d, option: "--due"))
            case (nil, let b?):
                guard let kind = Delivery(rawValue: delivery ?? "") else {
                    throw PortalError.invalidInput(field: .birthDate, "--born needs --delivery vaginal or --delivery cesarean.")
                }
                stage = .postpartum(birthDate: try parseDate(b, option: "--born"), delivery: kind)
            default:
                throw PortalError.invalidInput(field: .dueDate, "Give either --due (pregnant) or --born with --delivery (after the birth).")
            }
            let conditions = try condition.map { c in
                guard let known = Condition(rawValue: c) else {
                    throw PortalError.invalidInput(field: .conditions, "\(PlainText.quoted(c)) is not a condition the portal knows: \(Condition.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return known
            }
            let p = Patient(name: name, stage: stage, conditions: conditions, therapist: therapist, clinic: clinic)
            try ConditionRemedy.validate(p, today: today, fromOptions: true)
            return p
        }

        func run() throws {
            let clock = try PortalClock.fromEnvironment()
            // Everything is checked before the login is made, so a mistake leaves no half-added patient.
            var p = try patient(today: clock.today)
            let first = try firstVisit.map { text -> LocalDateTime in
                guard let t = LocalDateTime(text) else {
                    throw PortalError.invalidInput(field: .visitStart, "--first-visit \(PlainText.quoted(text)) is not a time; use the form 2026-11-02T09:00.")
                }
                return t
            }
            if let first { try Onboarding.checkFirstVisit(first, today: clock.today) }
            let admin = try ClinicAdmin.open(try ClinicCommand.conninfo(storeOptions))
            // A login that exists is left as it is, whoever's caseload it is in, and the message says what is
            // there. The one thing added to it: the record of a login whose record is still empty, when the
            // therapist asked for is hers already.
            if let existing = try admin.existingPatient(user), existing.name != nil || existing.therapist != therapist {
                throw PortalError.rule("\(existing) Nothing was changed.")
            }
            try admin.addPatient(user, therapist: therapist)
            // Her details and her visits name her therapist by the name the clinic keeps for her (change 26), not
            // by her login; About me shows the clinic's name for her whatever it becomes later.
            if let shown = try admin.therapistName(therapist) { p.therapist = shown }
            // The set-up's own rules, as `portal setup` applies them: a first visit already past is completed.
            try Onboarding(content: try ContentLibrary.bundled()).setUp(p, firstVisit: first, store: try admin.record(of: user), clock: clock)
            print("Added patient \(user) with therapist \(therapist).")
        }
    }

    struct ImportLocal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-local",
            abstract: "Move a patient's own portal file into her clinic record, once (as an administrator).",
            discussion: """
            Her profile, visits, program weeks, pain diary, exercise log, reading, check-ins and warning-sign \
            reports go in together in one transaction, or nothing does. The file is only read, never changed: \
            she can keep it as her own copy. A record that already holds data is refused (see --replace).
            """)
        @Argument(help: ArgumentHelp("Her portal file (portal.sqlite, or a backup of it).", valueName: "file"))
        var file: String
        @Option(help: ArgumentHelp("Her therapist, to add her login as her record is imported (not needed when she was added already).",
                                   valueName: "user"))
        var therapist: String?
        @Flag(help: "Delete what her clinic record holds (for example what add-patient set up) and import the file in its place.")
        var replace = false
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard storeOptions.patient != nil else { throw ValidationError("Name the patient with --patient USER.") }
        }

        func run() throws {
            let patient = storeOptions.patient ?? ""
            try ClinicAdmin.checkRoleName(patient)
            // The whole file is read (and checked) before the clinic database is touched. A tab in her text (a
            // paste, saved before the portal refused one) is kept as the space her portal showed it as.
            let (record, spaced) = try LocalRecord.read(file: file).tabsAsSpaces()
            // A file she could have edited is held to the rules each row was written under, before anything moves.
            do {
                try record.checkWhole(now: try PortalClock.fromEnvironment().latestEntry, content: try ContentLibrary.bundled())
            } catch let error as PortalError {
                throw PortalError.invalidInput("\(error.description) Nothing was imported, and \(file) was left as it was.")
            }
            // What of it is hers to say, worked out before the clinic is touched, as the import itself takes it.
            let herWord = try LocalRecord.herOwnWord(record).record
            let admin = try ClinicAdmin.open(try ClinicCommand.conninfo(storeOptions))
            let changed = try admin.importLocal(record, patient: patient, therapist: therapist, replace: replace)
            let parts = RecordPart.allCases.compactMap { $0.countText(herWord.count($0)) }
            print("Imported \(file) into \(patient)'s clinic record: \(parts.joined(separator: ", ")). The file was left as it was.")
            if !changed.isEmpty {
                print("Taken as hers only (a local portal has no therapist): \(changed.joined(separator: "; ")).")
            }
            if spaced > 0 {
                print("\(spaced.counted("text")) held a tab, kept as a space, as the portal shows and keeps a tab.")
            }
        }
    }

    struct Patients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your caseload (as the therapist): those who need you first, each with why (warning signs, high or rising pain, unanswered questions, a visit without a record or today, an exercise her stage now holds back, her request for a new program, a week to publish, new diary or questionnaire results, low adherence, nothing logged for a week), then everyone else.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let clock = try PortalClock.fromEnvironment()
            let content = try ContentLibrary.forPortal()
            let connection = try PGConnection(try ClinicCommand.conninfo(storeOptions))
            // A patient's login has no caseload: said, not an empty list (QA H11).
            guard try PostgresStore.isTherapistLogin(connection) else { throw PortalError.rule(OnlyHers.caseload) }
            let rows = try PostgresStore.caseload(connection, clock: clock, content: content)
            guard !rows.isEmpty else { print("No patients in your caseload yet."); return }
            for row in rows {
                // "!" marks the urgent (warning signs, high pain); the words say why, in the caseload screen's words.
                let flag = row.reasons.first?.isUrgent == true ? "! " : "  "
                // A login with no record yet is named once: "pt_3 (not set up yet)", never in double brackets.
                // Her name on this one line, whatever was written into it in psql (qa-h H16: a newline in it wrote
                // lines of its own into the caseload).
                let who = row.isSetUp ? "\(printable(row.login)) (\(PlainText.oneLine(row.name)))" : "\(printable(row.login)) (not set up yet)"
                print("\(flag)\(who): \(PlainText.oneLine(row.figures(today: clock.today)))")
                for reason in row.reasons { print("    \(PlainText.oneLine(reason.text(today: clock.today)))") }
                if !row.measureChanges.isEmpty { print("    questionnaires: \(row.measureChanges.joined(separator: "; "))") }
                if row.lastShared != nil { print("    what she sent you: portal clinic shared --patient \(printable(row.login))") }
            }
            // A record that could not be read is one patient's line, first, and the others are listed (D21); only when
            // no patient's record could be read at all is it a failure of the command.
            let unreadable = rows.filter { $0.unreadable != nil }
            if !unreadable.isEmpty {
                let who = unreadable.map { printable($0.login) }.joined(separator: ", ")
                if unreadable.count == rows.count { throw PortalError.storage("No patient's record could be read (\(who)); ask the clinic's administrator to look at them.") }
                // The portal's own messages go where standard error pointed at the start (ProcessOutput: the runtime's is hidden).
                ProcessOutput.write("Warning: \(unreadable.count.counted("patient's record", "patients' records")) could not be read (\(who)); the others are listed above.")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The sharing report of one patient of your caseload (as the therapist), as `portal report` makes it.",
            discussion: """
            The database decides whose record you may read: a patient who is not in your caseload is refused. \
            The report goes to standard output, or with --output to a private file (0600) where your login may write.
            """)
        @OptionGroup var report: ReportOptions
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard storeOptions.patient != nil else { throw ValidationError("Name the patient with --patient USER.") }
        }

        func run() throws {
            let patient = storeOptions.patient ?? ""
            let ctx = try Context(db: try ClinicCommand.conninfo(storeOptions), patient: patient)
            // The patient's own hint (run `portal` to set up) is not the therapist's to follow.
            guard try ctx.store.patient() != nil else {
                throw PortalError.notFound("\(printable(patient)) has no record in the clinic database yet, so there is no report: the administrator makes it with `portal clinic add-patient` or `portal clinic import-local`.")
            }
            try report.make(ctx)
        }
    }

    struct Shared: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What one patient of your caseload sent you from Share (as the therapist): the newest, made by the portal from her clinic record.",
            discussion: """
            The newest she sent, in its format and with the parts she chose, made again by the portal from her record \
            in the clinic (a report covers the 28 days to the day she sent it). What her login stored is not printed as \
            the portal's file: a login can store anything there, a page that runs script included. --as-sent prints \
            it as plain text, marked as hers. --list names every one she sent, newest first, instead.
            """)
        @Flag(help: "List what she sent (kind, parts, when) instead of printing the newest.") var list = false
        @Flag(name: .customLong("as-sent"), help: "Print what her login stored, as plain text marked as hers, not the portal's file.") var asSent = false
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard storeOptions.patient != nil else { throw ValidationError("Name the patient with --patient USER.") }
        }

        func run() throws {
            let patient = storeOptions.patient ?? ""
            let store = try PostgresStore.open(try ClinicCommand.conninfo(storeOptions), patient: patient)
            let sent = try store.sharedReports(limit: list ? nil : 1)
            guard let newest = sent.first else {
                print("\(printable(patient)) has sent you nothing from Share yet.")
                return
            }
            if list {
                for r in sent { print("\(r.summary): \(r.sections.map(\.rawValue).joined(separator: ", "))") }
            } else if asSent {
                // Her words go to the terminal without control characters, as every command prints them, under a
                // line saying whose they are (qa-h H13: the portal does not vouch for what a login stored).
                print("What \(printable(patient))'s login stored as “\(newest.summary)”; not made by the portal, do not open it as a page:")
                print(printable(newest.body), terminator: newest.body.hasSuffix("\n") ? "" : "\n")
            } else {
                // The portal's own file, made from her record with the parts she chose (qa-h H13: the stored body
                // is whatever her login wrote, and an HTML one reached the therapist's browser as the report).
                let data = try ExportData.load(from: store, content: try ContentLibrary.forPortal(), today: newest.date)
                    .limited(to: Set(newest.sections))
                let bytes = try newest.format.render(data, period: .lastDays(28), madeBy: store.viewer)
                FileHandle.standardOutput.write(bytes)
                ProcessOutput.write("Made by the portal from \(printable(patient))'s clinic record, with the parts she chose (\(newest.sections.map(\.rawValue).joined(separator: ", "))), to \(newest.date.shortText); what her login stored is printed with --as-sent.")
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a draft program week (as the therapist): from then on the patient sees it.")
        @Option(parsing: .unconditional, help: "The week's number.") var week: Int
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard storeOptions.patient != nil else { throw ValidationError("Name the patient with --patient USER.") }
        }

        func run() throws {
            let patient = storeOptions.patient ?? ""
            let store = try PostgresStore.open(try ClinicCommand.conninfo(storeOptions), patient: patient)
            // A draft whose first day has come is refused by the rule every new week keeps (the server keeps it
            // too), said here in the portal's words.
            let today = try PortalClock.fromEnvironment().today
            let program = try store.program()
            if try store.draftWeeks().contains(week), let draft = program.week(number: week),
               let problem = PortalCore.Program(weeks: program.weeks.filter { $0.number != week }).startWindow(forWeek: week, today: today).problem(with: draft.starts) {
                throw PortalError.invalidInput(field: .programStart, problem + " Nothing was published: import the week again with a later start (portal program template gives one).")
            }
            try store.publishWeek(week)
            print("Published week \(week) for \(patient).")
        }
    }
}
