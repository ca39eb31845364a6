import XCTest
import PortalCore
@testable import portal

/// Which --db and PORTAL_DB values name a clinic's PostgreSQL database rather than a file.
final class ClinicLocationTests: XCTestCase {
    func testConnectionStringsAreTheClinicsAndPathsStayFiles() {
        for conn in ["postgresql:///portal?host=/run/portal", "postgres://clinic/portal", "host=/run/portal dbname=portal",
                     " dbname = portal", "service=clinic"] {
            XCTAssertTrue(ClinicLocation.isConnectionString(conn), conn)
        }
        for path in ["/home/jo/portal.sqlite", "~/p.sqlite", "a=b.sqlite", "postgresql.sqlite", "./host=x"] {
            XCTAssertFalse(ClinicLocation.isConnectionString(path), path)
        }
        XCTAssertEqual(ClinicLocation.connectionString(option: nil, environment: ["PORTAL_DB": "postgresql:///p"]), "postgresql:///p")
        XCTAssertEqual(ClinicLocation.connectionString(option: "host=/s", environment: ["PORTAL_DB": "postgresql:///p"]), "host=/s", "--db first")
        XCTAssertNil(ClinicLocation.connectionString(option: "/tmp/p.sqlite", environment: ["PORTAL_DB": "postgresql:///p"]))
        XCTAssertNil(ClinicLocation.connectionString(option: nil, environment: [:]))
    }

    func testPatientNeedsAClinicDatabase() throws {
        XCTAssertThrowsError(try StoreLocation.open(option: "/tmp/never-created-\(UUID().uuidString).sqlite", mode: .existingOnly, patient: "ana")) {
            XCTAssertTrue("\($0)".contains("--patient works with a clinic database only"), "\($0)")
        }
    }
}
