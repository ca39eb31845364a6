@testable import PortalClinic
@testable import PortalCore
import XCTest

/// One number per change, the same in both stores (issue 20, point 2): SQLite's migration "vN" is the clinic's
/// migration N, and SQLite skips only the clinic's own changes (write receipts, per-patient ids).
final class SchemaNumberingTests: XCTestCase {
    func testEverySQLiteMigrationIsTheClinicsOfTheSameNumberInTheSameOrder() {
        let sqlite = Schema.migrator.migrations.map { name -> Int? in
            name.first == "v" ? Int(name.dropFirst()) : nil
        }
        XCTAssertFalse(sqlite.contains(nil), "every SQLite migration is named v + a number: \(Schema.migrator.migrations)")
        let numbers = sqlite.compactMap { $0 }
        let clinic = ClinicSchema.migrations.map(\.0)
        XCTAssertEqual(numbers, numbers.sorted(), "SQLite's numbers rise")
        XCTAssertEqual(clinic, clinic.sorted(), "the clinic's numbers rise")
        XCTAssertEqual(numbers.filter { !clinic.contains($0) }, [], "a change in SQLite has the clinic's number too")
        XCTAssertEqual(numbers.last.map { clinic.contains($0) }, true)
        // The UTC offsets (issue 19, points 8 and 9) are change 8 in both stores.
        XCTAssertTrue(numbers.contains(8) && clinic.contains(8))
    }
}
