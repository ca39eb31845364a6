import ArgumentParser
import Foundation
@testable import portal
import XCTest

/// SafetyFirst finds the signs on a line the parser refused by knowing which options take a value. It asked
/// swift-argument-parser's underscored `_dumpHelp()` (no promise kept across versions: an update could have
/// silently taken "call 911" off such lines); it now asks the commands' own parsers through their public `parse`.
final class SafetyFirstParserTests: XCTestCase {
    func testEachOptionOfLogAndSignsIsReadAsItsParserReadsIt() {
        let valued = ["--site", "--trigger", "--sign", "--note", "--date", "--time", "--db", "--patient"]
        for option in valued {
            XCTAssertTrue(SafetyFirst.takesAValue(option, LogCommand.self), "log \(option)")
        }
        for option in ["--note", "--date", "--time", "--db", "--patient"] {
            XCTAssertTrue(SafetyFirst.takesAValue(option, SignsCommand.self), "signs \(option)")
        }
        for option in ["--list", "--help", "-h", "--bogus"] {
            XCTAssertFalse(SafetyFirst.takesAValue(option, SignsCommand.self), "signs \(option)")
        }
        for option in ["--help", "-h", "--bogus", "--list", "--sign-off"] {
            XCTAssertFalse(SafetyFirst.takesAValue(option, LogCommand.self), "log \(option)")
        }
        // Read through it, the lines the parser refuses still give their signs, and an option's value is no sign.
        XCTAssertEqual(SafetyFirst.ids(inUnparsed: ["portal", "signs", "fever", "--note", "chest-pain", "--bogus"]), ["fever"])
        XCTAssertEqual(SafetyFirst.ids(inUnparsed: ["portal", "signs", "--list", "fever", "--date"]), ["fever"])
        XCTAssertEqual(SafetyFirst.ids(inUnparsed: ["portal", "log", "8", "--note", "x", "--sign", "chest-pain", "--bogus"]), ["chest-pain"])
        XCTAssertEqual(SafetyFirst.ids(inUnparsed: ["portal", "log", "8", "--sign=fever", "--time"]), ["fever"])
    }

    /// No source of the portal calls swift-argument-parser's underscored API (`_dumpHelp()`, `_errorLabel`…),
    /// which the package keeps public for its own tools and may change in any release.
    func testThePortalUsesOnlyTheArgumentParsersPublicAPI() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.allObjects as? [URL])
        let underscored = try NSRegularExpression(pattern: #"\._(dumpHelp|errorLabel|errorPrefix|commandName|helpMessage|[a-z][A-Za-z]*Help)\b"#)
        var checked = 0
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains("import ArgumentParser") else { continue }
            checked += 1
            let found = underscored.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
            XCTAssertEqual(found, [], file.lastPathComponent)
        }
        XCTAssertGreaterThan(checked, 10, "the command files were read")
    }
}
