import Foundation
import PortalCore
import XCTest

/// Issue 19, points 8 and 9, on the command line as a patient runs it, with TZ pinned: a time the clock skips
/// is refused for entries and visits, and the FHIR export gives each entry the offset it was made in.
extension CommandCases {
    func aTimeTheClockSkipsIsRefusedForEntriesAndVisits() throws {
        var portal = try makePortal()
        portal.today = "2027-03-10"
        try portal.demo()
        let newYork = ["TZ": "America/New_York"]
        let before = try portal.run(["export", "--format", "json"]).stdout
        let gap = "02:30 on Sun 14 Mar 2027 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 that night. Choose a time before 02:00, or from 03:00."
        let after = newYork.merging(["PORTAL_TODAY": "2027-03-20"]) { $1 }
        for args in [["log", "3", "--date", "2027-03-14", "--time", "02:30"], ["signs", "fever", "--date", "2027-03-14", "--time", "02:30"]] {
            let r = try portal.run(args, env: after)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, "Error: \(gap)\n", "\(args)")
        }
        let book = try portal.run(["visits", "book", "5", "2027-03-14", "02:30"], env: newYork)
        XCTAssertEqual(book.status, 1)
        XCTAssertEqual(book.stderr, "Error: \(gap)\n")
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was written")
        // In a zone without that change the same time is an ordinary one.
        XCTAssertEqual(try portal.run(["log", "3", "--date", "2027-03-14", "--time", "02:30"], env: ["TZ": "UTC", "PORTAL_TODAY": "2027-03-20"]).status, 0)
    }

    func theFHIRExportGivesEachEntryTheOffsetItWasMadeIn() throws {
        let portal = try makePortal()
        try portal.demo()
        let logged = try portal.run(["log", "4", "--time", "08:15", "--note", "made in Kiritimati"], env: ["TZ": "Pacific/Kiritimati"])
        XCTAssertEqual(logged.status, 0, logged.stderr)
        for zone in ["UTC", "Asia/Tokyo"] {
            let (path, _) = try portal.export(["export", "--format", "fhir"], name: "fhir-\(zone.count).json", env: ["TZ": zone])
            let observations = try validate("fhir", path)["observations"] as? [[String: Any]] ?? []
            let entry = observations.first { ($0["note"] as? String) == "made in Kiritimati" }
            XCTAssertEqual(entry?["effective"] as? String, "\(portal.today)T08:15:00+14:00", "exported under \(zone): the offset it was made in")
        }
        let json = try portal.run(["export", "--format", "json"], env: ["TZ": "UTC"]).stdout
        XCTAssertTrue(json.contains("\"utcOffset\" : \"+14:00\""), json)
    }
}
