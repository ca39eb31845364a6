import PortalCore

/// A program week's own rules, held by the database as the editor and `program import` hold them (qa-f F9: a
/// therapist's login published weeks with no exercise, 36 exercises, or exercises the library does not have).
extension ClinicSchema {
    /// 28's part (`v28Turns` runs it): the ids of the content library's exercises (`exercise_library`, filled by
    /// every `clinic init` from the bundled content: `fillExerciseLibrary`), which every prescription names
    /// (a foreign key, NOT VALID: rows written before are not checked again). Only the administrator writes
    /// it; a login reads none of it (row-level security forced, no grant: the foreign key's check does not
    /// need one).
    static let v28Library = """
    CREATE TABLE exercise_library (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64)
    );
    ALTER TABLE exercise_library ENABLE ROW LEVEL SECURITY;
    ALTER TABLE exercise_library FORCE ROW LEVEL SECURITY;
    REVOKE ALL ON exercise_library FROM PUBLIC;
    ALTER TABLE prescription ADD CONSTRAINT prescription_exercise_in_library
        FOREIGN KEY (exercise_id) REFERENCES exercise_library(id) NOT VALID;
    """

    /// Adds the library's exercise ids (`ids`, the bundled content's unless the caller names others) to
    /// `exercise_library`. An id the content no longer has stays: a prescription may still name it.
    static func fillExerciseLibrary(_ db: PGConnection, ids: [String]) throws {
        try db.query("INSERT INTO exercise_library (id) SELECT unnest($1::text[]) ON CONFLICT (id) DO NOTHING",
                     ["{" + ids.map { "\"" + $0 + "\"" }.joined(separator: ",") + "}"])
    }

    /// The bundled content's exercise ids: the one source of `exercise_library`.
    static func libraryExerciseIDs() throws -> [String] {
        try ContentLibrary.bundledOnDemand().exercises.exercises.map(\.id)
    }

    /// The statements of a deferred constraint trigger on a parent table and its children that find the parent row
    /// a write touched: its record (`record_id`) and its key (`variable`), the parent's own row, or a child's
    /// (`childKey`), as it was before a delete. One shape for every such rule (a week's exercises, a questionnaire's
    /// activities).
    static func touchedParent(_ parent: String, key: String, childKey: String, into variable: String) -> String {
        """
        IF TG_TABLE_NAME = '\(parent)' THEN
                record_id := NEW.patient_id;
                \(variable) := NEW.\(key);
            ELSIF TG_OP = 'DELETE' THEN
                record_id := OLD.patient_id;
                \(variable) := OLD.\(childKey);
            ELSE
                record_id := NEW.patient_id;
                \(variable) := NEW.\(childKey);
            END IF;
        """
    }

    /// A published week holds 1 to `ProgramWeekFile.maxPrescriptions` exercises at every commit, whoever writes
    /// and however (`program_week_holds_exercises`, a deferred constraint trigger as `care_plan_has_six_visits`
    /// is for visits: a week is emptied and filled again inside one transaction). A draft may hold any number
    /// while her therapist writes it; the administrator imports records as they were. Made after every
    /// migration.
    static let weekHoldsExercises = """
    CREATE OR REPLACE FUNCTION program_week_holds_exercises() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
        record_id bigint;
        week_number integer;
        n integer;
    BEGIN
        IF current_setting('is_superuser') = 'on' THEN
            RETURN NULL;
        END IF;
        \(touchedParent("program_week", key: "number", childKey: "week", into: "week_number"))
        IF NOT EXISTS (SELECT 1 FROM public.program_week WHERE patient_id = record_id AND number = week_number AND published_at IS NOT NULL) THEN
            RETURN NULL;
        END IF;
        SELECT count(*) INTO n FROM public.prescription WHERE patient_id = record_id AND week = week_number;
        IF n NOT BETWEEN 1 AND \(ProgramWeekFile.maxPrescriptions) THEN
            RAISE EXCEPTION 'week % would have % exercises; a published week has 1 to \(ProgramWeekFile.maxPrescriptions)', week_number, n
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END $$;
    REVOKE ALL ON FUNCTION program_week_holds_exercises() FROM PUBLIC;
    DROP TRIGGER IF EXISTS program_week_holds_exercises ON program_week;
    CREATE CONSTRAINT TRIGGER program_week_holds_exercises AFTER INSERT OR UPDATE OF published_at ON program_week
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION program_week_holds_exercises();
    DROP TRIGGER IF EXISTS program_week_holds_exercises ON prescription;
    CREATE CONSTRAINT TRIGGER program_week_holds_exercises AFTER INSERT OR DELETE OR UPDATE ON prescription
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION program_week_holds_exercises();
    """
}
