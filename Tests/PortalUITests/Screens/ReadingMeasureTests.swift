import PortalCore
import XCTest
@testable import PortalUI

/// Every paragraph keeps the reading measure (`PortalApp.readingMeasure`, through `Paragraph`), however wide the
/// window: a list or a diary takes the whole width for its rows, not for its sentences. At 200×50 the leak's
/// warning sign and the bowel log's advice had run across the whole screen.
final class ReadingMeasureTests: XCTestCase {
    let wide = Size(width: 200, height: 50)
    let today = Fixtures.today

    func whole(_ screen: ScreenState, snapshot: PortalSnapshot) -> Buffer {
        var app = PortalApp(snapshot: snapshot, content: Fixtures.content, glyphs: .unicode)
        _ = app.update(.resized(wide))
        app.stack.append(screen)
        return app.view(size: wide)
    }

    /// The rows that hold `sentence`, found by its words in order; fails when it is not said whole.
    func rows(of sentence: String, in buffer: Buffer, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let words = sentence.split(separator: " ").map(String.init)
        let lines = buffer.lines
        for start in lines.indices {
            var i = 0, end = start
            while end < lines.count, i < words.count {
                let rowWords = lines[end].split(separator: " ").map(String.init)
                guard let first = rowWords.firstIndex(of: words[i]) else { break }
                var j = first
                while j < rowWords.count, i < words.count, rowWords[j] == words[i] { i += 1; j += 1 }
                end += 1
            }
            if i == words.count { return Array(lines[start..<end]) }
        }
        XCTFail("not said whole: \(sentence)\n" + lines.joined(separator: "\n"), file: file, line: line)
        return []
    }

    /// Each row ends by the measure: the screen's column 1 plus `readingMeasure`.
    func assertKeepsTheMeasure(_ rows: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(rows.count, 1, "wrapped, not on one long row", file: file, line: line)
        for row in rows {
            let used = DisplayWidth.of(String(row.reversed().drop(while: { $0 == " " }).reversed()))
            XCTAssertLessThanOrEqual(used, 1 + PortalApp.readingMeasure, row, file: file, line: line)
        }
    }

    func testTheLeaksWarningSignKeepsTheMeasure() {
        var snapshot = DiaryFixtures.bladderSnapshot
        snapshot.record.bladderEvents.append(BladderEvent(id: 8, date: today, time: TimeOfDay("11:30")!, kind: .leak, amount: .soaked, activity: .nothing))
        let screen = whole(.bladderDiary(BladderDiaryScreen(Fixtures.context(snapshot))), snapshot: snapshot)
        assertKeepsTheMeasure(rows(of: "If this could be fluid from the vagina rather than pee, it is a warning sign: fluid leaking or gushing "
            + "from the vagina. Call your provider now.", in: screen))
    }

    func testTheBowelLogsAdviceKeepsTheMeasure() {
        var snapshot = DiaryFixtures.withDiaries(Fixtures.demo)
        snapshot.record.bowelEntries.append(BowelEntry(id: 90, date: today, time: TimeOfDay("09:05")!, type: .six, leaks: [.solid], pain: 9))
        let screen = whole(.bowelLog(BowelLogScreen(Fixtures.context(snapshot))), snapshot: snapshot)
        assertKeepsTheMeasure(rows(of: "If this is new and sudden, it may be a warning sign: new numbness between your legs or around your "
            + "genitals or anus, new loss of bladder or bowel control, or new leg weakness. Call 911 now.", in: screen))
        assertKeepsTheMeasure(rows(of: "Leaking stool, or not being able to hold on until you reach a toilet, is not something you have to "
            + "live with: tell your therapist or provider.", in: screen))
    }
}
