import Foundation
import PortalCore
import PortalUI

/// `portal today --brief`: what is still due today on one line of at most 80 columns (fewer on a narrower
/// terminal), for a shell prompt or a
/// login message. Nothing due: nothing printed, exit 0. No database (or no patient yet): nothing printed at
/// all, exit 0, so a prompt that runs it never breaks before she has set the portal up. A database that
/// cannot be read is still said, on standard error only, with exit status 1.
///
/// Reached from `main` without ArgumentParser when the command line is exactly `today --brief`: a prompt
/// runs it at every line, so it skips the 20 M instructions of parsing, the content and the page-by-page
/// integrity check (it opens the file as the full screen does, checking its header; it writes nothing).
enum TodayBrief {
    static func run(db: String?, patient: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        let clock = try PortalClock.fromEnvironment(env)
        if ClinicLocation.connectionString(option: db, environment: env) == nil {
            let url = try StoreLocation.resolve(option: db, environment: env)
            guard FileManager.default.fileExists(atPath: url.path) else { return }
        }
        let store: any RecordStore
        do {
            store = try StoreLocation.open(option: db, environment: env, mode: .existingOnly, patient: patient, check: .header)
        } catch PortalError.noDatabase {
            return  // an empty file: the portal was started but never set up
        }
        // The exercises' rules (read with their names, not the whole library), so the count leaves out what
        // her stage holds back, as Home's does.
        let snapshot = try store.snapshot(clock: clock, rules: try ContentLibrary.forPortal(env, onDemand: true).exercises.rules)
        let items = DueToday.items(snapshot).map {
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
