import PortalCore
import XCTest
@testable import PortalUI

/// The "Saved: …" line says what the store saved, not what was asked for.
final class SavedConfirmationTests: XCTestCase {
    func testTheSavedLineIsWordedFromTheStoredValue() throws {
        var app = Fixtures.app(Fixtures.demo)
        let effects = app.press(.character("l"), .character("3"), .enter)
        guard case .savePain(let requested)? = effects.first else { return XCTFail("\(effects)") }
        var stored = requested
        stored.id = 99
        stored.time = TimeOfDay(hour: 11, minute: 58)!
        _ = app.update(.completed(.savePain(requested), .painEntry(stored)))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Saved: pain 3/10 for today at 11:58."))
    }
}
