import XCTest
@testable import PortalCore
@testable import PortalUI

/// QA E7: with several warning signs, Home's and Log pain's banners say what to do first — call 911, 988, the
/// maternal mental health line — and never cut it; the list of signs is what gives way (counted, b shows them).
final class EmergencyBannerTests: XCTestCase {
    static let five = ["thoughts-of-harm", "heavy-bleeding", "leg-swelling", "fever", "severe-headache"]
    static let eight = five + ["chest-pain", "vision-changes", "dizziness"]
    static let numbers = ["911", "988", "1-833-852-6262"]

    private func snapshot(_ signs: [String]) -> PortalSnapshot {
        var snapshot = Fixtures.demo
        snapshot.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, signs: signs))
        return snapshot
    }

    /// The screen's text as read, the banner's wrapped lines joined.
    private func text(_ buffer: Buffer) -> String {
        var text = buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        return text
    }

    /// The banner's rows: from the first row with the level's word to the first blank row.
    private func banner(_ buffer: Buffer) -> [String] {
        guard let first = buffer.lines.firstIndex(where: { $0.contains("Emergency:") }) else { return [] }
        return Array(buffer.lines[first...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    func testHomeSaysWhatToDoAndTheNumbersWholeAndCountsTheSigns() throws {
        for (signs, size, counted) in [(Self.five, Size(width: 60, height: 18), true), (Self.five, Size(width: 80, height: 24), false),
                                       (Self.eight, Size(width: 80, height: 24), true), (Self.eight, Size(width: 60, height: 18), true)] {
            var app = Fixtures.app(snapshot(signs))
            _ = app.update(.resized(size))
            let screen = app.view(size: size)
            let rows = banner(screen)
            let said = rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(said.hasPrefix("Emergency: Stop exercising and call 911 now."), "\(size): \(said)")
            for number in Self.numbers { XCTAssertTrue(said.contains(number), "\(size) \(signs.count) signs: \(number) in \(said)") }
            XCTAssertFalse(said.contains("…"), "\(size): nothing cut: \(said)")
            // Named when they fit after what to do, else counted; never cut.
            XCTAssertEqual(said.contains("You reported \(signs.count) warning signs (b shows them)."), counted, "\(size): \(said)")
            XCTAssertEqual(said.contains("You reported: Thoughts of hurting yourself or your baby."), !counted, "\(size): \(said)")
            XCTAssertTrue(said.hasSuffix("."), "\(size): \(said)")
            // b opens the whole message: every sign named, what to do still first (the menu gives way).
            var opened = app
            opened.press(.character("b"))
            let all = banner(opened.view(size: size)).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(all.hasPrefix("Emergency: Stop exercising and call 911 now."), "\(size) opened: \(all)")
            XCTAssertTrue(all.contains("You reported: Thoughts of hurting yourself or your baby."), "\(size) opened: \(all)")
            for number in Self.numbers { XCTAssertTrue(all.contains(number), "\(size) opened: \(number)") }
        }
        // Room enough: every sign named, after what to do.
        let wide = text(Fixtures.app(snapshot(Self.five)).view(size: Size(width: 200, height: 50)))
        XCTAssertTrue(wide.contains("call 911 now."), wide)
        XCTAssertTrue(wide.contains("You reported: Thoughts of hurting yourself or your baby."), wide)
        XCTAssertTrue(wide.contains("Soaking a pad in an hour"), wide)
    }

    /// At 60x18 an emergency banner (never shortened) left Home no menu rows while the footer still listed the
    /// keys: the summary gives way instead, so she sees and reaches the menu (four items and "more below" at
    /// least), the banner still whole; her therapist's chart Home the same.
    func testTheMenuKeepsItsRowsUnderAnEmergencyBanner() throws {
        for viewer in [Viewer.patient, Viewer.therapist(login: Fixtures.therapist)] {
            for (signs, size) in [(["chest-pain"], Size(width: 60, height: 18)), (Self.five, Size(width: 60, height: 18)),
                                  (Self.eight, Size(width: 80, height: 24)), (Self.five, Size(width: 200, height: 50))] {
                var app = Fixtures.app(snapshot(signs), viewer: viewer)
                _ = app.update(.resized(size))
                let screen = app.view(size: size)
                let said = banner(screen).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                for number in ["911"] + (signs.contains("thoughts-of-harm") ? ["988", "1-833-852-6262"] : []) {
                    XCTAssertTrue(said.contains(number), "\(viewer) \(size): \(number) in \(said)")
                }
                let labels = HomeScreen.menu(ScreenContext(snapshot: snapshot(signs), content: Fixtures.content, glyphs: .unicode, viewer: viewer)).map(\.label)
                let shown = labels.filter { label in screen.lines.contains { $0.contains(label) } }
                XCTAssertGreaterThanOrEqual(shown.count, min(4, labels.count), "\(viewer) \(size): menu rows \(shown)\n" + screen.lines.joined(separator: "\n"))
                XCTAssertTrue(shown.contains(labels[0]), "\(viewer) \(size): the chosen item shows")
            }
        }
    }

    func testLogPainsBannerKeepsWhatToDoWhole() throws {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24)] {
            var app = Fixtures.app(snapshot(Self.eight))
            _ = app.update(.resized(size))
            app.press(.character("l"))
            let rows = banner(app.view(size: size))
            let said = rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(said.hasPrefix("Emergency: Stop exercising and call 911 now."), "\(size): \(said)")
            for number in Self.numbers { XCTAssertTrue(said.contains(number), "\(size): \(number) in \(said)") }
            XCTAssertFalse(said.contains("…"), "\(size): nothing cut: \(said)")
        }
    }

    /// The words' order: what to do, then the signs; counted, the count says how to read them.
    func testTheBannerBodyPutsTheActionFirst() throws {
        let guide = Fixtures.content.safety
        let alert = try XCTUnwrap(SafetyRules.alert(for: Self.five.compactMap(guide.sign), guide: guide, date: Fixtures.today))
        XCTAssertTrue(alert.bannerBody().hasPrefix("Stop exercising and call 911 now."), alert.bannerBody())
        XCTAssertTrue(alert.bannerBody().hasSuffix(alert.headline), alert.bannerBody())
        XCTAssertEqual(alert.bannerBody(counted: true, more: "b shows them"), alert.advice + " You reported 5 warning signs (b shows them).")
        // The command line says the banner's words: the level's word, then what to do, then what she reported.
        XCTAssertEqual(alert.text, "Emergency: " + alert.bannerBody())
    }

    /// Under an emergency's crisis lines at 60×18 Home cut the open question ("… did it take place? P…"): the banner
    /// stays whole, and the menu gives rows first, keeping four items in its two columns, so what matters is whole.
    func testUnderAnEmergencyAt60x18WhatMattersIsWholeAndTheMenuKeepsFourItems() throws {
        // Visit 3 passed and nobody said how it went: Home asks (a line that matters).
        var late = try Fixtures.snapshot(at: Fixtures.noon, fill: { try DemoPatient(content: Fixtures.content, today: Fixtures.today, lateVisit: true).load(into: $0) })
        late.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, signs: ["chest-pain", "thoughts-of-harm"]))
        for glyphs in [Glyphs.unicode, .ascii] {
            let screen = Fixtures.screen(late, size: PortalApp.minimumSize, glyphs: glyphs)
            let said = text(screen)
            for number in Self.numbers { XCTAssertTrue(said.contains(number), "\(number): \(said)") }
            XCTAssertTrue(said.contains("You reported 2 warning signs (b shows them)."), said)
            XCTAssertTrue(said.contains("Exercises None for now: you reported a warning sign that means stopping exercise (above)."), said)
            XCTAssertTrue(said.contains("Question Visit 3 was Tue 24 Nov — did it take place? Press a.")
                          || said.contains("Question Visit 3 was Tue 24 Nov - did it take place? Press a."), said)
            for item in ["l Log pain", "w Warning signs check", "c Pelvic floor check-in", "d Bladder diary", "more below"] {
                XCTAssertTrue(said.contains(item), "\(item): \(screen.lines.joined(separator: "\n"))")
            }
        }
    }
}

/// Under an emergency banner at 60x18 the summary has fewer rows than its lines: the "New" line (week 4's five
/// changes, two rows) was cut after its first row mid-list, with nothing to say so. Every line the summary cuts
/// ends in "…", at every size and whoever reads the chart.
final class SummaryCutTests: XCTestCase {
    private func snapshot(_ signs: [String]) -> PortalSnapshot {
        var snapshot = Fixtures.demo
        snapshot.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, signs: signs))
        return snapshot
    }

    /// The rows Home drew for the summary line labelled `label`: its label's row and the rows under it whose
    /// label column is blank, up to the menu.
    private func drawn(_ label: String, in lines: [String]) -> [String]? {
        guard let first = lines.firstIndex(where: { $0.hasPrefix(" " + label + " ") }) else { return nil }
        var rows = [String(lines[first].dropFirst(1 + HomeScreen.labelWidth))]
        for line in lines[(first + 1)...] {
            guard line.count > 1 + HomeScreen.labelWidth, line.prefix(1 + HomeScreen.labelWidth).allSatisfy({ $0 == " " }) else { break }
            rows.append(String(line.dropFirst(1 + HomeScreen.labelWidth)))
        }
        return rows.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testEveryCutSummaryLineEndsInAnEllipsis() throws {
        let whole = try XCTUnwrap(drawn("New", in: Fixtures.app(Fixtures.demo).view(size: Size(width: 80, height: 30)).lines))
        let full = whole.joined(separator: " ")
        XCTAssertTrue(full.hasPrefix("Week 4: + Standing hip extension"), full)
        var cut = 0
        for viewer in [Viewer.patient, .therapist(login: Fixtures.therapist)] {
            // No sign at 60x18 too: under a sign that stops exercise Home has no New line at all (safety-j).
            for (signs, size) in [([], Size(width: 60, height: 18)), (["chest-pain"], Size(width: 60, height: 18)), (EmergencyBannerTests.five, Size(width: 60, height: 18)),
                                  (["chest-pain"], Size(width: 80, height: 24)), (EmergencyBannerTests.eight, Size(width: 80, height: 24))] {
                var app = Fixtures.app(snapshot(signs), viewer: viewer)
                _ = app.update(.resized(size))
                let lines = app.view(size: size).lines
                guard let rows = drawn("New", in: lines) else { continue }  // no room for it at all: nothing cut
                let said = rows.joined(separator: " ")
                if said != full {
                    XCTAssertTrue(said.hasSuffix("…"), "\(viewer) \(size): cut without an ellipsis: \(rows)\n" + lines.joined(separator: "\n"))
                    cut += 1
                }
            }
        }
        XCTAssertGreaterThan(cut, 0, "a size where the New line is cut (else this test proves nothing)")
    }
}
