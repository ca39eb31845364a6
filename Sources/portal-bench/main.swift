// `make bench`: every performance figure of the portal beside its target, in one table (README,
// "Performance"). `portal-bench make-db PATH --years N` and `portal-bench floor PATH` are its parts, usable
// on their own. Figures are benchmark figures: never put a timing into a unit test.
import Foundation
import PortalCore

let today = CalendarDate("2026-11-27")!
let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("portal-bench: \(message)\n".utf8))
    exit(1)
}

let usage = """
    usage: portal-bench                          the whole benchmark (make bench)
           portal-bench make-db PATH [--years N] a demo patient with N years of history (default 10)
           portal-bench floor PATH               the stack floor: open PATH, one query, one line
           portal-bench brief                    `portal today --brief` alone (demo and 10 years)
           portal-bench clinic [--patients N]    the clinic at scale (make bench-clinic, as root)
           portal-bench failover [--patients N] [--seconds S]
                                                 the primary killed mid-load, the standby promoted
                                                 (make bench-failover, as root)
    """

if arguments.contains(where: { ["-h", "--help", "help"].contains($0) }) {
    print(usage)
    exit(0)
}

do {
    switch arguments.first {
    case "make-db":
        // The path comes first and is never an option: `make-db --years 2` must not write a file named "--years".
        guard arguments.count >= 2, !arguments[1].hasPrefix("-") else { fail("usage: portal-bench make-db PATH [--years N]") }
        var years = 10
        if let i = arguments.firstIndex(of: "--years") {
            guard i + 1 < arguments.count, let n = Int(arguments[i + 1]), (0...50).contains(n) else {
                fail("--years wants a whole number of years from 0 to 50")
            }
            years = n
        }
        try MakeDB.run(path: arguments[1], years: years, content: try ContentLibrary.bundled(), today: today)
    case "floor":
        guard arguments.count == 2 else { fail("usage: portal-bench floor PATH") }
        Floor.run(path: arguments[1])
    case "brief":
        try Brief.runAlone()
    case "clinic":
        try ClinicBench.run(Array(arguments.dropFirst()))
    case "failover":
        try Failover.run(Array(arguments.dropFirst()))
    case nil:
        try Bench.run()
    default:
        fail("unknown command \(arguments[0]); use make-db, floor, brief, clinic, failover, or nothing for the whole benchmark")
    }
} catch {
    fail("\(error)")
}
