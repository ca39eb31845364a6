extension ClinicSchema {
    /// Her details' therapist (`patient.therapist`) is the clinic's, kept by the server from the one place the
    /// clinic keeps it, `therapist_account.display_name` (review point 5: change 31 took her UPDATE of the column
    /// away and copied the name once, but her login could still INSERT any name, and a renamed therapist left the
    /// copy behind). Like the guards it is not a numbered migration: `migrate` makes it again after every
    /// migration (change 32 brings the rows made before it in line). For every login, the administrator's too (an
    /// import's file names the therapist she typed on her own computer):
    ///
    /// - a row of `patient` written (inserted, or changed in any column) while she is in a caseload names her
    ///   therapist by the clinic's name for her, whatever the write says; while she is in no caseload the clinic
    ///   keeps no therapist for her, and the column is what her first details said (her login writes it only then:
    ///   it has no UPDATE of it, change 31);
    /// - a therapist's name changed (`clinic add-therapist LOGIN --name`) is her patients' at once;
    /// - a patient moved to another caseload names her new therapist; moved out of any, none ('').
    ///
    /// The trigger reads as the login writing: her own `patient_account` row and her own therapist's row, which
    /// her login reads anyway (`patient_self`, `patient_reads_her_therapist`); no SECURITY DEFINER is needed.
    static let therapistNames = """
    CREATE OR REPLACE FUNCTION patient_therapist_is_the_clinics() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    DECLARE
        role text;
        name text;
    BEGIN
        SELECT a.therapist_role, t.display_name INTO role, name
        FROM public.patient_account a LEFT JOIN public.therapist_account t ON t.role_name = a.therapist_role
        WHERE a.patient_id = NEW.patient_id;
        IF role IS NOT NULL THEN
            NEW.therapist := coalesce(name, role);
        END IF;
        RETURN NEW;
    END $$;
    CREATE OR REPLACE TRIGGER patient_therapist_is_the_clinics BEFORE INSERT OR UPDATE ON patient
        FOR EACH ROW EXECUTE FUNCTION patient_therapist_is_the_clinics();

    CREATE OR REPLACE FUNCTION therapist_name_to_her_patients() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        UPDATE public.patient p SET therapist = NEW.display_name FROM public.patient_account a
        WHERE a.patient_id = p.patient_id AND a.therapist_role = NEW.role_name AND p.therapist IS DISTINCT FROM NEW.display_name;
        RETURN NULL;
    END $$;
    CREATE OR REPLACE TRIGGER therapist_name_to_her_patients AFTER UPDATE OF display_name ON therapist_account
        FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION therapist_name_to_her_patients();

    CREATE OR REPLACE FUNCTION patient_moved_names_her_therapist() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
    BEGIN
        -- None, unless she has a therapist now, whom the row's own trigger (`patient_therapist_is_the_clinics`) names.
        UPDATE public.patient SET therapist = '' WHERE patient_id = NEW.patient_id;
        RETURN NULL;
    END $$;
    CREATE OR REPLACE TRIGGER patient_moved_names_her_therapist AFTER UPDATE OF therapist_role ON patient_account
        FOR EACH ROW WHEN (OLD.therapist_role IS DISTINCT FROM NEW.therapist_role) EXECUTE FUNCTION patient_moved_names_her_therapist();
    """
}
