import ClinicTestSupport
import Foundation
@testable import PortalClinic
@testable import PortalCore
import StoreTestSupport
import XCTest

/// D21, point 2: the server refuses, from a patient's own login in SQL, a JSON column of her record in a shape the
/// map's read does not decode (`ClinicSchema.jsonShapes`, made from the map's `jsonObject` columns), and whatever it
/// accepts the map reads.
final class ClinicJSONShapeTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// The values probed for each kind of value, and whether the server accepts them as the patient.
    static func probes(_ value: RecordColumn.JSONValue) -> [(String, Bool)] {
        let common: [(String, Bool)] = [
            ("{}", true),
            (#"{"answers":"garbage"}"#, false), (#"{"x":[1,2,{"y":null}]}"#, false), (#"{"a":null}"#, false),
            (#"{"a":{"b":1}}"#, false), ("[]", false), ("7", false), (#""text""#, false), ("null", false),
        ]
        switch value {
        case .integer:
            // The shape the map reads, and, since qa-h H14, only the questionnaire's own items and values (rmdq: items
            // "1"…"24", each ticked 1 or not 0): a number of the right shape off the scale is refused as well.
            return common + [(#"{"1":0,"2":1}"#, true), (#"{"a":-2}"#, false), (#"{"a":999999999}"#, false), (#"{"a":1e2}"#, false),
                             (#"{"1":3}"#, false), (#"{"q1":0}"#, false),
                             (#"{"a":1234567890}"#, false), (#"{"a":99999999999999999999}"#, false), (#"{"a":1.5}"#, false),
                             (#"{"a":3.0}"#, false), (#"{"a":true}"#, false), (#"{"a":"3"}"#, false)]
        case .boolean:
            return common + [(#"{"leak-cough":true,"urgency":false}"#, true), (#"{"a":1}"#, false), (#"{"a":"true"}"#, false)]
        }
    }

    /// A row of `table` as the patient writes it, `json` in its JSON column: the insert, and its parameters after
    /// her id ($1) and the JSON ($2).
    static func insert(_ table: RecordTable, _ column: String) throws -> String {
        switch (table.name, column) {
        case ("measure_response", "answers"):
            return "INSERT INTO measure_response (patient_id, measure_id, taken_on, answers) VALUES ($1, 'rmdq', '2026-11-26', $2::jsonb)"
        case ("quiz_result", "answers"):
            return "INSERT INTO quiz_result (patient_id, taken_on, answers) VALUES ($1, '2026-11-26', $2::jsonb)"
        default:
            throw PortalError.notFound("No probe row for \(table.name).\(column): add one here, so its shape is held too.")
        }
    }

    func testAPatientInSQLCannotWriteAJSONColumnTheMapCannotReadAndWhatSheCanTheMapReads() throws {
        let c = try Self.cluster.get()
        let patient = try c.newPatient(therapist: try c.newTherapist())
        let sql = try PGConnection(c.conninfo(patient))
        let id = try XCTUnwrap(try sql.query("SELECT patient_id FROM patient_account WHERE role_name = current_user").rows.first?.int64("patient_id"))
        let store = try PostgresStore.open(c.conninfo(patient))
        let clock = PortalClock(today: day("2026-11-27"), time: time("12:00"))
        var columns: [String] = []
        for table in RecordPart.tables {
            for column in table.columns {
                guard case .jsonObject(let value) = column.kind else { continue }
                columns.append("\(table.name).\(column.name)")
                let insert = try Self.insert(table, column.name)
                for (json, accepted) in Self.probes(value) {
                    let what = "\(table.name).\(column.name) = \(json)"
                    do {
                        _ = try sql.query(insert, [id, json])
                        XCTAssertTrue(accepted, "\(what): accepted from her login in SQL")
                        // What the server accepts, the map reads (her own portal and her therapist's caseload).
                        let s = try store.snapshot(clock: clock)
                        XCTAssertEqual(s.record.measureResponses.count + s.record.quizResults.count, 1, what)
                        if table.name == MeasureMap.responses.name, json == #"{"1":0,"2":1}"# {
                            XCTAssertEqual(s.record.measureResponses.first?.answers, ["1": 0, "2": 1])
                        }
                        _ = try sql.query(ClinicWorld.deleting(table.name), [id])
                    } catch {
                        XCTAssertFalse(accepted, "\(what): \(error)")
                        if !accepted {
                            XCTAssertTrue("\(error)".contains("as the portal reads") || "\(error)".contains("invalid input syntax")
                                      || "\(error)".contains("as the questionnaire defines them"), "\(what): \(error)")
                        }
                    }
                }
            }
        }
        XCTAssertEqual(columns.sorted(), ["measure_response.answers", "quiz_result.answers"], "every JSON column of the map is probed")
        // The portal's own writes keep the shape: a questionnaire and a check-in saved as she saves them.
        let rules = EntryRules(now: at("2026-11-27T12:00"), content: sharedContent)
        try store.add(MeasureResponse(measureID: "psfs", date: day("2026-11-26"),
                                      activities: [RatedActivity("Lifting", 3), RatedActivity("Walking", 4), RatedActivity("Sitting", 4)]), rules: rules)
        try store.saveQuizResult(QuizResult(date: day("2026-11-26"), answers: ["leak-cough": true, "urgency": false]))
        XCTAssertEqual(try store.snapshot(clock: clock).record.quizResults.first?.answers, ["leak-cough": true, "urgency": false])
    }
}
