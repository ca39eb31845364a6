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

    /// In a clinic About me names her therapist by the name the clinic keeps for her (clinic change 26): her
    /// details' therapist, which the clinic's server keeps (change 32), read once with them (review point 10);
    /// outside a clinic, or with no therapist, the snapshot names none as the clinic's.
    func testInAClinicTheTherapistIsTheNameTheClinicKeeps() {
        var snapshot = Fixtures.demo
        snapshot.patient?.therapist = "Maria Silva"
        XCTAssertNil(snapshot.therapistName, "her own file: the therapist she wrote is hers")
        snapshot.therapistIsClinics = true
        XCTAssertEqual(snapshot.therapistName, "Maria Silva")
        let lines = Fixtures.app(snapshot, keys: [.character("i")]).view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(lines.contains(" Therapist    Maria Silva"), lines.joined(separator: "\n"))
        snapshot.patient?.therapist = ""
        XCTAssertNil(snapshot.therapistName, "a clinic's patient in no caseload has none")
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

/// In a clinic, About me says what is true there: her record is on the clinic's server, who may see it, and her
/// therapist by the name the clinic keeps (change 26), which `e` does not offer to change (a name she typed
/// would never be shown). On her own file: the file's privacy line, and the therapist is hers to write.
final class ProfileInAClinicTests: XCTestCase {
    private func app(clinic: Bool, keys: [Key] = []) -> PortalApp {
        var snapshot = Fixtures.demo
        snapshot.patient?.name = "Ana Lima"  // not the demo: her own record
        // In a clinic her details' therapist is the clinic's name for her therapist (the server keeps it, change 32).
        snapshot.patient?.therapist = clinic ? "Maria Silva" : "Dr Old Name"
        snapshot.therapistIsClinics = clinic
        var app = Fixtures.app(snapshot, viewer: clinic ? .clinicPatient : .patient)
        app.storeIsRemote = clinic
        for key in [.character("i")] + keys { _ = app.update(.key(key)) }
        return app
    }

    private func text(_ buffer: Buffer) -> String {
        var text = buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        return text
    }

    func testAboutMeInAClinicSaysWhereHerRecordIsAndWhoMaySeeIt() {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            var app = app(clinic: true)
            _ = app.update(.resized(size))
            var seen = text(app.view(size: size))
            // At 60x18 the page scrolls: read it to its end.
            for _ in 0..<4 { _ = app.update(.key(.pageDown)); seen += " " + text(app.view(size: size)) }
            XCTAssertTrue(seen.contains("Your record is kept on your clinic's server."), "\(size): \(seen)")
            XCTAssertTrue(seen.contains("shows it to you and your own therapist, and to no other patient or therapist; the clinic's administrator"), "\(size): \(seen)")
            XCTAssertFalse(seen.contains("stays on this computer"), "\(size): \(seen)")
            XCTAssertFalse(seen.contains("sends nothing over the internet"), "\(size): \(seen)")
            XCTAssertTrue(seen.contains("Therapist Maria Silva"), "\(size): the clinic's name: \(seen)")
        }
        let own = text(app(clinic: false).view(size: Size(width: 200, height: 50)))
        XCTAssertTrue(own.contains("Your data stays on this computer. The portal sends nothing over the internet."), own)
        XCTAssertFalse(own.contains("clinic's server"), own)
        XCTAssertTrue(own.contains("Therapist Dr Old Name"), own)
    }

    func testChangingHerDetailsInAClinicOffersNoTherapistAndKeepsWhatHerDetailsSay() {
        var app = app(clinic: true, keys: [.character("e")])
        guard case .setup(let form) = app.top else { return XCTFail("e opens the form: \(app.top)") }
        XCTAssertFalse(form.fields.contains(.therapist), "no field for a name the clinic keeps")
        XCTAssertEqual(form.clinicTherapist, "Maria Silva")
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            // Tab round the whole form: the focus never lands on a therapist field, and its row shows the clinic's name.
            var seen = ""
            var probe = app
            for _ in 0..<(form.fields.count + 1) {
                seen += " " + text(probe.view(size: size))
                _ = probe.update(.key(.tab))
                if case .setup(let f) = probe.top { XCTAssertNotEqual(f.focus, .therapist) }
            }
            XCTAssertTrue(seen.contains("Therapist Maria Silva"), "\(size): \(seen)")
        }
        // Saving sends her details with the therapist they said, unchanged.
        let effects = app.press(.ctrl("s"))
        guard case .updateProfile(let saved, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(saved.therapist, "Maria Silva")
        XCTAssertEqual(saved.name, "Ana Lima")

        // On her own file the therapist is hers to write.
        let own = self.app(clinic: false, keys: [.character("e")])
        guard case .setup(let mine) = own.top else { return XCTFail() }
        XCTAssertTrue(mine.fields.contains(.therapist))
        XCTAssertNil(mine.clinicTherapist)
    }

    /// A clinic login whose record the clinic has not set up yet opens on Welcome: it says who sets it up and
    /// where it will be kept, and offers neither a set-up nor the demo (both refused in a clinic).
    func testWelcomeInAClinicSaysHerCareTeamSetsHerUp() {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            var app = Fixtures.app(Fixtures.empty, viewer: .clinicPatient)
            app.storeIsRemote = true
            let seen = text(app.view(size: size))
            XCTAssertTrue(seen.contains("In a clinic your care team sets it up"), "\(size): \(seen)")
            XCTAssertFalse(seen.contains("stays on this computer"), "\(size): \(seen)")
            XCTAssertFalse(seen.contains("Set up my portal"), "\(size): \(seen)")
            XCTAssertFalse(seen.contains("Try the demo"), "\(size): \(seen)")
            if size.height >= 24 { XCTAssertTrue(seen.contains("Your record is kept on your clinic's server."), "\(size): \(seen)") }
            XCTAssertTrue(app.press(.character("s")).isEmpty)
            XCTAssertTrue(app.press(.character("d")).isEmpty, "no demo in a clinic")
            XCTAssertTrue(app.press(.enter).isEmpty)
            XCTAssertEqual(app.top.kind, .welcome, "nothing opened")
        }
        let own = text(Fixtures.app(Fixtures.empty).view(size: Size(width: 80, height: 24)))
        XCTAssertTrue(own.contains("Set up my portal"), own)
        XCTAssertTrue(own.contains("stays on this computer"), own)
    }
}
