import Foundation
import GRDB
import XCTest
@testable import PortalCore

/// QA E4: whenever a known warning-sign id is on a `portal log` or `portal signs` line, its safety message is
/// printed first, whatever else on the line is refused (score, time, date, note, an unknown second id, the
/// argument parser's own errors) or fails (a busy file); then the error, a non-zero exit, nothing written.
final class SafetyFirstTests: XCTestCase {
    private func alert(_ ids: [String]) throws -> String {
        try XCTUnwrap(SafetyRules.alert(for: ids.compactMap(sharedGuide.sign), guide: sharedGuide, date: CalendarDate("2026-11-27")!)).text
    }

    /// Each line is refused, says the signs' message first (the words of the screens), and writes nothing.
    func testTheSignsMessageComesFirstWhateverElseIsRefused() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let bytes = try Data(contentsOf: portal.db)
        let cases: [(args: [String], signs: [String], error: String)] = [
            (["log", "11", "--sign", "thoughts-of-harm"], ["thoughts-of-harm"], "is not a pain score"),
            (["log", "8", "--sign", "chest-pain", "--time", "25:00"], ["chest-pain"], "--time"),
            (["log", "8", "--sign", "chest-pain", "--note", "a\u{202E}"], ["chest-pain"], "Error"),
            (["log", "3", "--sign", "heavy-bleeding", "--date", "2026-11-28"], ["heavy-bleeding"], "in the future"),
            (["log", "8", "--sign", "chest-pain", "--sign", "foo"], ["chest-pain"], "“foo” is not a warning sign"),
            (["log", "8", "--sign=fever", "--date", "someday"], ["fever"], "is not a date"),
            (["signs", "chest-pain", "foo"], ["chest-pain"], "“foo” is not a warning sign"),
            (["signs", "fever", "--time", "25:00"], ["fever"], "--time"),
            (["signs", "fever", "chest-pain", "--list"], ["fever", "chest-pain"], "--list takes no signs"),
            // The argument parser's own refusals, before any command runs.
            (["signs", "chest-pain", "--bogus"], ["chest-pain"], "--bogus"),
            (["signs", "chest-pain", "--note", "--site"], ["chest-pain"], "reads as an option"),
            (["signs", "fever", "--date"], ["fever"], "--date"),
            (["log", "8", "--sign", "chest-pain", "--note"], ["chest-pain"], "--note"),
            (["log", "8", "--sign", "chest-pain", "--db", ""], ["chest-pain"], "Error"),
            // A note that happens to be a sign's id is a note, not a sign.
            (["signs", "fever", "--note", "chest-pain", "--bogus"], ["fever"], "--bogus"),
        ]
        for c in cases {
            let r = try portal.run(c.args)
            XCTAssertNotEqual(r.status, 0, "\(c.args)")
            XCTAssertTrue(r.stdout.hasPrefix(try alert(c.signs) + "\n"), "\(c.args): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains(c.error), "\(c.args): \(r.stderr)")
            XCTAssertFalse(r.stdout.contains("Saved"), "\(c.args)")
        }
        XCTAssertEqual(try Data(contentsOf: portal.db), bytes, "nothing written")
        // No sign on the line at all: no message (a word given as a sign that is none says what to do in an
        // emergency: testWordsThatAreNoSignStillSayWhatToDoInAnEmergencyFirst).
        for args in [["log", "11"], ["log", "3", "--note", "chest-pain", "--time", "25:00"]] {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
    }

    /// QA G8: a sign written the way a person types it ("chest pain", Chest-Pain, chest_pain, "thoughts of harm")
    /// was refused with the list of ids and no "call 911". It is the sign: its message first, saved under its id.
    func testASignTypedTheWayAPersonTypesItIsThatSign() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let cases: [(args: [String], ids: [String])] = [
            (["signs", "chest pain"], ["chest-pain"]),
            (["signs", "Chest-Pain"], ["chest-pain"]),
            (["signs", "CHEST-PAIN"], ["chest-pain"]),
            (["signs", "chest_pain"], ["chest-pain"]),
            (["signs", "thoughts of harm"], ["thoughts-of-harm"]),
            (["signs", " Thoughts_of  Harm ", "Heavy Bleeding"], ["thoughts-of-harm", "heavy-bleeding"]),
            (["log", "3", "--sign", "Chest-Pain"], ["chest-pain"]),
            (["log", "3", "--sign=chest pain"], ["chest-pain"]),
        ]
        for (i, c) in cases.enumerated() {
            let r = try portal.run(c.args + ["--time", "07:0\(i)"])
            XCTAssertEqual(r.status, 0, "\(c.args): \(r.stderr)")
            XCTAssertTrue(r.stdout.hasPrefix(try alert(c.ids) + "\n"), "\(c.args): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains(c.ids.joined(separator: ", ")), "saved under its id: \(c.args): \(r.stdout)")
        }
        // Refused for something else, the line still says the message first (the parser's refusal too).
        for args in [["signs", "Chest Pain", "--bogus"], ["log", "11", "--sign", "chest_pain"]] {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stdout.hasPrefix(try alert(["chest-pain"]) + "\n"), "\(args): \(r.stdout)")
        }
    }

    /// A saved entry: the signs' message first, then what was saved, then a high score's message.
    /// Review of QA G8: a sign in her own words that is no id of the guide ("fainting", "bleeding") printed only
    /// the refusal. What to do in an emergency now comes first, the refusal listing the signs after it.
    func testWordsThatAreNoSignStillSayWhatToDoInAnEmergencyFirst() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        for args in [["signs", "fainting"], ["log", "6", "--sign", "bleeding"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stdout.hasPrefix("If this is an emergency: Call 911 now."), "\(args): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("is not a warning sign. Use one of:"), "\(args): \(r.stderr)")
        }
    }

    func testASavedLogSaysTheSignsFirstAndTheHighPainAfter() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let r = try portal.run(["log", "9", "--sign", "chest-pain", "--time", "08:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix(try alert(["chest-pain"]) + "\n"), r.stdout)
        XCTAssertEqual(r.stdout.components(separatedBy: "Emergency:").count, 2, "said once: \(r.stdout)")
        let saved = try XCTUnwrap(r.stdout.range(of: "Saved: pain 9/10"), r.stdout)
        let high = try XCTUnwrap(r.stdout.range(of: "High pain:"), r.stdout)
        XCTAssertLessThan(saved.lowerBound, high.lowerBound)
    }

    /// The file busy in another program (a write lock held): the message first, then "busy", nothing saved.
    func testTheSignsMessageComesFirstWhenTheFileIsBusy() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let queue = try DatabaseQueue(path: portal.db.path)
        let r = try queue.inDatabase { db -> PortalRunner.Result in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try portal.run(["log", "8", "--sign", "chest-pain"])
        }
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.hasPrefix(try alert(["chest-pain"]) + "\n"), r.stdout)
        XCTAssertTrue(r.stderr.contains("busy"), r.stderr)
        XCTAssertFalse(r.stdout.contains("Saved"), r.stdout)
    }

    /// The command line says what to do and the numbers first, in the words of Home's banner (one source,
    /// `SafetyAlert.bannerBody`), then the signs: `portal log --sign`, `portal signs` and `portal today`.
    func testTheCommandLineSaysTheActionFirstAsHomeDoes() throws {
        let portal = try PortalRunner(self)
        try portal.demo()
        let guide = sharedGuide
        let alert = try XCTUnwrap(SafetyRules.alert(for: ["chest-pain", "thoughts-of-harm"].compactMap(guide.sign), guide: guide,
                                                   date: CalendarDate("2026-11-27")!))
        let banner = "Emergency: " + alert.bannerBody()
        for args in [["log", "8", "--sign", "chest-pain", "--sign", "thoughts-of-harm"], ["signs", "chest-pain", "thoughts-of-harm"], ["today"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains(banner), "\(args): \(r.stdout)")
            let first = try XCTUnwrap(r.stdout.range(of: "Emergency: "), "\(args)")
            let said = r.stdout[first.upperBound...]
            XCTAssertTrue(said.hasPrefix("Stop exercising and call 911 now."), "\(args): \(said)")
            let signs = try XCTUnwrap(said.range(of: "You reported:"), "\(args)")
            for number in ["911", "988"] {
                XCTAssertLessThan(try XCTUnwrap(said.range(of: number)).lowerBound, signs.lowerBound, "\(args): \(number) before the signs")
            }
        }
    }
}
