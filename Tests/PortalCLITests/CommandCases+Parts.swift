import Foundation
import PortalCore
import XCTest

/// Issue 19, point 4: pain, her notes and the warning signs are three choices. Leaving out the pain keeps the
/// notes and signs she kept, in every kind of file, and each part left out is named.
extension CommandCases {
    func leavingOutThePainKeepsHerNotesAndWarningSigns() throws {
        let portal = try makePortal()
        try portal.demo()
        let note = "Ankles puffy after the walk"
        let sign = try XCTUnwrap(sharedGuide.sign("leg-swelling")).text
        let log = try portal.run(["log", "4", "--sign", "leg-swelling", "--note", note, "--time", "08:10"])
        XCTAssertEqual(log.status, 0, log.stderr)

        for format in ["text", "markdown", "html"] {
            let kept = try portal.run(["report", "--format", format, "--exclude", "pain"])
            XCTAssertEqual(kept.status, 0, kept.stderr)
            let text = format == "html" ? kept.stdout.replacingOccurrences(of: "&#39;", with: "'") : kept.stdout
            XCTAssertTrue(text.contains(note), "\(format): her note stays: \(text)")
            XCTAssertTrue(text.contains(sign), "\(format): the sign stays")
            XCTAssertTrue(text.contains("Left out by the patient: pain entries."), "\(format): the pain is named as left out")
            XCTAssertFalse(text.contains("pain 4"), "\(format): no score")
            XCTAssertFalse(text.contains("Days with pain of 8"), format)

            let onlySigns = try portal.run(["report", "--format", format, "--exclude", "pain,notes"]).stdout
            XCTAssertTrue(onlySigns.contains(sign), format)
            XCTAssertFalse(onlySigns.contains(note), format)
            XCTAssertTrue(onlySigns.contains("Left out by the patient: pain entries, your notes."), format)
            let onlyNotes = try portal.run(["report", "--format", format, "--exclude", "pain", "--exclude", "warning-signs"]).stdout
            XCTAssertTrue(onlyNotes.contains(note), format)
            XCTAssertFalse(onlyNotes.contains(sign), format)
        }

        let csv = try portal.run(["export", "--format", "csv", "--exclude", "pain"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.contains("\(portal.today),08:10,,,,\(note),leg-swelling\r\n"), "a row without the score: \(csv.stdout)")
        XCTAssertFalse(csv.stdout.split(separator: "\r\n").dropFirst().contains { $0.split(separator: ",", omittingEmptySubsequences: false)[2] != "" },
                       "no row has a score")

        let json = try portal.run(["export", "--format", "json", "--exclude", "pain"]).stdout
        let doc = try JSONDecoder().decode(Exporter.Document.self, from: Data(json.utf8))
        XCTAssertEqual(doc.painEntries.count, 0)
        XCTAssertTrue(json.contains(note))
        XCTAssertTrue(json.contains("\"leg-swelling\""))
        XCTAssertFalse(json.contains("\"score\""))

        let (path, fhir) = try portal.export(["export", "--format", "fhir", "--exclude", "pain"], name: "nopain.json")
        XCTAssertFalse(fhir.contains("72514-3"), "no pain score in it")
        let summary = try validate("fhir", path)
        let unscored = summary["withoutPain"] as? [[String: Any]] ?? []
        let entry = unscored.first { ($0["note"] as? String) == note }
        XCTAssertEqual(entry?["signs"] as? [String], [sign])
        // Without the notes either, the sign is all that is left of the entry.
        let bare = try portal.export(["export", "--format", "fhir", "--exclude", "pain,notes"], name: "signs.json").text
        XCTAssertFalse(bare.contains(note))
        XCTAssertTrue(bare.contains(sign))
    }
}
