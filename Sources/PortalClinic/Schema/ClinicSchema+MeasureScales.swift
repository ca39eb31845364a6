import Foundation
import PortalCore

/// A questionnaire's answers held by the server to the questionnaire itself (qa-h H14: answers of 999999999
/// were kept and shown as "23999999976 of 24 sentences ticked"): each name one of its items, each value one of
/// that item's scale, as the content defines them (`Measure.items`, `Measure.scales`), the one source of both
/// the portal's check (`Measure.validate`) and this. Its id is one of the content's, and a questionnaire of
/// activities (PSFS, scored in `measure_activity`, whose map bounds each score) holds as many activities as it
/// takes (`Measure.activities`) at every commit (qa-m M9: an id "foo" and a PSFS of none were kept, and her
/// therapist's caseload said "new results: foo" and a PSFS of 0.0). Triggers for every login but the
/// administrator's, made after every migration from the bundled content (like `exercise_library`): rows already
/// kept are not checked.
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

    /// Every rule of this file, for `migrate`.
    static func measureRules(_ measures: [Measure]) throws -> String {
        [try measuresOnScale(measures), measuresKnown(measures), try measuresHoldTheirActivities(measures)].joined(separator: "\n")
    }

    /// A response names a questionnaire of the content (M9).
    static func measuresKnown(_ measures: [Measure]) -> String {
        let ids = measures.map { "'" + $0.id.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        return refusing("measure_response_known", on: "measure_response", when: "NOT (NEW.measure_id = ANY (ARRAY[\(ids)]::text[]))",
                        raise: "'measure_response: % is not a questionnaire of this portal', NEW.measure_id")
    }

    /// `{measure: [fewest, most]}` of the questionnaires of activities in `measures`.
    static func activityCounts(_ measures: [Measure]) throws -> String {
        var all: [String: [Int]] = [:]
        for m in measures where m.kind == .activities { if let a = m.activities { all[m.id] = [a.min, a.max] } }
        return String(decoding: try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A questionnaire of activities holds `Measure.activities.min` to `.max` of them at every commit (M9): its
    /// activities are written after the response, in the same transaction, so the count is taken at commit (a
    /// deferred constraint trigger, as `care_plan_has_six_visits` counts visits), on a new or changed response and
    /// on every activity added, moved or taken away. It reads as the login writing (her own rows), so it needs no
    /// owner's rights. A response deleted with its activities is not counted.
    static func measuresHoldTheirActivities(_ measures: [Measure]) throws -> String {
        let counts = try activityCounts(measures).replacingOccurrences(of: "'", with: "''")
        return """
        CREATE OR REPLACE FUNCTION measure_response_holds_activities() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            counts jsonb := '\(counts)'::jsonb;
            record_id bigint;
            response bigint;
            measure text;
            n integer;
        BEGIN
            IF current_setting('is_superuser') = 'on' THEN
                RETURN NULL;
            END IF;
            \(touchedParent("measure_response", key: "id", childKey: "response_id", into: "response"))
            SELECT r.measure_id INTO measure FROM public.measure_response r WHERE r.patient_id = record_id AND r.id = response;
            IF measure IS NULL OR NOT counts ? measure THEN
                RETURN NULL;
            END IF;
            SELECT count(*) INTO n FROM public.measure_activity a WHERE a.patient_id = record_id AND a.response_id = response;
            IF n NOT BETWEEN (counts -> measure ->> 0)::integer AND (counts -> measure ->> 1)::integer THEN
                RAISE EXCEPTION 'measure_response: % takes % to % activities, each rated; this one would have %',
                    measure, counts -> measure ->> 0, counts -> measure ->> 1, n
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS measure_response_holds_activities ON measure_response;
        CREATE CONSTRAINT TRIGGER measure_response_holds_activities AFTER INSERT OR UPDATE ON measure_response
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION measure_response_holds_activities();
        DROP TRIGGER IF EXISTS measure_response_holds_activities ON measure_activity;
        CREATE CONSTRAINT TRIGGER measure_response_holds_activities AFTER INSERT OR DELETE OR UPDATE ON measure_activity
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION measure_response_holds_activities();
        """
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
