import PortalCore

extension ClinicSchema {
    /// Every JSON column of the record map (`RecordColumn.Kind.jsonObject`) held by the server to the shape the
    /// map's read decodes: an object of names to values of the column's `JSONValue` (a questionnaire's answers,
    /// whole numbers; a check-in's, true or false). Made from the map's columns, not written out per table, so a
    /// JSON column added to the map is guarded without a line here. A row in another shape, written in psql by a
    /// patient on her own record, stopped her therapist's whole caseload (D21).
    ///
    /// A trigger, for every login but the administrator's (a superuser, who restores and imports records as they
    /// were), like `guards`, and like them made again after every migration (not a numbered change): rows already
    /// kept are not checked (the migration cannot fail on them), and the portal's reads name a row it cannot read
    /// on its own line rather than fail (`PortalError.unreadableRow`). `ClinicJSONShapeTests` holds the guard and
    /// the map's read together: what the server accepts as the patient, the map reads.
    static var jsonShapes: String {
        RecordPart.tables.flatMap { table in
            table.columns.compactMap { c -> String? in
                guard case .jsonObject(let value) = c.kind else { return nil }
                return jsonShape(table.name, c.name, value)
            }
        }.joined(separator: "\n")
    }

    /// The condition a value `v` (a `jsonb`) of the object keeps, in SQL.
    static func jsonValueSQL(_ value: RecordColumn.JSONValue, _ v: String) -> String {
        switch value {
        case .integer: return "jsonb_typeof(\(v)) = 'number' AND \(v)::text ~ '^-?[0-9]{1,\(RecordColumn.JSONValue.integerDigits)}$'"
        case .boolean: return "jsonb_typeof(\(v)) = 'boolean'"
        }
    }

    /// The values' kind in the refusal's words.
    static func jsonValueWords(_ value: RecordColumn.JSONValue) -> String {
        switch value {
        case .integer: return "whole numbers of at most \(RecordColumn.JSONValue.integerDigits) digits"
        case .boolean: return "true or false"
        }
    }

    static func jsonShape(_ table: String, _ column: String, _ value: RecordColumn.JSONValue) -> String {
        let name = "\(table)_\(column)_shape"
        return refusing(name, on: table, when: """
            jsonb_typeof(NEW.\(column)) IS DISTINCT FROM 'object'
                OR EXISTS (SELECT 1 FROM jsonb_each(NEW.\(column)) AS e(name, value) WHERE NOT (\(jsonValueSQL(value, "e.value"))))
            """, raise: literal("the \(RecordPart.words(table: table, column: column)) must be a list of names with \(jsonValueWords(value)), as the portal reads them"),
            detail: literal("\(table).\(column) must be a JSON object of names to \(jsonValueWords(value))"))
    }
}
