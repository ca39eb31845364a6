import Foundation
import PortalClinic
import PortalCore
import PortalUI

/// `portal today --brief`: what is still due today on one line of at most 80 columns (fewer on a narrower
/// terminal), for a shell prompt or a
/// login message. Nothing due: nothing printed, exit 0. No database (or no patient yet): nothing printed at
/// all, exit 0, so a prompt that runs it never breaks before she has set the portal up. A database that
/// cannot be read is still said, on standard error only, with exit status 1.
///
/// Reached from `main` without ArgumentParser when the command line is exactly `today --brief`: a prompt
/// runs it at every line, so it skips the 20 M instructions of parsing and the content.
///
/// It only ever reads: a file from an older portal is left as it was and nothing is printed (the next full-screen
/// start brings it up to date); it makes the full-screen start's header check, not `quick_check` of every page
/// (251 ms on ten dense years, at every prompt line): a damaged page the line reads is refused by SQLite as it
/// reads (no line on standard output, the message on standard error), and damage where the line does not look is
/// said by the next full-screen start, whose whole check runs after its first paint, and by every other command.
/// A clinic's server that does not answer is given up on at once, with nothing printed, so a prompt never waits.
enum TodayBrief {
    /// A clinic's server: one try of at most 2 s (libpq's shortest `connect_timeout`), never the 30 s a command waits.
    static let clinicLimits = PGConnection.Limits(connectSeconds: 2, statementSeconds: 3, waitSeconds: 0)

    static func run(db: String?, patient: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        let clock = try PortalClock.fromEnvironment(env)
        let clinic = ClinicLocation.connectionString(option: db, environment: env) != nil
        if !clinic {
            let url = try StoreLocation.resolve(option: db, environment: env)
            guard FileManager.default.fileExists(atPath: url.path) else { return }
        }
        let snapshot: PortalSnapshot
        let content: ContentLibrary
        do {
            let store = try StoreLocation.open(option: db, environment: env, mode: .existingOnly, patient: patient, check: .header,
                                               limits: clinicLimits, migrate: false)
            // Home's own read (what is due today is all on Home: today's pain and exercises, the bladder diary's
            // days, the questionnaires due, the next visit, an unread answer), with the exercises' rules (read with
            // their names, not the whole library), so the count leaves out what her stage holds back, as Home's does.
            content = try ContentLibrary.forPortal(env, onDemand: true)
            snapshot = try store.homeSnapshot(clock: clock, rules: content.exercises.rules)
        } catch PortalError.noDatabase, PortalError.olderDatabase {
            return  // an empty file (started, never set up), or one the full-screen portal brings up to date
        } catch where clinic {
            return  // the clinic's server is away: Home says so when she logs in; a prompt stays quiet
        }
        let items = DueToday.items(snapshot, measures: content.measureTimings, safety: content.safety).map {
            DueItem(kind: $0.kind, text: printable($0.text), shorter: $0.shorter.map(printable), subject: $0.subject)
        }
        guard let line = BriefLine.line(items, width: width, columns: DisplayWidth.of) else { return }
        print(line)
    }

    /// 80 columns, or fewer when it prints straight to a narrower terminal (a prompt in a 60-column window),
    /// so the line never wraps. Read from the terminal itself: a prompt's COLUMNS is not exported.
    static var width: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return BriefLine.width
        }
        return min(BriefLine.width, Int(size.ws_col))
    }
}
