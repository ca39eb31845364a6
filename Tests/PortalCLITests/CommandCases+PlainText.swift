import Foundation
import GRDB
@testable import PortalClinic
import XCTest
@testable import PortalCore

/// Text with control characters: refused on the way in, and never printed however it got in.
extension CommandCases {
    func controlCharactersAreRefusedAndNeverPrinted() throws {
        let portal = try makePortal()
        try portal.demoWithVisit3Ahead()
        let before = try portal.run(["export", "--format", "json"]).stdout
        var week = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try portal.run(["program", "template"]).stdout.utf8)) as? [String: Any])
        week["week"] = 5
        week["starts"] = "2026-12-01"
        var prescriptions = try XCTUnwrap(week["prescriptions"] as? [[String: Any]])
        _ = try prescriptions.item(2)
        prescriptions[2]["note"] = "\u{1B}]0;PWNED\u{07}\u{1B}[2J"
        week["prescriptions"] = prescriptions
        let file = portal.folder.appendingPathComponent("week5.json")
        try JSONSerialization.data(withJSONObject: week).write(to: file)
        let refused: [([String], String)] = [
            (["program", "import", file.path], "Error: prescriptions[2].note contains control characters (ESC); use plain text.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--where", "Room\u{1B}[31m"], "Error: The location contains control characters (ESC); use plain text.\n"),
            (["visits", "book", "4", "2026-12-10", "14:00", "--where", String(repeating: "x", count: 5000)], "Error: The location is 5000 characters; at most 300 fit.\n"),
            (["visits", "complete", "2", "--notes", "Fine\r\u{07}"], "Error: The notes field contains control characters (CR); use plain text.\n"),
            (["visits", "complete", "2", "--notes", String(repeating: "x", count: 2001)], "Error: The notes field is 2001 characters; at most 2000 fit.\n"),
            (["log", "3", "--note", "ok\u{9B}2J"], "Error: The note contains control characters (U+009B); use plain text.\n"),
        ]
        for (args, message) in refused {
            // A week and a visit's notes are her care team's to write (in a clinic her therapist's).
            let r = try ["import", "complete"].contains(args[1]) ? portal.runAsCareTeam(args) : portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stderr, message, "\(args)")
        }
        // qa-e E9, E20: a tab anywhere, a line separator in a one-line field, a name of Hangul fillers: refused,
        // naming what is wrong, and nothing written.
        let named: [([String], String)] = [
            (["profile", "--name", "Jo\tLee"], "The name contains a tab (TAB); use spaces instead."),
            (["profile", "--name", "\u{3164}"], "Please enter a name."),
            (["questions", "add", "first\u{2028}second\u{2029}third"], "The question must fit on one line."),
            (["log", "2", "--note", "a\tb"], "The note contains a tab (TAB); use spaces instead."),
            (["visits", "book", "4", "2026-12-10", "14:00", "--in-person", "--where", "Main St\t4"], "The location contains a tab (TAB)"),
        ]
        for (args, says) in named {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains(says), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was written")

        // Text that reached the store some other way (an older portal, another program) is printed without its
        // control characters.
        if let clinic = portal.clinic {
            // As the clinic's administrator, past every rule the portal applies.
            let admin = try PGConnection(clinic.cluster.conninfo("postgres"))
            let mine = "patient_id = (SELECT patient_id FROM patient_account WHERE role_name = $1)"
            for statement in [
                "UPDATE program_week SET note = 'Halfway' || chr(27) || ']0;PWNED' || chr(7) || chr(27) || '[2J' WHERE number = 4 AND \(mine)",
                "UPDATE prescription SET note = 'Slow' || chr(27) || '[31m' || chr(13) WHERE week = 4 AND \(mine)",
                "UPDATE visit SET location = 'Room' || chr(27) || '[31m', focus = 'F' || chr(7), notes = 'N' || chr(155) || '2J' WHERE \(mine)",
                "UPDATE pain_entry SET note = 'P' || chr(27) || '[2J' WHERE date = '2026-11-27' AND \(mine)",
                "UPDATE patient SET name = 'Jordan' || chr(27) || '[2J Lee' WHERE \(mine)",
            ] {
                // Rows from before the server's own checks (clinic change 21's text CHECKs are NOT VALID: rows
                // written earlier stay as they were): each check is set aside for the write and put back.
                let checks = try admin.query("""
                    SELECT conrelid::regclass::text AS t, conname::text AS c, pg_get_constraintdef(oid) AS d FROM pg_constraint
                    WHERE contype = 'c' AND conname LIKE '%\\_plain'
                    """).rows.map { (try $0.text("t"), try $0.text("c"), try $0.text("d")) }
                for (t, c, _) in checks { try admin.execute("ALTER TABLE \(t) DROP CONSTRAINT \(c)") }
                try admin.execute(statement, [clinic.patient])
                for (t, c, d) in checks { try admin.execute("ALTER TABLE \(t) ADD CONSTRAINT \(c) \(d)") }
            }
        } else {
            let store = try SQLiteStore.open(url: portal.db)
            try store.writer.write { db in
                try db.execute(sql: "UPDATE program_week SET note = 'Halfway' || char(27) || ']0;PWNED' || char(7) || char(27) || '[2J' WHERE number = 4")
                try db.execute(sql: "UPDATE prescription SET note = 'Slow' || char(27) || '[31m' || char(13) WHERE week = 4")
                try db.execute(sql: "UPDATE visit SET location = 'Room' || char(27) || '[31m', focus = 'F' || char(7), notes = 'N' || char(155) || '2J'")
                try db.execute(sql: "UPDATE pain_entry SET note = 'P' || char(27) || '[2J' WHERE date = '2026-11-27'")
                try db.execute(sql: "UPDATE patient SET name = 'Jordan' || char(27) || '[2J Lee'")
            }
        }
        for args in [["exercises"], ["visits"], ["today"]] {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.unicodeScalars.contains { PlainText.isControl($0) }, "\(args) printed a control character: \(r.stdout.debugDescription)")
        }
        XCTAssertTrue(try portal.run(["exercises"]).stdout.contains("About this week: Halfway]0;PWNED[2J"))
        XCTAssertTrue(try portal.run(["visits"]).stdout.contains("Link: Room[31m"))
        XCTAssertTrue(try portal.run(["today"]).stdout.contains("Jordan[2J Lee"))
    }
}
