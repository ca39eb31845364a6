import Foundation
import PortalCore

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
        if env["SSH_CONNECTION"] != nil || env["SSH_CLIENT"] != nil, !hasTerminal {
            throw PortalError.invalidInput(noTerminal)
        }
    }
}
