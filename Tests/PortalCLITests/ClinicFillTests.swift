import Foundation
@testable import portal_bench
import PortalClinic
import PortalCore
import XCTest

/// `portal-bench clinic`'s fill (`ClinicFill`) writes a clinic's rows with set-based SQL beside the portal's own
/// set-up, and no other test ran it: a schema change that broke it (change 26's NOT NULL therapist name stopped it
/// at its first insert) was found only by the next benchmark. Here it fills a few patients on a private cluster, as
/// the benchmark does, and each filled record opens whole through the portal's own store as the patient's login.
final class ClinicFillTests: XCTestCase {
    func testTheBenchmarksFillMakesWholeRecordsOnTodaysSchema() throws {
        guard geteuid() == 0 else { throw XCTSkip("the benchmark's cluster runs as the postgres user, started by root") }
        let tag = "cf\(getpid())"
        let patients = 3
        let cluster = try ClinicCluster(roles: (1...patients).map { "\(tag)p\($0)" })
        defer { ClinicCleanup.runAll() }
        let questions = try ContentLibrary.bundled().quiz.questions.map(\.id)
        func answers(_ odd: Bool) -> String {
            "{" + questions.enumerated().map { "\"\($1)\": \(($0 % 2 == 0) != odd)" }.joined(separator: ", ") + "}"
        }
        try cluster.sql("CREATE DATABASE portal;", database: "postgres")
        let today = try XCTUnwrap(CalendarDate("2026-11-27"))
        let fill = ClinicFill(cluster: cluster, database: "portal", tag: tag, today: today, quizAnswers: (answers(false), answers(true)))
        try fill.addTemplate(portal: Self.portal)
        try fill.fill(1, patients)
        try fill.check(patients: patients)

        for i in 2...patients {
            let store = try PostgresStore.open(cluster.conninfo("\(tag)p\(i)"))
            let record = try store.record(.whole)
            XCTAssertEqual(record.program.weeks.count, 52, "patient \(i): a year of program")
            XCTAssertEqual(try store.painEntries(from: nil, to: nil).count, ClinicFill.painPerPatient, "patient \(i): every pain entry")
            XCTAssertFalse(try store.sessions(from: nil, to: nil).isEmpty, "patient \(i): exercise sessions")
            XCTAssertEqual(try store.carePlan()?.visits.count, 6)
        }
    }

    /// The `portal` built beside this test bundle.
    static var portal: String {
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir.appendingPathComponent("portal").path
    }
}
