import Foundation
@testable import PortalCore
import StoreTestSupport
import XCTest

/// The FHIR export writes its JSON itself, faster than JSONEncoder; it must write the very same bytes.
final class FHIRJSONTests: XCTestCase {
    func encoded(_ value: FHIRJSON) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    func testWritesWhatJSONEncoderWrites() throws {
        let awkward: FHIRJSON = [
            "a10": 1, "a2": -2, "B": true, "a": [], "_x": [:], "aB": 0, "ab": false, "Ab": "",
            "text": .string("q\"\\/\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é \u{2028} 😀 https://x/y"),
            "nested": [1, ["k": ["deep": [[:], []]]], [false, "s"]],
            "score": .decimal("3.7"), "whole": .decimal("6"), "negative": .decimal("-0.25"),
        ]
        XCTAssertEqual(String(decoding: awkward.prettyJSON(), as: UTF8.self), String(decoding: try encoded(awkward), as: UTF8.self))
        for scalar: FHIRJSON in ["x", 0, true, [], [:]] {
            XCTAssertEqual(scalar.prettyJSON(), try encoded(scalar))
        }
    }

    func testAWholeBundleIsTheSameByteForByte() throws {
        let (store, _) = try makeStore(self)
        try store.addPainEntry(PainEntry(date: day("2026-11-03"), time: time("08:15"), score: 4,
                                         sites: [SiteSide(.buttock, .right), SiteSide(.lowBack)], triggers: [.stairs],
                                         note: "Après la marche / \"stairs\"\n", warningSigns: []), now: at("2026-11-04T09:00"))
        try store.markDone(exerciseID: "clamshell", on: day("2026-11-04"), today: day("2026-11-04"), sets: 1, pain: 3)
        try store.saveQuizResult(QuizResult(date: day("2026-11-04"), answers: ["leak-cough-sneeze": true]))
        let data = try ExportData.load(from: store, content: sharedContent, today: day("2026-11-27"),
                                       timeZone: TimeZone(identifier: "America/New_York")!)
        let bundle = FHIRExport.bundleJSON(data)
        XCTAssertEqual(try FHIRExport.bundle(data), try encoded(bundle))
    }
}
