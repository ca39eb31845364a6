import Foundation

/// One patient's first complete Home, measured from outside in an 80×24 pseudo-terminal by C/ptyrun.c: from
/// the start of the command to the first time Home's 14-day pain line ("7-day avg", drawn only from her
/// diary) reaches the terminal. Locally the command is the portal on the database socket as her role; over ssh
/// it is `ssh -tt` to the benchmark's sshd, whose forced command runs the portal as her Unix login. Runs
/// alternate local and ssh, so both share the same moments of machine load.
struct ClinicHome {
    static let marker = "7-day avg"

    struct Figures {
        var local: [Double] = []
        var ssh: [Double] = []
    }

    let ptyrun: String
    let localCommand: [String]
    let sshCommand: [String]

    func measure(runs: Int) throws -> Figures {
        var f = Figures()
        // Once each first: the page cache and the server's buffers warm, as on a clinic's server in use.
        _ = try once(localCommand)
        _ = try once(sshCommand)
        for _ in 0..<runs {
            f.local.append(try once(localCommand))
            f.ssh.append(try once(sshCommand))
        }
        return f
    }

    /// Milliseconds to the marker; ptyrun then presses q, and the portal (and ssh) end.
    private func once(_ command: [String]) throws -> Double {
        let out = try Shell.output([ptyrun, Self.marker, "0", "60"] + command)
        guard let ns = out.split(separator: " ").first.flatMap({ Double($0) }) else {
            throw BenchError("ptyrun said “\(out)” for \(command.joined(separator: " "))")
        }
        return ns / 1e6
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The value below which `p` of the values lie (nearest rank).
func percentileOf(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))]
}
