import Foundation
import XCTest
@testable import PortalCore
import StoreTestSupport

/// The outcome measures in FHIR: a Questionnaire per measure, a QuestionnaireResponse per filling, the score
/// as an Observation derived from it. Checked with the real parser (fhir.resources' R4B models, through
/// Tests/Validation/validate_exports.py) and by reading the JSON back.
final class FHIRMeasuresTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private let psfs = sharedContent.measure("psfs")!
    private let rmdq = sharedContent.measure("rmdq")!
    private let checkIn = sharedContent.measure(Measure.checkInID)!

    private var responses: [MeasureResponse] {
        let ticks = { (n: Int) in Dictionary(uniqueKeysWithValues: (1...24).map { (String($0), $0 <= n ? 1 : 0) }) }
        return [
            MeasureResponse(id: 1, measureID: "psfs", date: day("2026-11-02"),
                            activities: [RatedActivity("Lifting my baby", 3), RatedActivity("Walking to the shops", 4), RatedActivity("Getting out of bed", 4)]),
            MeasureResponse(id: 2, measureID: "psfs", date: day("2026-11-27"),
                            activities: [RatedActivity("Lifting my baby", 6), RatedActivity("Walking to the shops", 7), RatedActivity("Getting out of bed", 6)]),
            MeasureResponse(id: 3, measureID: "rmdq", date: day("2026-11-02"), answers: ticks(5)),
            MeasureResponse(id: 4, measureID: "rmdq", date: day("2026-11-27"), answers: ticks(9)),
            QuizResult(id: 5, date: day("2026-11-27"), answers: Dictionary(uniqueKeysWithValues: checkIn.items.map { ($0.id, $0.id == "burning") })).measureResponse,
        ]
    }

    /// A Bundle of the Patient and, for each measure, its Questionnaire, responses and scores.
    private func bundle() throws -> (FHIRJSON, ExportData) {
        let data = try ExportData.load(from: try makeMemoryStore(), content: sharedContent, today: day("2026-11-27"))
        let b = FHIRExport.Builder(data: data)
        var entries: [FHIRJSON] = [b.entry(b.patient())]
        for m in [psfs, rmdq, checkIn] {
            let mine = responses.filter { $0.measureID == m.id }
            entries.append(b.entry(b.measureQuestionnaire(m)))
            for (i, r) in mine.enumerated() {
                entries.append(b.entry(b.measureResponse(m, r)))
                entries.append(b.entry(b.measureScore(m, r, history: Array(mine[...i]))))
            }
        }
        return (["resourceType": "Bundle", "id": .string(data.uuid("bundle/test")), "type": "collection",
                 "timestamp": "2026-11-27T12:00:00Z", "entry": .array(entries)], data)
    }

    private func object(_ json: FHIRJSON) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: json.prettyJSON()) as? [String: Any])
    }

    /// Review: the FHIR score's note compared with the first response only, while the screen, the report and the
    /// CSV compare each PSFS activity with its own first rating. An activity first rated at the second response
    /// (Stairs) counts in the third's change there, and now in FHIR too.
    func testTheFHIRChangeReadsEveryResponseAsTheReportDoes() throws {
        let data = try ExportData.load(from: try makeMemoryStore(), content: sharedContent, today: day("2026-11-27"))
        let b = FHIRExport.Builder(data: data)
        let rounds = [
            MeasureResponse(id: 1, measureID: "psfs", date: day("2026-11-02"), activities: [RatedActivity("Walking", 2)]),
            MeasureResponse(id: 2, measureID: "psfs", date: day("2026-11-09"), activities: [RatedActivity("Stairs", 1)]),
            MeasureResponse(id: 3, measureID: "psfs", date: day("2026-11-27"), activities: [RatedActivity("Walking", 3), RatedActivity("Stairs", 9)]),
        ]
        let whole = try XCTUnwrap(psfs.change(rounds)?.sentence)
        XCTAssertNotEqual(whole, psfs.change([rounds[0], rounds[2]])?.sentence, "the example tells the two readings apart")
        let note = try object(b.measureScore(psfs, rounds[2], history: rounds))["note"] as? [[String: String]]
        XCTAssertEqual(note?.first?["text"], whole)
    }

    func testTheScoreIsAnObservationDerivedFromTheResponseWithTheChangeInWords() throws {
        let data = try ExportData.load(from: try makeMemoryStore(), content: sharedContent, today: day("2026-11-27"))
        let b = FHIRExport.Builder(data: data)
        let later = try object(b.measureScore(psfs, responses[1], history: [responses[0], responses[1]]))
        XCTAssertEqual((later["derivedFrom"] as? [[String: String]])?.first?["reference"], "urn:uuid:" + b.measureResponseID(psfs, responses[1]))
        let quantity = try XCTUnwrap(later["valueQuantity"] as? [String: Any])
        XCTAssertEqual(quantity["value"] as? Double, 6.3, "the mean with the measure's one decimal")
        XCTAssertEqual(quantity["code"] as? String, "{score}")
        let coding = try XCTUnwrap(((later["code"] as? [String: Any])?["coding"] as? [[String: String]])?.first)
        XCTAssertEqual(coding["system"], FHIRCodes.portalMeasure, "PSFS has no LOINC code, so the local one")
        XCTAssertEqual(coding["code"], "psfs-total")
        XCTAssertEqual((later["note"] as? [[String: String]])?.first?["text"], psfs.change([responses[0], responses[1]])?.sentence)
        let first = try object(b.measureScore(psfs, responses[0], history: [responses[0]]))
        XCTAssertNil(first["note"], "the first time has no change to tell")
        let back = try object(b.measureScore(rmdq, responses[3], history: [responses[2], responses[3]]))
        XCTAssertEqual(back["valueInteger"] as? Int, 9)
        let checkInScore = try object(b.measureScore(checkIn, responses[4]))
        XCTAssertEqual(checkInScore["valueInteger"] as? Int, 1)
        let components = try XCTUnwrap(checkInScore["component"] as? [[String: Any]])
        XCTAssertEqual(components.count, checkIn.subscales.count, "each area as a component")
    }

    func testAQuestionnaireCarriesThePublishedWordingAndTheLicence() throws {
        let data = try ExportData.load(from: try makeMemoryStore(), content: sharedContent, today: day("2026-11-27"))
        let b = FHIRExport.Builder(data: data)
        let q = try object(b.measureQuestionnaire(rmdq))
        XCTAssertEqual(q["name"] as? String, "RolandMorrisDisabilityQuestionnaire")
        let items = try XCTUnwrap(q["item"] as? [[String: Any]])
        XCTAssertEqual(items.count, 25, "24 sentences and the total score")
        XCTAssertEqual(items[8]["text"] as? String, "I get dressed more slowly then usual because of my back.", "unchanged, as printed")
        XCTAssertEqual(items.last?["linkId"] as? String, "total-score")
        XCTAssertEqual(items.last?["readOnly"] as? Bool, true)
        XCTAssertTrue((q["copyright"] as? String)?.contains("no permission is required") == true)
    }

    func testTheMeasuresValidateAsFHIRR4B() throws {
        let python = Self.packageRoot.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("No Python venv at \(python): run `make test`, which creates it with fhir.resources.")
        }
        let folder = try makeTempFolder(self)
        let file = folder.appendingPathComponent("measures.json")
        try bundle().0.prettyJSON().write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/Validation/validate_exports.py").path, "fhir", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        XCTAssertEqual(summary["problems"] as? [String], [], text)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertEqual(summary["resources"] as? [String: Int],
                       ["Patient": 1, "Questionnaire": 3, "QuestionnaireResponse": 5, "Observation": 5])
        let scores = try XCTUnwrap(summary["measureScores"] as? [[String: Any]])
        XCTAssertEqual(scores.map { "\($0["code"]!) \($0["date"]!) \($0["value"]!)" },
                       ["psfs-total 2026-11-02 3.7", "psfs-total 2026-11-27 6.3", "rmdq-total 2026-11-02 5", "rmdq-total 2026-11-27 9",
                        "pelvic-floor-check-in-total 2026-11-27 1"])
        XCTAssertTrue((scores[3]["note"] as? String)?.contains("please tell your therapist") == true)
        XCTAssertEqual((scores[4]["components"] as? [String: Int])?["Burning or pain when you pee"], 1)
        let answered = (summary["responses"] as? [[String: Any]])?.map { $0["answers"] as? Int }
        XCTAssertEqual(answered, [7, 7, 25, 25, 13], "PSFS: 3 activities of name and rating and the total; RMDQ 24 and the total; the check-in 12 and the total")
    }

    /// A whole record with every part (a leak in the bladder diary, a bowel entry, a PSFS among them), exported
    /// the way `portal export --format fhir` does, parses with fhir.resources and carries each diary entry.
    func testAWholeRecordWithTheDiariesAndAMeasureValidates() throws {
        let python = Self.packageRoot.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("No Python venv at \(python).") }
        let store = try SQLiteStore.inMemory()
        try RecordSamples.fill(store, content: sharedContent)
        let data = ExportData(today: RecordSamples.today, timeZone: TimeZone(identifier: "UTC")!, record: try store.record(.whole),
                              identity: "samples", content: sharedContent)
        let file = try makeTempFolder(self).appendingPathComponent("whole.json")
        try FHIRExport.bundle(data).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/Validation/validate_exports.py").path, "fhir", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        XCTAssertEqual(summary["problems"] as? [String], [], text)
        XCTAssertEqual(process.terminationStatus, 0, text)
        let diaries = try XCTUnwrap(summary["diaries"] as? [[String: Any]], text)
        XCTAssertEqual(diaries.map { $0["what"] as? String }, ["Bladder diary: leak", "Bowel log: stool form (Bristol scale, 1 to 7)"])
        XCTAssertEqual(diaries[0]["effective"] as? String, "2026-11-25T07:20:00+00:00")
        XCTAssertEqual((diaries[0]["components"] as? [String: Any])?["Kind of leak"] as? String, "stress")
        XCTAssertEqual(diaries[1]["value"] as? Int, 2)
        let scores = try XCTUnwrap(summary["measureScores"] as? [[String: Any]])
        XCTAssertEqual(scores.map { $0["code"] as? String }, ["psfs-total"])
        XCTAssertEqual((scores.first?["value"] as? NSNumber)?.doubleValue, 5.0, "(4 + 6 + 5) / 3")
    }

    func testTheValidatorCatchesAnAnswerThatIsNotAnOption() throws {
        let python = Self.packageRoot.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("No Python venv at \(python).") }
        let folder = try makeTempFolder(self)
        let file = folder.appendingPathComponent("broken.json")
        // A tick answered 2 in the first Roland-Morris response: not one of the scale's answers.
        var json = try object(bundle().0)
        var entries = try XCTUnwrap(json["entry"] as? [[String: Any]])
        let index = try XCTUnwrap(entries.firstIndex {
            let r = $0["resource"] as? [String: Any]
            return r?["resourceType"] as? String == "QuestionnaireResponse" && (r?["item"] as? [Any])?.count == 25
        })
        var resource = try XCTUnwrap(entries[index]["resource"] as? [String: Any])
        var items = try XCTUnwrap(resource["item"] as? [[String: Any]])
        var coding = try XCTUnwrap(((items[0]["answer"] as? [[String: Any]])?.first?["valueCoding"]) as? [String: Any])
        coding["code"] = "2"
        items[0]["answer"] = [["valueCoding": coding]]
        resource["item"] = items
        entries[index]["resource"] = resource
        json["entry"] = entries
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        try Data(broken.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/Validation/validate_exports.py").path, "fhir", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, text)
        XCTAssertTrue(text.contains("is not one of its options"), text)
    }
}
