import Foundation
import XCTest
@testable import PortalCore

/// A note she writes may start with a dash (issue 24: `--note "- felt better"` was refused as an unknown option):
/// a dash followed by anything but a letter is the note's text, in every command that takes a note; a word that
/// reads as an option after `--note` is refused, named, and nothing is written.
extension CommandCases {
    func aNoteMayStartWithADashButNotWithAnOption() throws {
        let portal = try makePortal()
        try portal.demo()
        let log = try portal.run(["log", "3", "--note", "- felt better", "--time", "08:00"])
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.contains("Note: - felt better"), log.stdout)
        XCTAssertEqual(try portal.run(["log", "2", "--note", "-", "--time", "08:05"]).status, 0)
        let signs = try portal.run(["signs", "fever", "--time", "08:10", "--note", "-5 degrees out, shivering"])
        XCTAssertEqual(signs.status, 0, signs.stderr)
        XCTAssertEqual(try portal.run(["bladder", "leak", "--amount", "damp", "--time", "08:20", "--note", "- on the stairs"]).status, 0)
        XCTAssertEqual(try portal.run(["bowel", "4", "--time", "08:30", "--note", "- easier today"]).status, 0)
        let store = try portal.store()
        XCTAssertEqual(try store.painEntries(from: nil, to: nil).map(\.note).filter { $0.hasPrefix("-") }, ["- felt better", "-"])
        XCTAssertEqual(try store.entries(SignReport.self, from: nil, to: nil).last?.note, "-5 degrees out, shivering")
        XCTAssertEqual(try store.entries(BladderEvent.self, from: nil, to: nil).last?.note, "- on the stairs")
        XCTAssertEqual(try store.entries(BowelEntry.self, from: nil, to: nil).last?.note, "- easier today")

        // A forgotten note does not swallow the next option: refused, naming it, and nothing is written.
        let before = try portal.painCSV()
        for args in [["log", "3", "--note", "--site", "low-back"], ["log", "3", "--note", "-h"]] {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("The value '\(args[3])' is invalid for '--note <note>'"), r.stderr)
            XCTAssertTrue(r.stderr.contains("reads as an option"), r.stderr)
            XCTAssertTrue(r.stdout.isEmpty, r.stdout)
        }
        XCTAssertEqual(try portal.painCSV(), before)
    }
}

extension CommandCases {
    /// `--name`, `--therapist`, `--clinic` and `--where` are text as `--note` is (`TextOption`): a clinic named
    /// "-Rehab" or a place "- room 2" is kept as written; a word that is an option in form is refused, naming it.
    func namesClinicsAndPlacesMayStartWithADashButNotWithAnOption() throws {
        let portal = try makePortal()
        try portal.demo()
        let therapistBefore = try XCTUnwrap(try portal.store().patient()).therapist
        if portal.clinic != nil {
            // In a clinic her therapist goes by the clinic's name for her (change 26): --therapist is refused.
            let refused = try portal.run(["profile", "--name", "-Ann", "--therapist", "- Dr Lee"])
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains("In a clinic your therapist's name is the one your clinic keeps"), refused.stderr)
            XCTAssertNotEqual(try portal.store().patient()?.name, "-Ann", "nothing was changed")
        }
        let profile = try portal.run(["profile", "--name", "-Ann", "--clinic", "-Rehab, 2 Main St"] + (portal.clinic == nil ? ["--therapist", "- Dr Lee"] : []))
        XCTAssertEqual(profile.status, 0, profile.stderr)
        let patient = try XCTUnwrap(try portal.store().patient())
        XCTAssertEqual([patient.name, patient.clinic, patient.therapist], ["-Ann", "-Rehab, 2 Main St", portal.clinic == nil ? "- Dr Lee" : therapistBefore])
        let book = try portal.runAsTherapist(["visits", "book", "4", "2026-12-03", "10:15", "--in-person", "--where", "- room 2"])
        XCTAssertEqual(book.status, 0, book.stderr)
        XCTAssertEqual(try portal.store().carePlan()?.visits.first { $0.number == 4 }?.location, "- room 2")

        // A forgotten value does not swallow the next option: refused, naming it, and nothing is written.
        let before = try portal.run(["export", "--format", "json"]).stdout
        let cases: [([String], String, String)] = [
            (["profile", "--name", "--due", "2027-01-10"], "--due", "--name <name>"),
            (["profile", "--clinic", "-h"], "-h", "--clinic <clinic>"),
            (["profile", "--therapist", "--clinic=x"], "--clinic=x", "--therapist <therapist>"),
        ]
        for (args, word, option) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("The value '\(word)' is invalid for '\(option)'"), r.stderr)
            XCTAssertTrue(r.stderr.contains("reads as an option"), r.stderr)
        }
        let where_ = try portal.runAsTherapist(["visits", "book", "4", "2026-12-03", "10:15", "--where", "--virtual"])
        XCTAssertNotEqual(where_.status, 0)
        XCTAssertTrue(where_.stderr.contains("The value '--virtual' is invalid for '--where <where>'"), where_.stderr)
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before)
    }
}
