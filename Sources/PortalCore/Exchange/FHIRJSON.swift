import Foundation

/// A JSON value for building FHIR resources as literals: `["resourceType": "Patient", "active": true]`.
public indirect enum FHIRJSON: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([FHIRJSON])
    case object([String: FHIRJSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FHIRJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, FHIRJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// An object with `key` set (FHIR leaves out empty elements, so optional parts are added only when present).
    func with(_ key: String, _ value: FHIRJSON?) -> FHIRJSON {
        guard case .object(var o) = self, let value else { return self }
        if case .array(let a) = value, a.isEmpty { return self }
        if case .string(let s) = value, s.isEmpty { return self }
        o[key] = value
        return .object(o)
    }
}
