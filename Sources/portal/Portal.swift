import ArgumentParser
import Foundation
import PortalClinic
import PortalCore
import PortalTerminal
import PortalUI

@main
struct Portal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Your physical-therapy portal: pain log, weekly exercises, visits and progress.",
        discussion: """
        Run `portal` on its own for the full-screen portal. Everything is kept in one private SQLite file on \
        this computer; nothing is sent anywhere.

        Set PORTAL_TODAY=YYYY-MM-DD to pin today's date (demos, tests).
        """,
        version: "0.1.0",
        subcommands: [LogCommand.self, SignsCommand.self, TodayCommand.self, VisitsCommand.self, ExercisesCommand.self,
                      ExportCommand.self, ReportCommand.self, BackupCommand.self, RestoreCommand.self,
                      ProgramCommand.self, DemoCommand.self, ClinicCommand.self, SetupCommand.self, ProfileCommand.self,
                      BladderCommand.self, BowelCommand.self, MeasureCommand.self,
                      RemindCommand.self, QuestionsCommand.self])

    @Flag(help: "When the database has no patient yet, open the demo instead, in demo.sqlite beside it (your own file stays empty for you).")
    var demoIfEmpty = false

    @Option(help: ArgumentHelp("In clinic mode: the folder the Share screen writes into (the clinic's choice; without it, sharing to a file is off).",
                               valueName: "folder"))
    var shareFolder: String?

    @OptionGroup var storeOptions: StoreOptions

    /// What a patient sees if the portal itself fails (a crash): one plain line, never a backtrace.
    static let crashMessage = "portal: the portal stopped because of an error of its own. Everything it showed as saved is kept; please open it again."

    /// ArgumentParser's own entry point, with the command line's hints added to PortalCore's errors.
    static func main() {
        // Before anything else: the Swift runtime's crash reporter and its output never reach the terminal.
        ProcessOutput.install(crashMessage: crashMessage)
        do {
            // `portal` on its own, the way patients start it many times a day: nothing to parse, so
            // ArgumentParser (about 20 M instructions of reflection) is not asked.
            if CommandLine.arguments.count == 1 {
                let status = try runFullScreen(demoIfEmpty: false, db: nil, patient: nil, shareFolder: nil)
                if status != 0 { throw ExitCode(status) }
                return
            }
            // `portal today --brief` in a shell prompt, run at every prompt: the same, for the same reason.
            if Array(CommandLine.arguments.dropFirst()) == ["today", "--brief"] {
                return try TodayBrief.run(db: nil, patient: nil)
            }
            // A warning sign's message comes first, whatever else on the line is wrong or fails (SafetyFirst),
            // except her therapist's refusal (OnlyHers, QA H11): a command that is the patient's own, run by her
            // therapist's login (naming her with --patient or not), is refused before it.
            var command: ParsableCommand
            do {
                command = try parseAsRoot()
            } catch {
                SafetyFirst.say(SafetyFirst.ids(inUnparsed: CommandLine.arguments))
                throw error
            }
            // Her therapist's login running a command that is the patient's own: who does it, first (QA H11), before
            // the safety text and before the line's own checks (a bad score is the patient's to mend).
            if let refusal = OnlyHers.refusal(before: command) { throw refusal }
            SafetyFirst.say(SafetyFirst.ids(of: command) ?? [])
            // An option that takes one value, given twice, is refused before anything runs (QA J5).
            if let repeated = RepeatedOption.problem(in: Array(CommandLine.arguments.dropFirst()), parse: { try parseAsRoot($0) }) {
                throw repeated
            }
            try command.run()
        } catch {
            // Over ssh she can run no command, so no hint names one.
            exitReporting(SSHLogin.isSSH(ProcessInfo.processInfo.environment) ? error : CommandLineHints.adding(to: error))
        }
    }

    /// ArgumentParser's `exit(withError:)`, with the message written where the portal's messages go
    /// (`ProcessOutput`), every control or formatting character shown by name (`PlainText.visible`): a message
    /// may quote what came from the command line or the environment (a path, TERM), which must not reach the
    /// terminal as an escape sequence nor turn the line around (U+202E).
    static func exitReporting(_ error: Error) -> Never {
        let code = exitCode(for: error)
        let message = PlainText.visible(fullMessage(for: error))
        if !message.isEmpty {
            if code == .success { print(message) } else { ProcessOutput.write(message) }
        }
        Foundation.exit(code.rawValue)
    }

    func run() throws {
        let status = try Self.runFullScreen(demoIfEmpty: demoIfEmpty, db: storeOptions.db, patient: storeOptions.patient,
                                            shareFolder: shareFolder)
        // By now the store is released: its connections are closed and the WAL checkpointed, so
        // portal.sqlite alone holds everything even after SIGHUP, SIGTERM or a hung-up terminal.
        if status != 0 { throw ExitCode(status) }
    }

    /// Everything that holds the store lives in this function, so it is gone when it returns.
    private static func runFullScreen(demoIfEmpty: Bool, db: String?, patient: String?, shareFolder: String?) throws -> Int32 {
        // Read once: Foundation builds the whole dictionary on every call (about 0.5 M instructions each).
        let env = ProcessInfo.processInfo.environment
        // A clinic's sshd runs the portal as a ForceCommand: what the client asked to run arrives in
        // SSH_ORIGINAL_COMMAND and is never run, passed on or parsed; the login opens the portal or nothing.
        try SSHLogin.check(env)
        // Before anything else (no database opened, nothing drawn): a terminal that cannot show the portal
        // gets a message naming the problem and exit status 1.
        do {
            try Terminal.checkDrawable(minimum: PortalApp.minimumSize)
        } catch let problem as TerminalError {
            throw FullScreenUnavailable(problem: problem, overSSH: SSHLogin.isSSH(env))
        }
        // While the screen runs, SIGHUP is a stop request (PortalTerminal). When the terminal goes away the
        // kernel's SIGHUP can come just after the loop has stopped and put the old action back: ignored,
        // not fatal, it cannot kill the portal before the store below is closed.
        signal(SIGHUP, SIG_IGN)
        let content = try ContentLibrary.forPortal(env, onDemand: true)
        let clinic = ClinicLocation.connectionString(option: db, environment: env) != nil
        // A clinic's server may take a while to answer (or be down, and be waited for): the terminal says so at once.
        if clinic {
            let dots = TerminalCapabilities.adoptEnvironmentLocale() ? "…" : "..."
            ConnectingNotice.show("Connecting to the clinic\(dots) (Ctrl-C to stop)", stopped: "Stopped: the portal did not open, and nothing was changed.")
        }
        let opened: (desk: ClinicDesk?, ctx: Context?)
        do {
            defer { ConnectingNotice.clear() }
            // A therapist's login (clinic mode, no --patient) opens her caseload; every other login its own record.
            if patient == nil, let conninfo = ClinicLocation.connectionString(option: db, environment: env),
               let desk = try ClinicDesk.open(conninfo, limits: try ClinicLocation.limits(env), content: content) {
                opened = (desk, nil)
            } else {
                opened = (nil, try Context(db: db, patient: patient, create: true, check: .header, connections: .pool,
                                           content: content, environment: env))
            }
        } catch let error where clinic {
            throw PGConnection.openingError(error)
        }
        if let desk = opened.desk {
            let clock = try PortalClock.fromEnvironment(env)
            return contentChecked(content, try FullScreen.run(therapist: desk, content: content, clock: clock))
        }
        guard let ctx = opened.ctx else { return 1 }
        let sharing = Self.sharingFolder(db: db, shareFolder: shareFolder, environment: env)
        // Trying the demo never takes the place of her own record. The screens tell the wiring what she chose
        // through the store, and each run ends (quits) when the portal must open another file:
        // - "Try the demo" on the Welcome screen loads the demo into her empty file and quits: the demo moves
        //   to a file of its own and opens there, and her file is left empty (a clinic's record, with no
        //   folder beside it, keeps the demo, marked DEMO, as before);
        // - "Start my own portal" in the demo (About me) removes the demo's data and quits: her own file
        //   opens, on the Welcome screen.
        var demoNext = try demoIfEmpty && ctx.store.isEmpty()
        while true {
            if demoNext {
                let (status, startOwn) = try DemoFile.run(beside: db, shareFolder: shareFolder, content: ctx.content, environment: env)
                guard status == 0, startOwn else { return contentChecked(ctx.content, status, overSSH: SSHLogin.isSSH(env)) }
                demoNext = false
                continue
            }
            let before = try ctx.store.patient()
            let status = try FullScreen.run(ctx, shareFolder: sharing, demo: DemoPatient.isDemo(before))
            guard status == 0 else { return contentChecked(ctx.content, status, overSSH: SSHLogin.isSSH(env)) }
            let after = try ctx.store.patient()
            if before == nil, DemoPatient.isDemo(after) {
                if clinic { continue }
                try ctx.store.eraseAll()
                demoNext = true
            } else if DemoPatient.isDemo(before), after == nil {
                continue  // she started her own portal: the Welcome screen greets her
            } else {
                return contentChecked(ctx.content, status, overSSH: SSHLogin.isSSH(env))
            }
        }
    }

    /// The content is decoded as the screens first need it, so a damaged file of the installed portal is
    /// found while the screen runs (that piece is left out or says it could not be read). Once the screen is
    /// put back, each such file is named on standard error and the exit status is 1.
    static func contentChecked(_ content: ContentLibrary, _ status: Int32, overSSH: Bool = false) -> Int32 {
        let problems = content.problems
        guard !problems.isEmpty else { return status }
        for problem in problems { printError("\(problem)") }
        printError(overSSH ? "Please tell your clinic: reinstalling the portal on its server repairs its content files."
                           : "Reinstalling the portal repairs its content files.")
        return status == 0 ? 1 : status
    }

    /// Where the Share screen may write: on a local file, the patient's home as before; on a clinic database,
    /// only the folder the clinic configured (`--share-folder`), never one the patient names or her home.
    static func sharingFolder(db: String?, shareFolder: String?,
                              environment env: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        guard ClinicLocation.connectionString(option: db, environment: env) != nil else {
            // $HOME as the shell has it (Foundation's home directory reads the password file instead).
            return env["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        }
        guard let shareFolder, !shareFolder.isEmpty else { return nil }
        return URL(fileURLWithPath: shareFolder, isDirectory: true)
    }
}

/// The terminal cannot show the full-screen portal: the problem, and that the commands still work; over ssh,
/// where she can run no command, what she can change at her end instead (`SSHLogin.message(for:)`).
struct FullScreenUnavailable: Error, CustomStringConvertible {
    let problem: TerminalError
    var overSSH = false

    var description: String {
        if overSSH { return SSHLogin.message(for: problem) }
        let text = "\(problem)"
        // Each problem is a sentence of its own: the one after it starts a new sentence.
        let sentence = text.hasSuffix(".") ? text : text + "."
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
            + " The commands work without it: `portal today`, `portal log` and the others (see `portal --help`)."
    }
}
