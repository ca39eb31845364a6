import Foundation
import PortalCore
import PortalRuntime
import PortalUI

/// Figures measured inside this process against a copy of the big database, through the same runtime the
/// terminal drives: a key in, the frame out.
enum InProcess {
    static func nowNs() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    /// Every Home item (`HomeScreen.menuKeys`, so a new screen is measured as soon as Home has it), opened and looked through (down, page down, up) and closed again, `rounds` times:
    /// milliseconds from each key to its 80×24 frame, by the Home key that opened the screen.
    static func keyToFrame(store: SQLiteStore, content: ContentLibrary, clock: PortalClock, rounds: Int) throws -> [Character: [Double]] {
        let runtime = try Runtime(store: store, content: content, clock: { clock })
        let size = Size(width: 80, height: 24)
        runtime.resized(size)
        _ = runtime.view(size: size)
        var times: [Character: [Double]] = [:]
        for _ in 0..<rounds {
            for screen in HomeScreen.menuKeys {
                for key in [.character(screen), .down, .down, .pageDown, .up, .escape] as [Key] {
                    let start = nowNs()
                    runtime.send(.key(key))
                    _ = runtime.view(size: size)
                    times[screen, default: []].append(Double(nowNs() - start) / 1e6)
                }
                // Each screen must have been left again, or the next letter would be timed somewhere else.
                guard runtime.app.stack.count == 1 else {
                    throw BenchError("the screen opened with \(screen) was not left with Escape (\(runtime.app.top.kind))")
                }
            }
        }
        return times
    }

    /// The first key after a start from Home's own read (`Runtime(homeFirst:)`, as the terminal starts): it
    /// reads the whole snapshot before Progress opens. Milliseconds from the key to Progress's 80×24 frame,
    /// `rounds` start-ups, beside the same key on a runtime that read the whole snapshot before its first paint.
    static func firstKey(store: SQLiteStore, content: ContentLibrary, clock: PortalClock, rounds: Int) throws -> (homeFirst: [Double], whole: [Double]) {
        let size = Size(width: 80, height: 24)
        var out: ([Double], [Double]) = ([], [])
        for _ in 0..<rounds {
            for homeFirst in [true, false] {
                let runtime = try Runtime(store: store, content: content, homeFirst: homeFirst, clock: { clock })
                runtime.resized(size)
                _ = runtime.view(size: size)
                let start = nowNs()
                runtime.key(.character("p"))
                _ = runtime.view(size: size)
                let ms = Double(nowNs() - start) / 1e6
                if homeFirst { out.0.append(ms) } else { out.1.append(ms) }
            }
        }
        return out
    }

    /// Saving a pain entry as the Log pain screen does (the effect runner: rules, insert, commit, new
    /// snapshot), in milliseconds.
    static func saves(store: SQLiteStore, content: ContentLibrary, clock: PortalClock, count: Int) -> [Double] {
        let runner = EffectRunner(store: store, content: content, clock: { clock })
        var times: [Double] = []
        for n in 0..<count {
            let entry = PainEntry(date: clock.today, time: TimeOfDay(minutes: n % (12 * 60)), score: n % 11,
                                  sites: [SiteSide(.buttock, .right)], triggers: [.sittingLong])
            let start = nowNs()
            let messages = runner.perform(.savePain(entry))
            times.append(Double(nowNs() - start) / 1e6)
            if case .failed(_, let error)? = messages.last { FileHandle.standardError.write(Data("save failed: \(error)\n".utf8)) }
        }
        return times
    }

    /// fsync of one page written to a file in `folder`: the part of a save the disk decides.
    static func fsyncMilliseconds(folder: URL) -> Double {
        let path = folder.appendingPathComponent("fsync-probe").path
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        defer { close(fd); unlink(path) }
        var times: [Double] = []
        let page = [UInt8](repeating: 7, count: 4096)
        for _ in 0..<20 {
            _ = page.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, 0) }
            let start = nowNs()
            fsync(fd)
            times.append(Double(nowNs() - start) / 1e6)
        }
        return percentile(times, 0.5)
    }

    /// Each share format made from everything in the store, in milliseconds (median of 3).
    static func exports(store: SQLiteStore, content: ContentLibrary, today: CalendarDate) throws -> [(ShareFormat, Double)] {
        try ShareFormat.allCases.map { format in
            var times: [Double] = []
            for _ in 0..<3 {
                let start = nowNs()
                let data = try ExportData.load(from: store, content: content, today: today)
                _ = try format.render(data)
                times.append(Double(nowNs() - start) / 1e6)
            }
            return (format, percentile(times, 0.5))
        }
    }
}
