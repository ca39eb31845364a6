import PortalCore
import XCTest
@testable import PortalUI

/// The signs she reported and her therapist's review of them (issue 23, point 2), and the visits on the chart,
/// as whole screens at 60×18, 80×24 and 200×50.
final class ReportedSignsScreenTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)]
    let maria = Viewer.therapist(login: Fixtures.therapist)

    /// The screen's words, its rows joined with single spaces (so a sentence wrapped at 60 columns is found).
    func text(_ snapshot: PortalSnapshot, _ size: Size, _ keys: [Key], _ viewer: Viewer) -> String {
        Fixtures.screen(snapshot, size: size, keys: keys, viewer: viewer).lines.joined(separator: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    func testInAClinicSheSeesReviewedByHerTherapistBesideTheReviewedSignOnly() {
        for size in Self.sizes {
            let screen = text(Fixtures.reviewedDemo, size, [.character("w"), .character("r")], .clinicPatient)
            XCTAssertTrue(screen.contains("Warning signs reported"), screen)
            XCTAssertTrue(screen.contains("reviewed by your therapist today"), "\(size): \(screen)")
            XCTAssertEqual(screen.components(separatedBy: "reviewed by your therapist").count - 1, 1, "\(size): the newer sign is not reviewed yet")
            XCTAssertFalse(screen.contains(Fixtures.therapist), "\(size): her therapist's login is not shown to her")
            XCTAssertFalse(screen.lowercased().contains("diagnos"), "\(size)")
            XCTAssertFalse(screen.contains("mark reviewed"), "\(size): nothing for her to review")
        }
        // Newest first: this morning's fever, then yesterday's bleeding with its review under it.
        let lines = Fixtures.screen(Fixtures.reviewedDemo, size: Size(width: 80, height: 24), keys: [.character("w"), .character("r")],
                                    viewer: .clinicPatient).lines
        let fever = lines.firstIndex { $0.contains("Today 10:00") }, bleeding = lines.firstIndex { $0.contains("Yesterday 20:00") }
        let reviewed = lines.firstIndex { $0.contains("reviewed by your therapist today") }
        XCTAssertNotNil(fever)
        XCTAssertLessThan(fever ?? 99, bleeding ?? -1, lines.joined(separator: "\n"))
        XCTAssertGreaterThan(reviewed ?? -1, bleeding ?? 99)
    }

    /// D9: what she wrote with a sign reported on its own is under the sign, for her therapist on the chart and
    /// for her; the therapist reads who reviewed a sign, never "your therapist".
    func testTheSignsNoteIsUnderItOnTheChartAndHerList() {
        var charts = Fixtures.charts
        charts["jordan"]?.signReports[0].note = "soaked a pad in an hour"
        var noted = Fixtures.reviewedDemo
        noted.signReports[noted.signReports.count - 1].note = "since this morning"
        for size in Self.sizes {
            let lines = Fixtures.therapistApp(keys: [.enter, .character("w")], size: size, charts: charts).view(size: size).lines
            let chart = lines.joined(separator: "\n")
            let sign = lines.firstIndex { $0.contains("Bleeding from the vagina") }, note = lines.firstIndex { $0.contains("Note: soaked a pad in an hour") }
            let review = lines.firstIndex { $0.contains("not reviewed yet") }
            XCTAssertNotNil(sign, "\(size): \(chart)")
            XCTAssertGreaterThan(note ?? -1, sign ?? 99, "\(size): the note is under its sign:\n\(chart)")
            XCTAssertLessThan(note ?? 99, review ?? -1, "\(size): before the review line:\n\(chart)")
            let hers = text(noted, size, [.character("w"), .character("r")], .clinicPatient)
            XCTAssertTrue(hers.contains("Note: since this morning"), "\(size): \(hers)")
        }
    }

    /// A check-in's burning when peeing, which she is told as the sign `peeing-problems`, is listed with the signs
    /// she reported, on her therapist's chart and on her own list, as her check-in's: no review covers it, and
    /// `v` is not offered for it (the chart's banner and her caseload row say it too).
    func testACheckInsSignIsListedWithTheSignsAsHerCheckIns() {
        let words = "Burning or pain when you pee, or not being able to pee"
        var charts = Fixtures.charts
        charts["jordan"]?.quizResults.append(QuizResult(date: Fixtures.today, answers: ["burning": true]))
        var hers = Fixtures.reviewedDemo
        hers.quizResults.append(QuizResult(date: Fixtures.today, answers: ["burning": true]))
        for size in Self.sizes {
            let lines = Fixtures.therapistApp(keys: [.enter, .character("w")], size: size, charts: charts).view(size: size).lines
            let chart = lines.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            XCTAssertTrue(chart.contains("Today · in her check-in \(words) a check-in's answer: nothing to review"), "\(size): \(chart)")
            let own = text(hers, size, [.character("w"), .character("r")], .clinicPatient)
            XCTAssertTrue(own.contains("Today · in your check-in \(words)"), "\(size): \(own)")
            XCTAssertFalse(own.contains("nothing to review"), "\(size): \(own)")
        }
        // Without the burning answer nothing is listed for the check-in.
        var none = Fixtures.charts
        none["jordan"]?.quizResults.append(QuizResult(date: Fixtures.today, answers: ["burning": false, "leak-cough": true]))
        let size = Size(width: 80, height: 24)
        XCTAssertFalse(Fixtures.therapistApp(keys: [.enter, .character("w")], size: size, charts: none).view(size: size).lines.joined().contains("check-in"))
    }

    func testOnHerOwnFileNothingIsSaidOfReviews() {
        for size in Self.sizes {
            let screen = text(Fixtures.reviewedDemo, size, [.character("w"), .character("r")], .patient)
            XCTAssertTrue(screen.contains("Show them to your therapist at your next visit"), "\(size): \(screen)")
            XCTAssertFalse(screen.contains("reviewed"), "\(size): no therapist reviews a file: \(screen)")
        }
    }

    func testHerTherapistSeesWhatIsNotReviewedAndReviewsItAfterAConfirmation() {
        for size in Self.sizes {
            let screen = text(Fixtures.demo, size, [.enter, .character("w")], maria)
            XCTAssertTrue(screen.contains("not reviewed yet"), "\(size): \(screen)")
            XCTAssertTrue(screen.contains("v mark reviewed"), "\(size): the key is offered: \(screen)")
            let asked = text(Fixtures.demo, size, [.enter, .character("w"), .character("v")], maria)
            XCTAssertTrue(asked.contains("as reviewed by you?"), "\(size): \(asked)")
        }
        var app = Fixtures.therapistApp(keys: [.enter, .character("w"), .character("v")])
        XCTAssertEqual(app.update(.key(.character("n"))), [], "any other key: not yet")
        _ = app.update(.key(.character("v")))
        let through = LocalDateTime(date: Fixtures.today.adding(days: -1), time: TimeOfDay(hour: 20, minute: 0)!)
        XCTAssertEqual(app.update(.key(.character("y"))), [.reviewSigns(through: through, entered: 1000)], "up to the newest sign on her screen")
    }

    /// qa-h H7: `y` reviews the signs the question named when `v` was pressed, never one that arrived while it
    /// was open (the chart is read again under it); then the question says so and `y` asks again about them all.
    func testASignArrivingWhileTheQuestionIsOpenIsNotReviewedWithoutBeingShown() {
        var app = Fixtures.therapistApp(keys: [.enter, .character("w"), .character("v")])
        let asked = app.view(size: Size(width: 200, height: 50)).lines.joined(separator: " ")
        XCTAssertTrue(asked.contains("Mark the 1 warning sign not reviewed yet"), asked)
        // Her new sign reaches the open chart.
        var newer = app.context.snapshot
        newer.signReports.append(SignReport(id: 901, date: Fixtures.today, time: TimeOfDay(hour: 10, minute: 0)!, signs: ["fever"]))
        newer.record.signsEntered.signReports[901] = 1001
        _ = app.update(.loaded(newer))
        let widened = app.view(size: Size(width: 200, height: 50)).lines.joined(separator: " ")
        XCTAssertTrue(widened.contains("1 new warning sign arrived while you were asked"), widened)
        XCTAssertEqual(app.update(.key(.character("y"))), [], "not reviewed: asked again")
        let again = app.view(size: Size(width: 200, height: 50)).lines.joined(separator: " ")
        XCTAssertTrue(again.contains("Mark the 2 warning signs not reviewed yet"), again)
        XCTAssertEqual(app.update(.key(.character("y"))),
                       [.reviewSigns(through: LocalDateTime(date: Fixtures.today, time: TimeOfDay(hour: 10, minute: 0)!), entered: 1001)])
    }

    func testTheChartsHomeOffersHerSignsToTheTherapistAndNotTheCheckForm() {
        let home = text(Fixtures.demo, Size(width: 80, height: 24), [.enter], maria)
        XCTAssertTrue(home.contains("Warning signs she reported"), home)
        XCTAssertFalse(home.contains("Warning signs check"), home)
        let hers = text(Fixtures.demo, Size(width: 80, height: 24), [], .clinicPatient)
        XCTAssertTrue(hers.contains("Warning signs check"))
        XCTAssertFalse(hers.contains("Warning signs she reported"))
    }

    // MARK: Visits on the chart

    func testHerTherapistWritesAVisitsNotesOnScreen() {
        for size in Self.sizes {
            let screen = text(Fixtures.demo, size, [.enter, .character("v"), .enter, .character("n")], maria)
            XCTAssertTrue(screen.contains("Notes for visit"), "\(size): \(screen)")
        }
        var app = Fixtures.therapistApp(keys: [.enter, .character("v"), .enter])
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).lines.joined().contains("n notes"))
        _ = app.update(.key(.character("n")))
        XCTAssertTrue(app.top.screen.capturesText)
        for key in Fixtures.chars(" Hip hinge cue.") { _ = app.update(.key(key)) }
        let effects = app.update(.key(.ctrl("s")))
        guard case .saveVisitNotes(let v)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertTrue(v.notes.hasSuffix(" Hip hinge cue."), v.notes)
        // Esc leaves the notes as they were, and sends nothing.
        var other = Fixtures.therapistApp(keys: [.enter, .character("v"), .enter, .character("n"), .character("x")])
        XCTAssertEqual(other.update(.key(.escape)), [])
        XCTAssertFalse(other.top.screen.capturesText)
        XCTAssertEqual(other.top.kind, .visitDetail)
    }

    /// On her clinic login her visit screen offers booking and moving, never completed, missed or notes (the
    /// database refuses them to her); on her own file she records her visits as before.
    func testHerClinicLoginIsNotOfferedWhatOnlyHerTherapistRecords() {
        for size in Self.sizes {
            let clinic = text(Fixtures.demo, size, [.character("v"), .enter], .clinicPatient)
            XCTAssertFalse(clinic.contains("c completed") || clinic.contains("m missed") || clinic.contains("n notes"), "\(size): \(clinic)")
        }
        var app = Fixtures.app(Fixtures.demo, keys: [.character("v"), .enter], viewer: .clinicPatient)
        XCTAssertEqual(app.update(.key(.character("n"))), [], "no notes for her to write")
        XCTAssertFalse(app.top.screen.capturesText)
        var own = Fixtures.app(Fixtures.demo, keys: [.character("v"), .enter], viewer: .patient)
        _ = own.update(.key(.character("n")))
        XCTAssertTrue(own.top.screen.capturesText, "on her own file she writes her visit's notes as before")
    }

    func testTheClinicsPatientReadsHerTherapistsNotesOnHerVisit() {
        var s = Fixtures.demo
        guard let plan = s.plan, let i = plan.visits.firstIndex(where: { $0.status == .completed }) else { return XCTFail("the demo has a completed visit") }
        var visits = plan.visits
        visits[i].notes = "Good progress with the bridges."
        s.plan = try! CarePlan(visits: visits)
        let ctx = ScreenContext(snapshot: s, content: Fixtures.content, glyphs: .unicode, viewer: .clinicPatient)
        let screen = Fixtures.draw(VisitDetailScreen(number: plan.visits[i].number), ctx, width: 80, height: 40).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("Notes from your therapist"), screen)
        XCTAssertTrue(screen.contains("Good progress with the bridges."), screen)
    }

    /// The second line behind the screens: an effect her login may not make is never sent, by the same map.
    func testHerClinicLoginNeverSendsARecordOfAVisitOrAReview() throws {
        var app = Fixtures.app(Fixtures.demo, viewer: .clinicPatient)
        var done = try XCTUnwrap(Fixtures.demo.plan?.visits.first { $0.status == .booked })
        done.status = .completed
        XCTAssertEqual(app.allowed([.saveVisit(done)]), [])
        XCTAssertEqual(app.flash?.text, "This login cannot change how her visits went, so nothing was sent.")
        let through = LocalDateTime(date: Fixtures.today, time: Fixtures.noon)
        XCTAssertEqual(app.allowed([.reviewSigns(through: through, entered: 1)]), [])
        var moved = try XCTUnwrap(Fixtures.demo.plan?.visits.first { $0.status == .booked })
        moved.status = .cancelled
        XCTAssertEqual(app.allowed([.saveVisit(moved)]), [.saveVisit(moved)], "cancelling is hers")
        var maria = Fixtures.therapistApp(keys: [.enter])
        XCTAssertEqual(maria.allowed([.saveVisit(done), .reviewSigns(through: through, entered: 1)]), [.saveVisit(done), .reviewSigns(through: through, entered: 1)])
    }
}
