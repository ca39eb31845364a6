import PortalCore

extension ClinicSchema {
    /// The one shape of the server's row rules made after every migration (`textBounds`, `jsonShapes`,
    /// `dateBounds`, `measuresOnScale`, `notAhead`): a BEFORE INSERT OR UPDATE trigger `name` on `table` that
    /// refuses a row for which `condition` holds, with `message` (the `RAISE EXCEPTION` arguments: a quoted
    /// format and its values) as a CHECK would (`check_violation`), for every login but the administrator's (a
    /// superuser, who restores and imports records as they were). Rows already kept are not checked, so making it
    /// never fails on a clinic that holds one. `declare`: the function's variables, if any. The message is said
    /// to her (`ClinicRefusal`), so it names columns in her words (`RecordPart.words`); `detail` (SQL text) names
    /// the tables and columns for the server's log, where the administrator reads it.
    static func refusing(_ name: String, on table: String, when condition: String, raise message: String, detail: String? = nil,
                         declare: String? = nil) -> String {
        """
        CREATE OR REPLACE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog AS $$
        \(declare.map { "DECLARE\n    \($0)\n" } ?? "")BEGIN
            IF current_setting('is_superuser') <> 'on' AND (\(condition)) THEN
                RAISE EXCEPTION \(message)
                    USING ERRCODE = 'check_violation'\(detail.map { ", DETAIL = \($0)" } ?? "");
            END IF;
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER \(name) BEFORE INSERT OR UPDATE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION \(name)();
        """
    }

    /// `text` as an SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
