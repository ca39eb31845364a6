import CLibPQ
import PortalCore

/// The rows a statement returned, copied out of libpq's result as text (libpq's text format).
public struct PGResult: Sendable {
    public let rows: [PGRow]
    /// Rows inserted, updated or deleted (`PQcmdTuples`), 0 for a statement that changes none.
    public let affected: Int

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        var names: [String: Int] = [:]
        for c in 0..<columnCount { names[String(cString: PQfname(result, Int32(c)))] = c }
        var rows: [PGRow] = []
        for r in 0..<Int(PQntuples(result)) {
            let values: [String?] = (0..<columnCount).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            }
            rows.append(PGRow(values: values, columns: names))
        }
        self.rows = rows
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}

/// One row, read by column name. A missing or unreadable value throws: it means the schema and the code
/// disagree, which a patient should hear about as a storage problem rather than see as a crash.
public struct PGRow: Sendable {
    let values: [String?]
    let columns: [String: Int]

    /// The value of `column`, nil when NULL.
    public func optional(_ column: String) throws -> String? {
        guard let i = columns[column] else { throw PGError.unreadable(column).portalError }
        return values[i]
    }

    public func text(_ column: String) throws -> String {
        guard let v = try optional(column) else { throw PGError.unreadable(column).portalError }
        return v
    }

    public func int(_ column: String) throws -> Int {
        guard let v = Int(try text(column)) else { throw PGError.unreadable(column).portalError }
        return v
    }

    public func int64(_ column: String) throws -> Int64 {
        guard let v = Int64(try text(column)) else { throw PGError.unreadable(column).portalError }
        return v
    }

    /// A value parsed by `parse` (a date, a time), throwing when it does not parse.
    public func parsed<T>(_ column: String, _ parse: (String) -> T?) throws -> T {
        guard let v = parse(try text(column)) else { throw PGError.unreadable(column).portalError }
        return v
    }
}
