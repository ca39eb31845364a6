import XCTest
@testable import PortalCore

/// Name-based UUIDs are RFC 9562 version 5: the values below are Python's `uuid.uuid5` of the portal's
/// namespace and the same names, so a faster way of writing them can never change a resource's identity.
final class NameUUIDTests: XCTestCase {
    func testMatchesVersion5OfAnotherImplementation() {
        XCTAssertEqual(NameUUID.make("portal-patient:Jo/patient"), "a9834395-4799-56c6-bc01-b79bd548efb8")
        XCTAssertEqual(NameUUID.make(""), "a243a219-34b2-51b2-9f4f-cab7796f2623")
        XCTAssertEqual(NameUUID.make("visit/3 é"), "fceb0e09-aa7f-5666-974c-3c33854b7ad2")
    }
}
