import Foundation
import PortalCore

/// What the command line adds to PortalCore's messages: the command or option that helps. PortalCore says
/// what is wrong in the patient's words and names no command, because the same message also reaches the
/// full-screen portal (and, later, a clinic server) where a command would mean nothing.
enum CommandLineHints {
    static func hint(for error: PortalError) -> String? {
        switch error {
        case .noDatabase(let path): return DemoFile.hint(forEmpty: path)
        case .notAPortalDatabase: return "Choose another file with --db or PORTAL_DB."
        case .corruptDatabase: return "`portal restore BACKUP` puts a backup in place and keeps the damaged file beside it; --db opens another file."
        case .fileExists: return "Use --force to replace it."
        case .invalidInput(.programExercise, _): return "`portal exercises --library` lists the ids."
        default: return nil
        }
    }

    /// `error` with its hint, for ArgumentParser to print as "Error: …".
    static func adding(to error: Error) -> Error {
        guard let portal = error as? PortalError, let hint = hint(for: portal) else { return error }
        return Hinted(message: "\(portal) \(hint)")
    }

    struct Hinted: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
