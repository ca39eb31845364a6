import Foundation
import PortalCore
import PortalTerminal

/// The portal as a clinic's sshd runs it (`ForceCommand`, see deploy/sshd_config): one program per login,
/// in a terminal, whatever the client asked for.
enum SSHLogin {
    static let noTerminal = "The portal needs a terminal, and this ssh connection has none (ssh -T, or a command after the host name). Connect with `ssh -t` and the clinic's host name only."
    static let noCommands = "This clinic login opens your portal only; it does not run commands. Connect with `ssh -t` and the clinic's host name only."

    /// Refuses a login that asked for a command (its text is never run, passed on or even read past being
    /// present) and one without a terminal, each with a message the patient can act on. Outside ssh it
    /// checks nothing: the terminal check that follows has its own messages.
    static func check(_ env: [String: String] = ProcessInfo.processInfo.environment,
                      hasTerminal: Bool = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1) throws {
        if let asked = env["SSH_ORIGINAL_COMMAND"], !asked.isEmpty {
            throw PortalError.invalidInput(noCommands)
        }
        if isSSH(env), !hasTerminal {
            throw PortalError.invalidInput(noTerminal)
        }
    }

    /// The portal was started by sshd for a login (a clinic's forced command): what the patient can do is on
    /// her own computer, before she connects, never a command on the server.
    static func isSSH(_ env: [String: String]) -> Bool { env["SSH_CONNECTION"] != nil || env["SSH_CLIENT"] != nil }

    /// What a patient who came over ssh reads when her terminal cannot show the portal: the problem in her
    /// words and what she can change at her end (the type her terminal gives, the window's size).
    static func message(for problem: TerminalError) -> String {
        let connectAgain = "On your own computer, connect again from a terminal window with its type set, for example `TERM=xterm-256color ssh -t` and the clinic's host name."
        switch problem {
        case .notATerminal:
            return noTerminal
        case .terminalTypeUnset:
            return "Your connection did not say what kind of terminal you use (TERM is not set), so the portal cannot draw its screen. " + connectAgain
        case .dumbTerminal:
            return "Your terminal says it can only print lines (TERM=dumb), so the portal cannot draw its screen. " + connectAgain
        case .unknownTerminalType(let type), .cannotStart(terminalType: let type?):
            return "The clinic's server does not know your terminal's type (\(TerminalError.shown(type))), so the portal cannot draw its screen. " + connectAgain
        case .cannotStart(terminalType: nil):
            return "The portal cannot draw its screen on your terminal. " + connectAgain
        case .noCursorAddressing(let type):
            return "Your terminal's type (\(TerminalError.shown(type))) cannot move the cursor, so the portal cannot draw its screen. " + connectAgain
        case .windowTooSmall(let size, let minimum):
            return "Your window is \(size.width)×\(size.height); the portal needs at least \(minimum.width)×\(minimum.height). Make the window larger and connect again."
        }
    }
}
