import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// Issue 23, QA's U1 and U2: on her chart her therapist is never offered the patient's writes (no key named in a
/// footer, in help or on the screen itself that only the patient may use: the one rule is `Viewer.may`), and the
/// chart speaks about the patient ("She reported…", "her next visit"), not to her ("Your clinic will…", "Well
/// done!"). Every screen reachable from the chart is walked at 60×18, 80×24 and 200×50, on the demo and on a
/// record with nothing booked, logged or prescribed yet.
final class TherapistChartWordsTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)]

    /// The ways from her chart's Home (after Enter on the caseload), and whether the screen shows the library's
    /// own text (an article, an exercise's steps, a questionnaire's advice), which is written to whoever reads it:
    /// there only the portal's own words are checked (`portalWords`).
    static let routes: [(keys: [Key], content: Bool)] = [
        ([], false), ([.character("?")], false),
        ([.character("w")], false), ([.character("w"), .character("?")], false),
        ([.character("e")], false), ([.character("e"), .character("?")], false), ([.character("e"), .right], false), ([.character("e"), .left], false),
        ([.character("e"), .enter], true), ([.character("e"), .enter, .character("?")], false), ([.character("e"), .enter, .end], true),
        ([.character("v")], false), ([.character("v"), .enter], false), ([.character("v"), .down, .down, .down, .enter], false),
        ([.character("v"), .enter, .character("?")], false),
        ([.character("t")], false), ([.character("p")], false), ([.character("p"), .end], false),
        ([.character("r")], false), ([.character("r"), .enter], true),
        ([.character("d")], false), ([.character("d"), .character("?")], false), ([.character("d"), .left], false),
        ([.character("o")], false), ([.character("o"), .character("?")], false), ([.character("o"), .left], false),
        ([.character("m")], false), ([.character("m"), .enter], true), ([.character("m"), .down, .down, .enter], true),
        ([.character("i")], false), ([.character("i"), .character("?")], false),
    ]

    /// Words that speak to the patient or name her keys. On the library's text only the portal's own phrases are
    /// looked for; elsewhere any "you"/"your" not in a phrase said to the therapist herself.
    static let portalWords = ["Your clinic", "your clinic", "your therapist", "Your therapist", "You reported", "Well done", "Your dose",
                              "Important for you", "Prescribed for you", "your program", "Your program", "your next visit",
                              "your care plan", "Your care plan", "your exports", "Your answers", "Press l", "Press 1", "p logs",
                              "Share with your", "Keep logging", "you started", "Your average", "Space done", "mark done", "t timer"]
    static let saidToHer = ["your caseload", "you publish", "your decision", "your reason", "your answer", "you reviewed",
                            "reviewed by you", "need you", "needs you", "Need you"]

    /// The demo's chart, and a chart with nothing yet: no visit booked, no program, an empty day in each diary.
    static var charts: [(String, [String: PortalSnapshot])] {
        var bare = Fixtures.demo
        bare.plan = try! CarePlan(visits: bare.plan!.visits.map { v in
            var v = v
            if v.status == .booked { v.status = .toSchedule; v.start = nil; v.location = "" }
            return v
        })
        bare.program = Program(weeks: [])
        bare.record.bladderEvents = []
        bare.record.bowelEntries = []
        bare.painEntries = []
        // Her alert quotes what the portal told her ("call your provider now"), on purpose: the demo without it.
        var demo = Fixtures.charts, charts = Fixtures.charts
        demo["jordan"] = Fixtures.demo
        charts["jordan"] = bare
        return [("the demo", demo), ("a chart with nothing yet", charts)]
    }

    /// The library's text (Resources: the care plan's visit focus, the programs' notes, articles, exercises,
    /// questionnaires), spaces collapsed: written to the patient, and shown on her chart as she reads it.
    static let library: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources")
        var text = ""
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            text += (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return collapsed(text.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\\"", with: "\""))
    }()

    static func collapsed(_ s: String) -> String {
        s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
    }

    /// True when `segment` (a run of a row between wide gaps) is the library's text, after the portal's label
    /// ("For: ", "About this week: ", "Visit 3: ") or list mark.
    static func isLibrary(_ segment: String) -> Bool {
        var candidates = [segment]
        var rest = segment
        while let colon = rest.range(of: ": ") { rest = String(rest[colon.upperBound...]); candidates.append(rest) }
        // A row cut short ends in an ellipsis, which is the screen's, not the library's.
        let unmarked = segment.replacingOccurrences(of: #"^([•›>\-]|\d+\.)\s*"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"(…|~)$"#, with: "", options: .regularExpression)
        candidates.append(unmarked)
        // A generated week's note ends with what changed ("A little more of: pelvic floor long holds.", from
        // Onboarding's change sentences and the library's names), often wrapped or cut mid-sentence: the
        // library's text before it is still the library's.
        let unchanged = unmarked
            .replacingOccurrences(of: #"\s*(New this week|A little more of|A new dose for|You can stop):[^.…]*[.…]?"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\s+(A|A little|A little more|A little more of:|A new|A new dose|A new dose for:|New|New this|New this week:|You|You can|You can stop:)$"#, with: "", options: .regularExpression)
        if unchanged != unmarked { candidates.append(unchanged) }
        return candidates.contains { $0.count >= 6 && library.contains(collapsed($0)) }
    }

    func offenders(_ lines: [String], content: Bool) -> [String] {
        lines.filter { line in
            // Runs of a row between wide gaps (columns) and the " · " between parts of one line.
            let segments = line.components(separatedBy: "  ").flatMap { $0.components(separatedBy: " · ") }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return segments.contains { segment in
                var rest = segment
                for phrase in Self.saidToHer { rest = rest.replacingOccurrences(of: phrase, with: "") }
                let offends = Self.portalWords.contains(where: segment.contains)
                    || (!content && rest.range(of: #"\b[Yy]ou(r|rs|rself)?\b"#, options: .regularExpression) != nil)
                return offends && !Self.isLibrary(segment)
            }
        }
    }

    /// The library's text written to her ("your pelvic floor", an exercise's steps, a generated week's note) is
    /// shown on her chart as what she reads, and says so on the screen; the patient's own screens say nothing of it.
    func testTheLibrarysWordsToHerAreLabelledAsWhatSheReads() {
        let routes: [[Key]] = [[.character("e")], [.character("e"), .enter], [.character("e"), .enter, .end], [.character("r"), .enter],
                               [.character("r"), .enter, .end]]
        var seen = 0
        for route in routes {
            for size in Self.sizes {
                let app = Fixtures.therapistApp(keys: [.enter] + route, size: size)
                let lines = app.view(size: size).lines
                let toHer = lines.filter { line in
                    line.components(separatedBy: "  ").flatMap { $0.components(separatedBy: " · ") }
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                        .contains { $0.range(of: #"\b[Yy]ou(r|rs|rself)?\b"#, options: .regularExpression) != nil && Self.isLibrary($0) }
                }
                guard !toHer.isEmpty else { continue }
                seen += 1
                XCTAssertTrue(lines.joined(separator: "\n").lowercased().contains("as she reads"),
                              "keys \(route) at \(size.width)×\(size.height): \(toHer)\n\(lines.joined(separator: "\n"))")
            }
        }
        XCTAssertGreaterThan(seen, 5, "the library's words to her are on these screens")
        for route in routes {
            let lines = Fixtures.app(keys: route).view(size: Size(width: 80, height: 24)).lines
            XCTAssertFalse(lines.joined().lowercased().contains("as she reads"), "\(route): her own screens")
        }
    }

    func testTheChartSpeaksAboutHerAndOffersNothingThatIsHers() {
        for (name, charts) in Self.charts {
            for route in Self.routes {
                for size in Self.sizes {
                    let app = Fixtures.therapistApp(keys: [.enter] + route.keys, size: size, charts: charts)
                    let lines = app.view(size: size).lines
                    let at = "\(name), keys \(route.keys) (\(app.top.kind)) at \(size.width)×\(size.height)"
                    XCTAssertEqual(offenders(lines, content: route.content), [], "\(at):\n\(lines.joined(separator: "\n"))")
                }
            }
        }
    }

    /// The timer is for doing the exercise: her therapist gets none, from the list or from an exercise.
    func testHerTherapistHasNoExerciseTimer() {
        for keys: [Key] in [[.character("e"), .character("t")], [.character("e"), .enter, .character("t")]] {
            let app = Fixtures.therapistApp(keys: [.enter] + keys, size: Size(width: 80, height: 24))
            XCTAssertNotEqual(app.top.kind, .timer, "\(keys)")
        }
        // The patient still has it.
        XCTAssertEqual(Fixtures.app(Fixtures.demo, keys: [.character("e"), .character("t")]).top.kind, .timer)
    }

    /// The empty diaries name her keys to her, and say to her therapist only what there is.
    func testAnEmptyDiaryDayNamesTheKeysOnlyToThePatient() {
        let bare = Self.charts[1].1["jordan"]!
        for (key, hint, herHint) in [("d", "p logs a pee", "She has logged nothing today."), ("o", "Press 1 to 7", "She has logged nothing today.")] {
            for size in Self.sizes {
                let chart = Fixtures.therapistApp(keys: [.enter, .character(Character(key))], size: size, charts: Self.charts[1].1).view(size: size)
                XCTAssertNotNil(Fixtures.row(chart, containing: herHint), "\(key) at \(size):\n\(chart.lines.joined(separator: "\n"))")
                var app = Fixtures.app(bare, keys: [.character(Character(key))])
                _ = app.update(.resized(size))
                let hers = app.view(size: size)
                XCTAssertNotNil(Fixtures.row(hers, containing: hint), "\(key) at \(size):\n\(hers.lines.joined(separator: "\n"))")
            }
        }
    }
}
