import ClinicTestSupport
import Foundation
import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The store contract against PostgreSQL: a private cluster for this class, each check a new patient's
/// role logging in as herself (so row-level security is on for every statement), and the two-writer checks
/// with a second session for the same patient.
final class PostgresStoreContractTests: StoreContract {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    static func requireCluster() throws -> PrivateCluster { try cluster.get() }

    override func makeStore() throws -> any RecordStore {
        let c = try Self.requireCluster()
        return try PostgresStore.open(c.conninfo(try c.newPatient()))
    }

    override func makeStore(zone: LocalZone) throws -> any RecordStore {
        let c = try Self.requireCluster()
        return try PostgresStore.open(c.conninfo(try c.newPatient()), zone: zone)
    }

    override func secondConnection(to store: any RecordStore) throws -> (any RecordStore)? {
        let pg = try XCTUnwrap(store as? PostgresStore)
        return try PostgresStore.open(try Self.requireCluster().conninfo(pg.patientRole))
    }

    /// The administrator's session on her record (a therapist's weeks would be drafts she does not see).
    override func pinServerDay(_ day: CalendarDate) throws { try Self.requireCluster().pinClinicDay(day.description) }
    override func unpinServerDay() throws { try Self.requireCluster().unpinClinicDay() }

    override func careTeam(of store: any RecordStore) throws -> any RecordStore {
        let pg = try XCTUnwrap(store as? PostgresStore)
        return try Self.requireCluster().admin().record(of: pg.patientRole, zone: pg.zone)
    }

    /// A new patient of a new therapist, set up by the administrator, and the therapist's session on her record.
    override func storeWithTherapist() throws -> (any RecordStore, (any RecordStore)?) {
        let c = try Self.requireCluster()
        let therapist = try c.newTherapist()
        let store = try PostgresStore.open(c.conninfo(try c.newPatient(therapist: therapist)))
        let plan = try Onboarding(content: sharedContent).carePlan(firstVisit: at("2026-11-02T09:00"), location: "1 Main St", therapist: "T")
        try careTeam(of: store).setUp(patient: pregnantPatient(), plan: plan, weeks: Self.weeks, readingList: ["a", "b"])
        return (store, try PostgresStore.open(c.conninfo(therapist), patient: store.patientRole))
    }

    func testContract() throws {
        _ = try Self.requireCluster()
        try runContract()
    }
}
