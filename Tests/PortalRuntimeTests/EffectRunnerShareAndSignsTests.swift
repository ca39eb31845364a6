import Foundation
import PortalCore
import PortalRuntime
import PortalUI
import XCTest

/// The two effects added with the Share screen and the warning-signs check, carried out for real.
final class EffectRunnerShareAndSignsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-share-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func sharing(_ store: any RecordStore) -> EffectRunner {
        EffectRunner(store: store, content: content, shareFolder: folder, clock: { noon })
    }

    func testShareWritesAPrivateFileAndReplacesItOnlyWhenAsked() throws {
        let store = try demoStore()
        let request = ShareRequest(format: .ics, sections: Set(ExportSection.allCases), fileName: "visits.ics", overwrite: false)
        let path = folder.appendingPathComponent("visits.ics").path
        let first = Answer(sharing(store).perform(.share(request)), on: store)
        XCTAssertEqual(first.saved, .file(path: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR"), text)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)

        try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
        let again = Answer(sharing(store).perform(.share(request)), on: store)
        XCTAssertEqual(again.failed?.1.field, .exportFile, "an existing file is kept unless she asks")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "mine")

        var replace = request
        replace.overwrite = true
        XCTAssertEqual(Answer(sharing(store).perform(.share(replace)), on: store).saved, .file(path: path))
        XCTAssertNotEqual(try String(contentsOfFile: path, encoding: .utf8), "mine")
    }

    func testShareWithoutAFolderFailsAndWritesNothing() throws {
        let store = try demoStore()
        let request = ShareRequest(format: .json, sections: [.pain], fileName: "all.json", overwrite: false)
        let answer = Answer(runner(store).perform(.share(request)), on: store)
        XCTAssertNotNil(answer.failed)
        XCTAssertNil(answer.completed)
    }

    func testSaveSignsCarriesBackTheReportAndTheBanner() throws {
        let store = try demoStore()
        let report = SignReport(date: today, time: TimeOfDay(hour: 11, minute: 30)!, signs: ["thoughts-of-harm", "thoughts-of-harm"])
        let answer = Answer(runner(store).perform(.saveSigns(report)), on: store)
        guard case .signReport(let saved)? = answer.saved else { return XCTFail("\(String(describing: answer.saved))") }
        XCTAssertNotNil(saved.id)
        XCTAssertEqual(saved.signs, ["thoughts-of-harm"])
        XCTAssertEqual(answer.snapshot?.safetyAlerts(guide: content.safety).first?.level, .emergency)
    }

    func testAnUnknownSignIsRefusedWithNothingSaved() throws {
        let store = try demoStore()
        let report = SignReport(date: today, time: TimeOfDay(hour: 11, minute: 30)!, signs: ["made-up"])
        let answer = Answer(runner(store).perform(.saveSigns(report)), on: store)
        XCTAssertNotNil(answer.failed)
        XCTAssertEqual(try store.signReports(), [])
    }
}
