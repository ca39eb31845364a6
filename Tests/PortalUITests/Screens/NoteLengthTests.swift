import PortalCore
import XCTest
@testable import PortalUI

/// The note on Log pain counts as the store does (Unicode scalars), so what the screen accepts is saved.
final class NoteLengthTests: XCTestCase {
    func testAPasteThatFitsByCharactersButNotByTheStoresCountIsRefused() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("l"), .character("3"))
        for _ in 0..<6 { app.press(.tab) }
        // 501 Characters, 1002 scalars: more than the note's 1000.
        app.press(.paste(String(repeating: "👍🏽", count: 501)))
        guard case .logPain(let s) = app.top else { return XCTFail("still on Log pain") }
        XCTAssertEqual(s.focus, .note)
        XCTAssertEqual(s.note.value, "", "nothing was cut in")
        let text = app.view(size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("The pasted text is 1002 characters long and this field holds at most"), text)
        XCTAssertTrue(text.contains(" 1000. Nothing was pasted."), text)
    }

    // Issue 19, point 10: "1 characters long" read wrong.
    func testOneCharacterTooManyIsSaidInTheSingular() {
        var field = EditableText(String(repeating: "a", count: 10), maxLength: 10)
        XCTAssertEqual(field.paste("b"), "The pasted text is 1 character long and this field holds at most 10 (room for 0 more). Nothing was pasted.")
        XCTAssertEqual(field.paste("bc"), "The pasted text is 2 characters long and this field holds at most 10 (room for 0 more). Nothing was pasted.")
    }
}
