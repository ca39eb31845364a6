// Prints speed and memory figures for the portal's hot paths on a large, made-up database.
// Targets (checked by eye, never by a timed unit test): opening the store under 50 ms, a 90-day pain
// query and trend under 20 ms, drawing any screen under 5 ms, peak memory under 64 MiB.
import Foundation
import PortalCore
import PortalUI

func measure(_ label: String, repeat count: Int = 1, _ body: () throws -> Void) rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { try body() }
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(count)
    print(label.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%9.2f ms", ms))
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024 // Linux reports KiB
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let url = folder.appendingPathComponent("bench.sqlite")
let content = try ContentLibrary.bundled()
let today = CalendarDate("2026-11-27")!
let days = 3 * 365

print("portal-bench: \(days) days of data, 3 pain entries a day, plus the demo program and log")
let store = try PortalStore.open(url: url)
try DemoPatient(content: content, today: today).load(into: store)
let now = LocalDateTime(date: today, time: TimeOfDay(hour: 23, minute: 59)!)
try measure("insert \(days * 3) pain entries (one commit each)") {
    for d in 0..<days {
        for n in 0..<3 {
            try store.addPainEntry(PainEntry(date: today.adding(days: -days + d), time: TimeOfDay(hour: 8 + n * 5, minute: 0)!,
                                             score: (d + n) % 11, sites: [SiteSide(.buttock, .right)], triggers: [.sittingLong]), now: now)
        }
    }
}
try measure("open the store (migrations checked)", repeat: 20) { _ = try PortalStore.open(url: url) }
try measure("pain entries, last 90 days + trend", repeat: 50) {
    let entries = try store.painEntries(from: today.adding(days: -89), to: today)
    _ = PainTrend(entries: entries).changeSinceFirstWeek(today: today)
}
try measure("all pain entries + trend", repeat: 10) {
    _ = PainTrend(entries: try store.painEntries()).sevenDayAverage(endingOn: today)
}
try measure("program + 60 days of sessions + adherence", repeat: 50) {
    let program = try store.program()
    let log = ExerciseLog(program: program, sessions: try store.sessions(from: today.adding(days: -60), to: today))
    _ = log.adherenceByWeek(today: today)
    _ = log.streak(today: today)
}
try measure("export CSV (all entries)", repeat: 5) { _ = Exporter.csv(try store.painEntries()) }
try measure("export JSON (everything)", repeat: 5) {
    _ = try Exporter.json(ExportData.load(from: store, content: content, today: today))
}
try measure("load the screens' snapshot", repeat: 50) {
    _ = try PortalSnapshot.load(from: store, clock: PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!))
}
let snapshot = try PortalSnapshot.load(from: store, clock: PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!))
for (key, name) in [(Character?.none, "Home"), ("l", "Log pain"), ("e", "Exercises"), ("v", "Visits"), ("p", "Progress"), ("r", "Learn")] {
    var app = PortalApp(snapshot: snapshot, content: content)
    if let key { _ = app.update(.key(.character(key))) }
    for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
        measure("draw \(name) at \(size.width)×\(size.height)", repeat: 200) { _ = app.view(size: size) }
    }
}
print("peak memory".padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%9.1f MiB", peakMemoryMiB()))
