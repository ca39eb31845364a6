import Foundation

/// One patient's first complete Home, measured from outside in an 80×24 pseudo-terminal by C/ptyrun.c: from
/// the start of the command to the first time Home's 14-day pain line ("7-day avg", drawn only from her
/// diary) reaches the terminal. Locally the command is the portal on the database socket as her role; over ssh
/// it is `ssh -tt` to the benchmark's sshd, whose forced command runs the portal as her Unix login. The same
/// patient is measured in a small and in a large clinic database of one cluster, and every round runs every
/// subject once, so all of them share the same moments of machine load (the machine may be shared).
struct ClinicHome {
    static let marker = "7-day avg"

    /// The footer's last word: the caseload (read whole before the first paint) is complete when its footer is written.
    static let caseloadMarker = "quit"

    struct Figures {
        var local: [Double] = []
        var ssh: [Double] = []
        /// Her therapist's first complete caseload (her 50 patients), locally.
        var caseload: [Double] = []
    }

    struct Subject {
        var name: String
        var command: [String]
        var marker = ClinicHome.marker
    }

    let ptyrun: String

    /// Milliseconds per subject, `runs` interleaved rounds after one warm-up each (the page cache and the
    /// server's buffers warm, as on a clinic's server in use).
    func measure(_ subjects: [Subject], runs: Int) throws -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        for s in subjects { _ = try once(s.command, marker: s.marker) }
        for _ in 0..<runs {
            for s in subjects { out[s.name, default: []].append(try once(s.command, marker: s.marker)) }
        }
        return out
    }

    /// Milliseconds to the marker; ptyrun then presses q, and the portal (and ssh) end.
    private func once(_ command: [String], marker: String) throws -> Double {
        let out = try Shell.output([ptyrun, marker, "0", "60"] + command)
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
