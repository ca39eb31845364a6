import XCTest
import PortalCore
@testable import PortalUI

final class ProfileScreenTests: XCTestCase {
    private let ctx = Fixtures.context()

    private func context(_ patient: Patient?) -> ScreenContext {
        var snapshot = Fixtures.demo
        snapshot.patient = patient
        return Fixtures.context(snapshot)
    }

    func testWholeScreenAt80x24() {
        let app = Fixtures.app(keys: [.character("i")])
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → About me                                      Jordan Lee · Fri 27 Nov",
            "",
            " This is the demo: Jordan Lee is made up. Press n to start your own portal.",
            "",
            " Jordan Lee",
            " 24 weeks pregnant · 2nd trimester",
            " Due date     Tue 16 Mar 2027",
            "",
            " Being treated for",
            " • Hip pain: piriformis (buttock)",
            "",
            " Therapist    Sam Rivera, PT, DPT",
            " Clinic       Harbor Pelvic Health, 210 Harbor Street, Suite 4",
            " Reminders    None set. Press r to set one.",
            "",
            " Your data stays on this computer. The portal sends nothing over the internet.",
            "", "", "", "", "", "", "",
            "n start my own portal  e edit  b baby born  Esc back  ? help",
        ])
    }

    func testWholeScreenAt60x18() {
        let app = Fixtures.app(keys: [.character("i")], glyphs: .ascii)
        assertLines(app.view(size: Size(width: 60, height: 18)), [
            " Portal > About me                  Jordan Lee · Fri 27 Nov",
            "",
            " This is the demo: Jordan Lee is made up. Press n to start",
            " your own portal.",
            "",
            " Jordan Lee",
            " 24 weeks pregnant · 2nd trimester",
            " Due date     Tue 16 Mar 2027",
            "",
            " Being treated for",
            " - Hip pain: piriformis (buttock)",
            "",
            " Therapist    Sam Rivera, PT, DPT",
            " Clinic       Harbor Pelvic Health, 210 Harbor Street,",
            "              Suite 4",
            " Reminders    None set. Press r to set one.",
            " v More below: v or PgDn",
            "n start my own portal  e edit  b baby born  Esc back  ? help",
        ])
    }

    /// In a clinic About me names her therapist by the name the clinic keeps for her (clinic change 26), not by
    /// what her details say (her therapist's login, as a clinic set her up before the change).
    func testInAClinicTheTherapistIsTheNameTheClinicKeeps() {
        var snapshot = Fixtures.demo
        snapshot.patient?.therapist = "maria"
        snapshot.therapistName = "Maria Silva"
        let lines = Fixtures.app(snapshot, keys: [.character("i")]).view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(lines.contains(" Therapist    Maria Silva"), lines.joined(separator: "\n"))
        XCTAssertFalse(lines.joined().contains("maria"))
    }

    func testPostpartumWithoutConditionsTherapistOrClinic() {
        let patient = Patient(name: "Ana Silva", stage: .postpartum(birthDate: CalendarDate("2026-09-18")!, delivery: .cesarean),
                              conditions: [])
        let lines = Fixtures.draw(ProfileScreen(), context(patient), width: 58, height: 14).lines
        assertLines(Fixtures.draw(ProfileScreen(), context(patient), width: 58, height: 14), [
            "Ana Silva",
            "10 weeks after birth · C-section birth",
            "Baby born    Fri 18 Sep 2026",
            "",
            "Being treated for",
            "Nothing listed yet. Your therapist adds this at your first",
            "visit.",
            "",
            "Therapist    Not added yet",
            "Clinic       Not added yet",
            "Reminders    None set. Press r to set one.",
            "",
            "Your data stays on this computer. The portal sends nothing",
            "over the internet.",
        ])
        XCTAssertEqual(lines.count, 14)
    }

    func testLongConditionWrapsUnderItsText() {
        let patient = Patient(name: "Jordan Lee", stage: .pregnant(dueDate: CalendarDate("2027-03-16")!),
                              conditions: [.roundLigament])
        let lines = Fixtures.draw(ProfileScreen(), context(patient), width: 24, height: 20).lines
        let first = lines.firstIndex(of: "• Round ligament pain")!
        XCTAssertEqual(Array(lines[first...(first + 1)]), ["• Round ligament pain", "  (front of hip, groin)"])
    }

    func testWithoutAPatient() {
        let lines = Fixtures.draw(ProfileScreen(), context(nil), width: 78, height: 21).lines
        XCTAssertEqual(Array(lines.prefix(3)), [
            "No one is set up in this portal yet.",
            "",
            "Your data stays on this computer. The portal sends nothing over the internet.",
        ])
    }

    func testScrollsInAShortWindow() {
        var screen = ProfileScreen()
        let ctx = self.ctx.with(area: Size(width: 58, height: 8))
        XCTAssertEqual(ProfileScreen.page(ctx, width: 58).height, 17, "the demo's note, then 14 rows")
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.offset, 10, "17 rows, 7 shown above the more line")
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 8)
        XCTAssertEqual(buffer.line(6), "over the internet.")
        XCTAssertEqual(buffer.line(7), "↑ End. More above: ↑ or PgUp")
        XCTAssertEqual(screen.handle(.character("k"), ctx), .stay)
        XCTAssertEqual(screen.offset, 9)
        XCTAssertEqual(screen.handle(.home, ctx), .stay)
        XCTAssertEqual(screen.offset, 0)
    }

    /// In the demo, n asks first; y removes the demo's data (the runtime then opens her own portal), any other
    /// key keeps it. For her own record there is no n at all.
    func testNStartsHerOwnPortalAfterAskingAndOnlyInTheDemo() {
        var screen = ProfileScreen()
        XCTAssertEqual(screen.handle(.character("n"), ctx), .stay)
        XCTAssertTrue(screen.confirmingStart)
        let asked = Fixtures.draw(screen, ctx, width: 58, height: 8).lines
        XCTAssertEqual(Array(asked.prefix(2)), ["Remove the demo and start your own portal? y = yes, any", "other key = no"])
        XCTAssertEqual(screen.handle(.character("q"), ctx), .stay, "any other key: no, and it is not passed on")
        XCTAssertFalse(screen.confirmingStart)
        XCTAssertTrue(Fixtures.draw(screen, ctx, width: 58, height: 8).lines[0].hasPrefix("This is the demo"))
        _ = screen.handle(.character("n"), ctx)
        XCTAssertEqual(screen.handle(.character("y"), ctx), .effects(.startOwnPortal))
        XCTAssertFalse(screen.confirmingStart)

        let own = context(Patient(name: "Ana Silva", stage: .pregnant(dueDate: CalendarDate("2027-03-16")!), conditions: []))
        var mine = ProfileScreen()
        XCTAssertEqual(mine.handle(.character("n"), own), .unhandled)
        XCTAssertFalse(mine.confirmingStart)
        XCTAssertFalse(Fixtures.draw(mine, own, width: 78, height: 20).lines.contains { $0.contains("demo") })
    }

    /// On her clinic login the record is the clinic's to keep (`RecordStore.eraseAll` refuses there): no n,
    /// even on a demo record her care team loaded.
    func testNoOwnPortalFromAClinicLogin() {
        var clinic = ctx
        clinic.viewer = .clinicPatient
        var screen = ProfileScreen()
        XCTAssertEqual(screen.handle(.character("n"), clinic), .unhandled)
        XCTAssertFalse(screen.confirmingStart)
        XCTAssertFalse(screen.keyTable(clinic).footer.contains { $0.key == "n" })
    }

    func testTheAppQuitsOnceTheDemoIsGoneSoTheWiringOpensHerOwnFile() {
        var app = Fixtures.app(keys: [.character("i"), .character("n")])
        XCTAssertEqual(app.update(.key(.character("y"))), [.startOwnPortal])
        XCTAssertEqual(app.update(.completed(.startOwnPortal, .nothing)), [.quit])
    }

    func testNothingScrollsWhenItFits() {
        var screen = ProfileScreen()
        let ctx = self.ctx.with(area: Size(width: 78, height: 21))
        XCTAssertEqual(screen.handle(.pageDown, ctx).navigation, .unhandled, "nothing to scroll: the key is not the screen's")
        XCTAssertFalse(screen.helpRows(ctx).map(\.label).contains("scroll"), "nor does help offer it")
        XCTAssertEqual(screen.offset, 0)
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = ProfileScreen()
        for key: Key in [.escape, .backspace, .enter, .character("q"), .character("?")] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen.title, "About me")
    }

    func testEverySizeStaysInsideItsArea() {
        for w in [0, 1, 5, 12, 30, 58, 100] {
            for h in [0, 1, 2, 3, 14, 50] {
                var buffer = Buffer(size: Size(width: w + 2, height: h + 2))
                ProfileScreen().view(ctx, into: &buffer, area: Rect(x: 1, y: 1, width: w, height: h))
                for y in 0..<buffer.size.height {
                    XCTAssertEqual(buffer[0, y], .blank, "\(w)x\(h)")
                    XCTAssertEqual(buffer[w + 1, y], .blank, "\(w)x\(h)")
                }
                XCTAssertEqual(buffer.line(h + 1), "", "\(w)x\(h)")
            }
        }
    }
}
