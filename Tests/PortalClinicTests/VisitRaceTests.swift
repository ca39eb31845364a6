import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// Since change 28 a patient's writes and her therapist's take separate turns (`record_turn` per writer), so
/// both may change her care plan at the same moment. A visit change is compared with what the form read, and
/// checked against the other visits, inside its write (`MappedRecordStore.saveVisit(_:over:)`): at READ
/// COMMITTED a plain read saw the plan before the other's commit, the UPDATE waited for that commit, then wrote
/// over it without asking. Each test holds her therapist's change open in his own login's session (the statement
/// his portal sends), starts her portal's change meanwhile, and commits his once hers has reached the server.
final class VisitRaceTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    let now = at("2026-11-27T12:00")

    /// She books visit 6 from the form while her therapist books it for another time: hers is refused as
    /// changed meanwhile, naming his booking, and his booking is what is stored.
    func testHerBookingDoesNotWriteOverHisBookingOfTheSameVisit() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let read = try XCTUnwrap(try w.a.carePlan()?.visits[5])
        XCTAssertEqual(read.status, .toSchedule)
        let mine = try read.booking(at: at("2027-01-06T09:00"), now: now)

        let (outcome, his) = try race(w, his: "UPDATE visit SET status = 'booked', starts_at = '2027-01-05T10:00' WHERE patient_id = $1 AND number = 6") {
            try w.a.saveVisit(mine, over: read)
        }
        XCTAssertNil(his, "his booking is saved")
        guard case .failure(let error) = outcome else { return XCTFail("her booking was saved over his: \(outcome)") }
        XCTAssertTrue("\(error)".contains("Visit 6 was changed in the meantime"), "\(error)")
        XCTAssertTrue("\(error)".contains("it is now booked for"), "names what it is now: \(error)")
        let stored = try XCTUnwrap(try w.a.carePlan()?.visits[5])
        XCTAssertEqual(stored.start, at("2027-01-05T10:00"), "his booking is kept")
    }

    /// She books visit 6 at the very time her therapist is booking visit 5: hers is checked against his, and
    /// refused. Before, hers did not wait: it was checked against visit 5 as it was, saved, and his booking, made
    /// first, was refused when he saved it (the server's check at commit, `visit_in_order`).
    func testHerBookingIsCheckedAgainstHisBookingOfAnotherVisit() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let read = try XCTUnwrap(try w.a.carePlan()?.visits[5])
        let mine = try read.booking(at: at("2027-01-06T09:00"), now: now)

        let (outcome, his) = try race(w, his: "UPDATE visit SET status = 'booked', starts_at = '2027-01-06T09:00' WHERE patient_id = $1 AND number = 5") {
            try w.a.saveVisit(mine, over: read)
        }
        XCTAssertNil(his, "his booking, made first, is saved")
        guard case .failure(let error) = outcome else { return XCTFail("hers was saved at the time of his: \(outcome)") }
        XCTAssertTrue("\(error)".contains("visit 5") || "\(error)".contains("Visit 5"), "names the visit in the way: \(error)")
        let stored = try XCTUnwrap(try w.a.carePlan()?.visits)
        XCTAssertEqual(stored[4].start, at("2027-01-06T09:00"), "his booking is kept")
        XCTAssertNil(stored[5].start, "hers was not saved")
    }

    /// With nobody else writing, the same change is saved (the tests above fail for the race, not the change).
    func testHerBookingIsSavedWhenNobodyElseWrites() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let read = try XCTUnwrap(try w.a.carePlan()?.visits[5])
        let mine = try read.booking(at: at("2027-01-06T09:00"), now: now)
        XCTAssertEqual(try w.a.saveVisit(mine, over: read), mine)
        XCTAssertEqual(try w.a.carePlan()?.visits[5], mine)
    }

    /// Runs `his` in her therapist's own session, uncommitted; runs `hers` (her portal's write) on another
    /// thread; once hers waits on his lock, or has finished without waiting, commits his. Returns how hers ended,
    /// and why his commit was refused (nil: committed).
    func race(_ w: ClinicWorld, his: String, hers: @escaping () throws -> Visit) throws -> (Result<Visit, any Error>, (any Error)?) {
        let therapist = try w.sql(w.t1), admin = try w.sql("postgres")
        _ = try therapist.query("BEGIN")
        XCTAssertEqual(try therapist.query("SELECT public.record_turn($1) AS t", [w.a.patientID]).rows.first?.text("t"), "t")
        XCTAssertEqual(try therapist.query(his, [w.a.patientID]).affected, 1)

        let finished = DispatchSemaphore(value: 0)
        let outcome = Outcome(hers)
        Thread.detachNewThread {
            outcome.run()
            finished.signal()
        }
        // Hers has reached the server and waits for his lock (or, unguarded, needed none and is done).
        let deadline = Date().addingTimeInterval(10)
        while outcome.result == nil, Date() < deadline {
            let waiting = try admin.query("""
                SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'
                """, [w.a.patientRole]).rows.first?.int("n") ?? 0
            if waiting > 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        var refused: (any Error)?
        do { _ = try therapist.query("COMMIT") } catch { refused = error }
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "her write finishes once his is committed")
        return (try XCTUnwrap(outcome.result), refused)
    }
}

/// Her write, run on another thread, and how it ended.
private final class Outcome: @unchecked Sendable {
    private let write: () throws -> Visit
    init(_ write: @escaping () throws -> Visit) { self.write = write }
    func run() { set(Result { try write() }) }
    private let lock = NSLock()
    private var _result: Result<Visit, any Error>?
    func set(_ r: Result<Visit, any Error>) { lock.withLock { _result = r } }
    var result: Result<Visit, any Error>? { lock.withLock { _result } }
}
