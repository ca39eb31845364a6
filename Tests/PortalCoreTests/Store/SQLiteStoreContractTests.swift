import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The store contract against SQLite in memory (one `DatabaseQueue`).
final class SQLiteStoreContractTests: StoreContract {
    override func makeStore() throws -> any RecordStore { try SQLiteStore.inMemory() }
    override func makeStore(zone: LocalZone) throws -> any RecordStore { try SQLiteStore.inMemory(zone: zone) }
    func testContract() throws { try runContract() }
}

/// The store contract against a real file (a `DatabasePool` in WAL mode), with a second portal opening the
/// same file for the two-writer tests.
final class SQLiteFileStoreContractTests: StoreContract {
    override func makeStore() throws -> any RecordStore {
        try SQLiteStore.open(url: try makeTempFolder(self).appendingPathComponent("portal.sqlite"))
    }
    override func makeStore(zone: LocalZone) throws -> any RecordStore {
        try SQLiteStore.open(url: try makeTempFolder(self).appendingPathComponent("portal.sqlite"), zone: zone)
    }
    func testContract() throws { try runContract() }

    override func secondConnection(to store: any RecordStore) throws -> (any RecordStore)? {
        try SQLiteStore.open(url: URL(fileURLWithPath: store.location), mode: .existingOnly)
    }
}
