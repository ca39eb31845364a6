import XCTest
@testable import PortalCore

final class SafetyTests: XCTestCase {
    let guide = sharedContent.safety
    let today = day("2026-11-27")

    func testHighPainRaisesTheContactYourProviderMessage() {
        let e = [PainEntry(date: today, time: time("08:00"), score: 8)]
        let alerts = SafetyRules.alerts(for: e, guide: guide, today: today)
        XCTAssertEqual(alerts.map(\.level), [.highPain])
        XCTAssertEqual(alerts.first?.advice, guide.painAdvice)
        XCTAssertTrue(SafetyRules.alerts(for: [PainEntry(date: today, time: time("08:00"), score: 7)], guide: guide, today: today).isEmpty)
    }

    func testOldEntriesNoLongerAlert() {
        let e = [PainEntry(date: today.adding(days: -2), time: time("08:00"), score: 9)]
        XCTAssertTrue(SafetyRules.alerts(for: e, guide: guide, today: today).isEmpty)
    }

    func testEmergencySignsComeFirst() throws {
        let emergency = try XCTUnwrap(guide.signs.first { $0.urgency == .emergency })
        let provider = try XCTUnwrap(guide.signs.first { $0.urgency == .provider })
        let e = [PainEntry(date: today, time: time("08:00"), score: 9, warningSigns: [provider.id, emergency.id])]
        let alerts = SafetyRules.alerts(for: e, guide: guide, today: today)
        XCTAssertEqual(alerts.map(\.level), [.emergency, .highPain])
        XCTAssertTrue(alerts[0].headline.contains(emergency.text))
    }

    func testSignsFollowTheStage() {
        let pregnant = guide.signs(for: .pregnant(dueDate: day("2027-02-01"))).map(\.stage)
        let postpartum = guide.signs(for: .postpartum(birthDate: day("2026-10-01"), delivery: .vaginal)).map(\.stage)
        XCTAssertFalse(pregnant.contains(.postpartum))
        XCTAssertFalse(postpartum.contains(.pregnant))
        XCTAssertTrue(pregnant.contains(.pregnant))
    }
}
