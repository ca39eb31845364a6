import Foundation
import PortalCore

/// A questionnaire's answers held by the server to the questionnaire itself (qa-h H14: answers of 999999999
/// were kept and shown as "23999999976 of 24 sentences ticked"): each name one of its items, each value one of
/// that item's scale, as the content defines them (`Measure.items`, `Measure.scales`), the one source of both
/// the portal's check (`Measure.validate`) and this. A questionnaire of activities (scored in
/// `measure_activity`, whose map bounds each score) and an id the content does not know are the portal's to
/// refuse. A trigger for every login but the administrator's, made after every migration from the bundled
/// content (like `exercise_library`): rows already kept are not checked.
extension ClinicSchema {
    /// `{measure: {item: [values]}}` of the questionnaires of items in `measures`.
    static func measureScales(_ measures: [Measure]) throws -> String {
        var all: [String: [String: [Int]]] = [:]
        for m in measures where m.kind == .items {
            var items: [String: [Int]] = [:]
            for item in m.items { items[item.id] = m.scale(of: item)?.values ?? [] }
            all[m.id] = items
        }
        let data = try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func measuresOnScale(_ measures: [Measure]) throws -> String {
        let scales = try measureScales(measures).replacingOccurrences(of: "'", with: "''")
        return refusing("measure_response_on_scale", on: "measure_response", when: """
            scales ? NEW.measure_id AND jsonb_typeof(NEW.answers) = 'object'
               AND EXISTS (SELECT 1 FROM jsonb_each(NEW.answers) AS e(name, value)
                           WHERE NOT coalesce((scales -> NEW.measure_id -> e.name) @> e.value, false))
            """, raise: "'every answer of a questionnaire (%) names one of its questions and a value of its scale, as the questionnaire defines them', NEW.measure_id",
            detail: "'measure_response.answers'",
            declare: "scales jsonb := '\(scales)'::jsonb;")
    }
}
