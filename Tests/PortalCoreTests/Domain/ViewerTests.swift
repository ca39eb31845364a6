@testable import PortalCore
import XCTest

/// What each viewer may change comes from the record map's `Access` (issue 23, point 3), the rules the clinic's
/// database is made from, so a screen offers exactly what the database will take.
final class ViewerTests: XCTestCase {
    /// Issue 21's rights in words, write by write: what her clinic login and her therapist may change. The map
    /// must say the same (and RightsByRoleTests proves the database does what the map says).
    static let expected: [RecordWrite: (patient: Bool, therapist: Bool)] = [
        .painDiary: (true, false), .signReports: (true, false), .exerciseLog: (true, false), .checkIns: (true, false),
        .bladderDiary: (true, false), .bowelLog: (true, false), .measures: (true, false), .articlesRead: (true, false),
        // She reads what her therapist prescribed and may take an article off; her therapist prescribes.
        .readingList: (true, true),
        .profile: (true, false),
        // She books, moves and cancels; her therapist records how a visit went, with its notes.
        .visits: (true, true), .visitRecords: (false, true),
        // The program is her therapist's in a clinic: she writes no week and publishes none.
        .programWeeks: (false, true), .publishing: (false, true),
        .reminders: (true, false),
        .signReviews: (false, true),
        // She asks, takes back and marks read; her therapist answers.
        .questions: (true, false), .answers: (false, true),
    ]

    func testEveryWriteForBothRolesIsWhatTheMapGrants() {
        XCTAssertEqual(Set(Self.expected.keys), Set(RecordWrite.allCases), "every write has its expected rights")
        for write in RecordWrite.allCases {
            let (patient, therapist) = Self.expected[write]!
            XCTAssertEqual(Viewer.clinicPatient.may(write), patient, "her clinic login, \(write)")
            XCTAssertEqual(Viewer.therapist(login: "maria").may(write), therapist, "her therapist, \(write)")
        }
    }

    func testEveryNeedNamesATableOfTheMapAndItsColumns() {
        let tables = Set((RecordPart.tables + RecordPart.clinicOnlyTables).map(\.name))
        for write in RecordWrite.allCases {
            XCTAssertFalse(write.needs.isEmpty, "\(write) changes something")
            for need in write.needs {
                XCTAssertTrue(tables.contains(need.table.name), "\(write): \(need.table.name) is a table of the map")
                for c in need.columns ?? [] { XCTAssertNotNil(need.table.column(c), "\(write): \(need.table.name).\(c)") }
            }
        }
    }

    /// On her own file the record is hers, visits and program included, as before the clinic; only what a file
    /// does not have is never offered: a draft to publish, a therapist to review her signs or answer her questions.
    func testOnHerOwnFileEverythingIsHersButPublishingAndReviews() {
        for write in RecordWrite.allCases {
            XCTAssertEqual(Viewer.patient.may(write), write != .publishing && write != .signReviews && write != .answers, "\(write)")
        }
    }

    /// A map that gave a role less would take the right from the screens too (the derivation reads the map).
    func testANeedIsGrantedOnlyByItsOwnRolesCommandAndColumns() {
        let visits = CarePlanMap.visits
        XCTAssertTrue(RecordNeed(visits, .update, columns: CarePlanMap.bookingColumns).isGranted(to: .patient))
        XCTAssertFalse(RecordNeed(visits, .update, columns: ["notes"]).isGranted(to: .patient), "her update names only the booking columns")
        XCTAssertTrue(RecordNeed(visits, .update, columns: ["notes"]).isGranted(to: .therapist))
        XCTAssertFalse(RecordNeed(visits, .delete).isGranted(to: .therapist), "nobody deletes a visit")
        XCTAssertFalse(RecordNeed(SignReviewMap.reviews, .insert).isGranted(to: .patient))
        XCTAssertFalse(RecordNeed(SignReviewMap.reviews, .update).isGranted(to: .therapist), "a review is never changed")
    }
}
