import GRDB
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The SQLite file itself: permissions, WAL, refusing foreign, damaged and newer files, two processes on one
/// file, the schema's own CHECKs. What every store must do is in `StoreContract`.
final class StoreTests: XCTestCase {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func testANewDatabaseIsPrivateAndMigrated() throws {
        let folder = try makeTempFolder(self).appendingPathComponent("new/portal")
        let url = folder.appendingPathComponent("portal.sqlite")
        let store = try SQLiteStore.open(url: url)
        XCTAssertTrue(try store.isEmpty())
        XCTAssertEqual(try mode(url.path), 0o600)
        XCTAssertEqual(try mode(folder.path), 0o700)
        let (journal, appID, sync) = try store.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        XCTAssertEqual(journal, "wal")
        XCTAssertEqual(appID, Schema.applicationID)
        XCTAssertEqual(sync, 2, "synchronous = FULL")
        // The connection that commits is the one that counts: GRDB's pool sets NORMAL on its writer as it opens.
        let writerSync = try store.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(writerSync, 2, "synchronous = FULL on the writing connection")
    }

    func testAnExistingFileIsWrittenWithSynchronousFull() throws {
        let (store, url) = try makeStore(self)
        try store.writer.close()
        let reopened = try SQLiteStore.open(url: url, mode: .existingOnly, check: .header)
        XCTAssertEqual(try reopened.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }, 2)
    }

    func testDataSurvivesReopening() throws {
        let (store, url) = try makeStore(self)
        let saved = try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:15"), score: 4,
                                                     sites: [SiteSide(.hipSide, .left), SiteSide(.lowBack)],
                                                     triggers: [.stairs], note: "Réveil difficile 😴"), now: at("2026-11-27T12:00"))
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-20"), today: day("2026-11-27"))
        let reopened = try SQLiteStore.open(url: url)
        XCTAssertEqual(try reopened.painEntries(), [saved])
        XCTAssertEqual(try reopened.sessions().map(\.exerciseID), ["clamshell"])
        XCTAssertEqual(try reopened.patient()?.conditions, [.hipPiriformis])
        XCTAssertEqual(try reopened.carePlan()?.visits.count, 6)
    }

    func testTheSchemaRefusesWhatTheDomainForbids() throws {
        let (store, _) = try makeStore(self)
        let bad = [
            "INSERT INTO pain_entry (date, time, score) VALUES ('2026-11-01', '08:00', 11)",
            "INSERT INTO pain_entry (date, time, score) VALUES ('2026-11-01', '08:00', 4.5)",
            "INSERT INTO pain_entry (date, time, score) VALUES ('2026-02-30', '08:00', 4)",
            "INSERT INTO pain_entry (date, time, score) VALUES ('2026-11-01', '25:00', 4)",
            "INSERT INTO visit (number, kind, status, duration_minutes, mode) VALUES (7, 'follow-up', 'to-schedule', 45, 'virtual')",
            "UPDATE visit SET status = 'booked', starts_at = NULL WHERE number = 2",
            "INSERT INTO pain_site (entry_id, site, side) VALUES (999, 'buttock', 'left')",
            "INSERT INTO prescription (week, position, exercise_id, sets, reps, hold_seconds, rest_seconds, times_per_day, days_per_week, side) VALUES (1, 9, 'x', 0, 10, 0, 30, 1, 7, 'none')",
            "INSERT INTO exercise_session (date, week, exercise_id, sets_done) VALUES ('2026-11-03', 1, 'glute-bridge', 2)",
        ]
        for sql in bad {
            XCTAssertThrowsError(try store.writer.write { try $0.execute(sql: sql) }, sql)
        }
    }

    func testACompletedVisitKeepsItsDate() throws {
        let (store, _) = try makeStore(self)
        var v = try XCTUnwrap(try store.carePlan()?.visits.first)
        v.status = .completed
        v.notes = "Went well"
        try store.saveVisit(v)
        v.start = at("2026-11-05T09:00")
        XCTAssertThrowsError(try store.saveVisit(v))
        XCTAssertThrowsError(try store.writer.write { try $0.execute(sql: "UPDATE visit SET starts_at = '2026-11-05T09:00' WHERE number = 1") })
        XCTAssertEqual(try store.carePlan()?.visits.first?.start, at("2026-11-02T09:00"))
        XCTAssertEqual(try store.carePlan()?.visits.first?.notes, "Went well")
    }

    func testTwoConnectionsWritingAtOnceBothSucceed() throws {
        let (_, url) = try makeStore(self)
        let a = try SQLiteStore.open(url: url)
        let b = try SQLiteStore.open(url: url)
        let now = at("2026-11-27T12:00")
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = i == 0 ? a : b
            for n in 0..<50 {
                do {
                    try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11, note: "writer \(i)"), now: now)
                } catch {
                    failures.increment()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try a.painEntries().count, 100)
        XCTAssertEqual(try b.painEntries().filter { $0.note == "writer 1" }.count, 50)
    }

    func testAForeignSQLiteFileIsRefusedAndLeftUnchanged() throws {
        let url = try makeTempFolder(self).appendingPathComponent("other.sqlite")
        let other = try DatabaseQueue(path: url.path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')") }
        try other.close()
        let before = try sha(url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url)) { XCTAssertEqual($0 as? PortalError, .notAPortalDatabase(path: url.path)) }
        XCTAssertEqual(try sha(url), before)
    }

    func testATextFileIsRefusedAndLeftUnchanged() throws {
        let url = try makeTempFolder(self).appendingPathComponent("notes.txt")
        try Data("my grocery list\n".utf8).write(to: url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url)) { XCTAssertEqual($0 as? PortalError, .notAPortalDatabase(path: url.path)) }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "my grocery list\n")
    }

    /// QA E16: `--db /dev/null` as root made the machine's /dev/null private (0600) and left a journal in /dev.
    /// A pipe stands in for the device here (no root needed): refused before its mode changes or a file appears.
    func testSomethingThatIsNotAFileIsRefusedBeforeAnythingChanges() throws {
        let folder = try makeTempFolder(self)
        let url = folder.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(url.path, 0o666), 0)
        chmod(url.path, 0o666)
        for mode in [SQLiteStore.OpenMode.createIfMissing, .existingOnly] {
            XCTAssertThrowsError(try SQLiteStore.open(url: url, mode: mode)) { error in
                guard case .invalidInput(let field, let message)? = error as? PortalError else { return XCTFail("\(error)") }
                XCTAssertEqual(field, .databasePath)
                XCTAssertTrue(message.contains("is not a file"), message)
            }
        }
        var st = stat()
        XCTAssertEqual(stat(url.path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o666, "its mode is as it was")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["pipe"], "nothing made beside it")
    }

    func testADamagedFileIsRefusedAndLeftUnchanged() throws {
        let (store, url) = try makeStore(self)
        for n in 0..<200 { try store.addPainEntry(PainEntry(date: day("2026-11-20"), time: time("08:00"), score: n % 11, note: String(repeating: "x", count: 200)), now: at("2026-11-27T12:00")) }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        var bytes = try Data(contentsOf: url)
        // Overwrite the middle pages with garbage, keeping the header so it still looks like SQLite.
        for i in stride(from: 4096, to: min(bytes.count, 40960), by: 1) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try bytes.write(to: url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url)) { error in
            guard case .corruptDatabase = error as? PortalError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try Data(contentsOf: url), bytes)
    }

    func testANewerSchemaIsRefusedAndLeftUnchanged() throws {
        let (store, url) = try makeStore(self)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        let before = try sha(url)
        XCTAssertThrowsError(try SQLiteStore.open(url: url)) { XCTAssertEqual($0 as? PortalError, .newerDatabase(path: url.path)) }
        XCTAssertEqual(try sha(url), before)
    }

    func testOpeningAnExistingOnlyDatabaseCreatesNothing() throws {
        let folder = try makeTempFolder(self)
        let url = folder.appendingPathComponent("no/such/dir/x.sqlite")
        XCTAssertThrowsError(try SQLiteStore.open(url: url, mode: .existingOnly)) {
            XCTAssertEqual($0 as? PortalError, .noDatabase(path: url.path))
            XCTAssertEqual("\($0)", "There is no portal database at \(url.path) yet.", "PortalCore names no command; the command line adds its hint")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no folder, no file")
        // An empty file is not a portal database yet either; it stays empty.
        let empty = folder.appendingPathComponent("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        XCTAssertThrowsError(try SQLiteStore.open(url: empty, mode: .existingOnly)) { XCTAssertEqual($0 as? PortalError, .noDatabase(path: empty.path)) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["empty.sqlite"])
        XCTAssertEqual(try Data(contentsOf: empty), Data())
        // The default mode still creates.
        XCTAssertNoThrow(try SQLiteStore.open(url: url))
        XCTAssertNoThrow(try SQLiteStore.open(url: url, mode: .existingOnly))
    }

    func testARefusedFileGetsNoNewSideFiles() throws {
        let (store, url) = try makeStore(self)
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.writer.close()
        let folder = url.deletingLastPathComponent()
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(before, ["portal.sqlite"], "closing the last connection removed the -wal and -shm")
        for mode in [SQLiteStore.OpenMode.createIfMissing, .existingOnly] {
            XCTAssertThrowsError(try SQLiteStore.open(url: url, mode: mode)) { XCTAssertEqual($0 as? PortalError, .newerDatabase(path: url.path)) }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), before, "the folder is exactly as it was")
        }
    }

}

/// Issue 7, point 14: warning signs saved without a pain score.
final class SignReportStoreTests: XCTestCase {
    func testSignReportsAreSavedReadBackAndReachTheSnapshot() throws {
        let (store, url) = try makeStore(self)
        let guide = sharedContent.safety
        let now = at("2026-11-27T12:00")
        let saved = try store.add(SignReport(date: day("2026-11-27"), time: time("09:30"), signs: ["fever", "fever", "dizziness"], note: "hot"),
                                            rules: EntryRules(now: now, content: sharedContent))
        XCTAssertNotNil(saved.id)
        XCTAssertEqual(try store.signReports(), [saved])
        XCTAssertEqual(saved.signs, ["fever", "dizziness"])
        XCTAssertEqual(try store.signReports(from: day("2026-11-28"), to: nil), [])
        let before = try sha(url)
        XCTAssertThrowsError(try store.add(SignReport(date: day("2026-11-27"), time: time("09:30"), signs: ["nope"]), rules: EntryRules(now: now, content: sharedContent)))
        XCTAssertEqual(try sha(url), before)
        let snapshot = try PortalSnapshot.load(from: store, clock: PortalClock(today: now.date, time: now.time))
        XCTAssertEqual(snapshot.signReports, [saved])
        XCTAssertEqual(snapshot.safetyAlerts(guide: guide).first?.level, .provider)
    }
}
