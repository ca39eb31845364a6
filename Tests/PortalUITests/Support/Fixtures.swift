import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// What every screen test stands on, in one place: the shipped content, the demo patient on a pinned day
/// (Fri 27 Nov 2026) read back from a real store (SQLite in memory, as the portal reads its file), at noon unless
/// a test asks for another time, contexts, the app after some keys, and drawing helpers.
enum Fixtures {
    static let content: ContentLibrary = try! ContentLibrary.bundled()
    static let today = CalendarDate("2026-11-27")!
    static let noon = TimeOfDay(hour: 12, minute: 0)!
    static let clock = PortalClock(today: today, time: noon)

    /// The demo at noon, loaded once; tests that only read share it, and change copies for the unusual cases.
    static let demo: PortalSnapshot = try! snapshot(at: noon)
    /// An empty database: no patient, so the app opens on the Welcome screen.
    static let empty: PortalSnapshot = try! snapshot(at: noon, fill: { _ in })

    /// A fresh store in memory, filled by `fill` (by default the demo with visit 3 booked for next week, the
    /// plan these screens' tests were written for; the newcomer's demo with a late visit has tests of its own).
    static func store(_ fill: (SQLiteStore) throws -> Void = { try DemoPatient(content: content, today: today, lateVisit: false).load(into: $0) })
        throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try fill(store)
        return store
    }

    /// The demo read back at `time` on the pinned day (or an empty database with `fill: { _ in }`).
    static func snapshot(at time: TimeOfDay, fill: ((SQLiteStore) throws -> Void)? = nil) throws -> PortalSnapshot {
        let store = try fill.map { try self.store($0) } ?? self.store()
        return try PortalSnapshot.load(from: store, clock: PortalClock(today: today, time: time))
    }

    /// The demo at another time or on another day (the data is the same; only "now" moves).
    static func demo(at time: TimeOfDay, on day: CalendarDate = today) -> PortalSnapshot {
        var s = demo
        s.clock = PortalClock(today: day, time: time)
        return s
    }

    /// The demo with the program's sessions replaced (to set up exactly what is done today).
    static func snapshot(sessions: [ExerciseSession], from base: PortalSnapshot = demo) -> PortalSnapshot {
        var s = base
        s.sessions = sessions
        return s
    }

    /// A whole session of `id` (every prescribed set: fewer would be partial, not done).
    static func session(_ id: String, on day: CalendarDate = today, week: Int = 4) -> ExerciseSession {
        ExerciseSession(date: day, exerciseID: id, week: week,
                        setsDone: demo.program.week(number: week)?.prescription(for: id)?.dose.sets ?? 1)
    }

    static func context(_ snapshot: PortalSnapshot = demo, glyphs: Glyphs = .unicode) -> ScreenContext {
        ScreenContext(snapshot: snapshot, content: content, glyphs: glyphs)
    }

    /// The whole app on `snapshot` after pressing `keys`.
    static func app(_ snapshot: PortalSnapshot = demo, keys: [Key] = [], glyphs: Glyphs = .unicode, viewer: Viewer = .patient) -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs, viewer: viewer)
        for key in keys { _ = app.update(.key(key)) }
        return app
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.character($0) } }

    // MARK: Drawing

    /// Draws `screen` alone into a `width`×`height` buffer, in `area` (the whole buffer by default).
    static func draw(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int, height: Int, area: Rect? = nil) -> Buffer {
        var buffer = Buffer(size: Size(width: width, height: height))
        screen.view(ctx, into: &buffer, area: area ?? buffer.area)
        return buffer
    }

    /// The area PortalApp gives a screen in a terminal of `width`×`height` without a message line.
    static func screenArea(width: Int, height: Int) -> Rect {
        Rect(x: 1, y: 2, width: width - 2, height: height - 3)
    }

    /// Draws `screen` alone where the app would put it in a `width`×`height` terminal (`screenArea`).
    static func drawInScreenArea(_ screen: some PortalScreen, _ ctx: ScreenContext, width: Int = 80, height: Int = 24) -> Buffer {
        draw(screen, ctx, width: width, height: height, area: screenArea(width: width, height: height))
    }

    /// The sizes `assertStaysInside` draws at: a few tiny areas, then from just under the minimum up to a large window.
    static let sizes: [(Int, Int)] = {
        var sizes: [(Int, Int)] = [(0, 0), (1, 1), (5, 2), (5, 3), (20, 4), (20, 6), (40, 8), (40, 10), (78, 21), (150, 50)]
        for w in stride(from: 58, through: 120, by: 7) {
            for h in stride(from: 11, through: 40, by: 3) { sizes.append((w, h)) }
        }
        return sizes
    }()

    /// Draws `screen` into the middle of a larger buffer at each size: it must never draw outside its area.
    static func assertStaysInside(_ screen: some PortalScreen, _ ctx: ScreenContext, sizes: [(Int, Int)] = sizes,
                                  file: StaticString = #filePath, line: UInt = #line) {
        for (w, h) in sizes {
            var buffer = Buffer(size: Size(width: w + 4, height: h + 4))
            screen.view(ctx, into: &buffer, area: Rect(x: 2, y: 2, width: w, height: h))
            for y in 0..<buffer.size.height {
                for x in 0..<buffer.size.width where !(x >= 2 && x < 2 + w && y >= 2 && y < 2 + h) && buffer[x, y] != .blank {
                    XCTFail("\(type(of: screen)) drew outside \(w)x\(h) at (\(x),\(y))", file: file, line: line)
                    return
                }
            }
        }
    }

    /// The first row of `buffer` containing `text`.
    static func row(_ buffer: Buffer, containing text: String) -> Int? { buffer.lines.firstIndex { $0.contains(text) } }

    /// The style of the first cell of `text` where it first appears in `buffer`.
    static func style(of text: String, in buffer: Buffer) -> Style? {
        guard let y = row(buffer, containing: text), let range = buffer.line(y).range(of: text) else { return nil }
        let x = DisplayWidth.of(String(buffer.line(y)[..<range.lowerBound]))
        return buffer[x, y].style
    }

    // MARK: The therapist's

    /// The demo with a warning sign reported yesterday evening and one this morning, written in that order (places
    /// 1000 and 1001, after the demo's own), the first reviewed by her therapist at 09:00 today: what the patient's
    /// screens say of a review.
    static let reviewedDemo: PortalSnapshot = {
        var s = demo
        s.signReports.append(SignReport(id: 900, date: today.adding(days: -1), time: TimeOfDay(hour: 20, minute: 0)!, signs: ["vaginal-bleeding"]))
        s.signReports.append(SignReport(id: 901, date: today, time: TimeOfDay(hour: 10, minute: 0)!, signs: ["fever"]))
        s.record.signsEntered.signReports[900] = 1000
        s.record.signsEntered.signReports[901] = 1001
        s.record.signReviews = [SignReview(id: 1, reviewedAt: LocalDateTime(date: today, time: TimeOfDay(hour: 9, minute: 0)!),
                                           through: LocalDateTime(date: today.adding(days: -1), time: TimeOfDay(hour: 20, minute: 0)!),
                                           enteredThrough: 1000, reviewer: therapist)]
        return s
    }()

    static let therapist = "maria"

    /// The records of a small caseload: Jordan (the demo, with a warning sign reported yesterday), Ana (the demo
    /// as it was on 15 Nov, quiet since) and Cai (the demo as it is, nothing to look at); Bea has a login and no
    /// record yet.
    static let charts: [String: PortalSnapshot] = {
        var jordan = demo
        jordan.signReports.append(SignReport(id: 900, date: today.adding(days: -1), time: TimeOfDay(hour: 20, minute: 0)!, signs: ["vaginal-bleeding"]))
        jordan.record.signsEntered.signReports[900] = 1000
        var ana = try! PortalSnapshot.load(from: try! store { try DemoPatient(content: content, today: CalendarDate("2026-11-15")!, lateVisit: false).load(into: $0) },
                                           clock: clock)
        ana.patient?.name = "Ana Lima"
        var cai = demo
        cai.patient?.name = "Cai Moreno"
        return ["jordan": jordan, "ana": ana, "cai": cai, "bea": empty]
    }()

    /// The caseload of those records, by the one rule (`CaseloadRow`), in its order.
    static let caseload: [CaseloadRow] = CaseloadRow.ordered(charts.map { CaseloadRow(login: $0.key, snapshot: $0.value, guide: content.safety) })

    /// The therapist's portal on her caseload after `keys`, each read answered as the runtime will
    /// (`answerTherapist`): Enter on a patient opens her chart from `charts`.
    static func therapistApp(keys: [Key] = [], glyphs: Glyphs = .unicode, size: Size? = nil,
                             charts: [String: PortalSnapshot] = charts) -> PortalApp {
        var app = PortalApp(therapist: therapist, caseload: caseload, clock: clock, content: content, glyphs: glyphs)
        if let size { _ = app.update(.resized(size)) }
        for key in keys { answerTherapist(app.update(.key(key)), on: &app, charts: charts) }
        return app
    }

    /// The demo's report as her therapist makes it (the runtime's `.makeReport`, from a store holding the demo).
    static let demoReport: TherapistReport = {
        let data = try! ExportData.load(from: try! store(), content: content, today: today)
        return try! TherapistReport(data: data, period: .lastDays(28), madeBy: .therapist(login: therapist))
    }()

    /// Answers the therapist's reads as the runtime will (opening a chart: her snapshot, then the chart; closing
    /// it: the caseload read again; the report: the demo's); other effects stay on their way, for the test.
    static func answerTherapist(_ effects: [Effect], on app: inout PortalApp, charts: [String: PortalSnapshot] = charts) {
        for effect in effects {
            switch effect {
            case .openChart(let login):
                guard let s = charts[login] else { XCTFail("no chart for \(login)"); continue }
                _ = app.update(.loaded(s))
                let chart = OpenChart(login: login, name: s.patient?.name ?? login)
                answerTherapist(app.update(.completed(effect, .chart(chart))), on: &app, charts: charts)
            case .closeChart:
                _ = app.update(.caseload(caseload))
                answerTherapist(app.update(.completed(effect, .nothing)), on: &app, charts: charts)
            case .makeReport(let width):
                let text = ReportText.text(demoReport, width: width)
                answerTherapist(app.update(.completed(effect, .report(text: text))), on: &app, charts: charts)
            default:
                break
            }
        }
    }

    // MARK: Running effects

    /// Runs effects the way the portal's runtime does: against the store, then a fresh snapshot, then
    /// `completed`. Returns any effects the screens asked for in turn.
    static func run(_ effects: [Effect], on app: inout PortalApp, store: SQLiteStore, clock: PortalClock = clock) throws {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .markDone(let id, let date, let sets, let pain): try store.markDone(exerciseID: id, on: date, today: clock.today, sets: sets, pain: pain)
            case .undoDone(let id, let date): _ = try store.undoDone(exerciseID: id, on: date)
            case .saveVisit(let visit, let expected): try store.saveVisit(visit, over: expected)
            case .saveVisitNotes(let visit): try store.saveVisit(visit)
            case .bell, .quit: continue
            default: XCTFail("unexpected effect \(effect)"); continue
            }
            queue += app.update(.loaded(try PortalSnapshot.load(from: store, clock: clock)))
            queue += app.update(.completed(effect, .nothing))
        }
    }

    /// Sends keys to the app, running whatever effects they ask for.
    static func press(_ keys: [Key], on app: inout PortalApp, store: SQLiteStore? = nil, clock: PortalClock = clock) throws {
        for key in keys {
            let effects = app.update(.key(key))
            if let store { try run(effects, on: &app, store: store, clock: clock) } else {
                XCTAssertEqual(effects, [], "a key with effects needs a store")
            }
        }
    }

    // MARK: Whole screens


    /// The whole portal as the terminal shows it: a `size` window, `keys` pressed, drawn by `PortalApp.view`. For a
    /// therapist (`viewer`), her portal from the caseload (`therapistApp`; `snapshot` is not used).
    static func screen(_ snapshot: PortalSnapshot, size: Size, keys: [Key] = [], glyphs: Glyphs = .unicode,
                       viewer: Viewer = .patient) -> Buffer {
        if viewer.isTherapist { return therapistApp(keys: keys, glyphs: glyphs, size: size).view(size: size) }
        var app = PortalApp(snapshot: snapshot, content: content, glyphs: glyphs, viewer: viewer)
        _ = app.update(.resized(size))
        for key in keys { _ = app.update(.key(key)) }
        return app.view(size: size)
    }

    /// Compares a whole screen row by row with `expected` (one string per row, trailing spaces ignored);
    /// on failure prints expected and actual rows side by side, the differing ones marked.
    static func assertScreen(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(expected.count, buffer.size.height, "the expectation has one string per row", file: file, line: line)
        assertLines(buffer, expected, "\(buffer.size.width)×\(buffer.size.height)", file: file, line: line)
    }

    /// The style of the cells that show `text` on `row` (its first occurrence), or nil when the text is not
    /// there or its cells do not share one style.
    static func style(of text: String, row: Int, in buffer: Buffer) -> Style? {
        let cells = (0..<buffer.size.width).map { buffer[$0, row] }
        let visible = cells.filter { !$0.isContinuation }
        let chars = visible.map(\.text)
        let target = text.map(String.init)
        guard target.count <= chars.count,
              let start = (0...(chars.count - target.count)).first(where: { Array(chars[$0..<($0 + target.count)]) == target })
        else { return nil }
        let styles = Set(visible[start..<(start + target.count)].map(\.style))
        return styles.count == 1 ? styles.first : nil
    }
}

extension PortalApp {
    /// Answers every effect still on its way to the store as the runtime would once it commits (`saved`
    /// says nothing more than the request), so a screen test shows the state after the save.
    mutating func answerPendingSaves() {
        for pending in pendingSaves { _ = update(.completed(pending.effect, .nothing)) }
    }

    /// Sends keys one by one and collects the effects they asked for.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }

    /// Types text as separate character keys.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0))) }
    }
}

extension ScreenContext {
    /// This context for a screen drawn in an area of `size`, as PortalApp sets it after a resize: what
    /// `handle` pages and clamps by.
    func with(area size: Size) -> ScreenContext {
        var ctx = self
        ctx.area = size
        return ctx
    }
}
