import Foundation

/// A JSON value for building FHIR resources as literals: `["resourceType": "Patient", "active": true]`.
public indirect enum FHIRJSON: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    /// A decimal number written as it is given ("3.7"): FHIR decimals keep their precision as written.
    case decimal(String)
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
        case .decimal(let d): try c.encode(Decimal(string: d) ?? 0)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value as JSON, byte for byte what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (`FHIRJSONTests` holds the two side by side), written straight into bytes:
    /// going through the Encoder protocol took four fifths of a ten-year FHIR export.
    public func prettyJSON() -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, depth: 0)
        return Data(out)
    }

    private func write(into out: inout [UInt8], depth: Int) {
        func indent(_ n: Int) { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * n)) }
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .decimal(let d): out.append(contentsOf: d.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: "\n")) }
                indent(depth + 1)
                item.write(into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "\n"))
            indent(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            // Sorted as JSONEncoder sorts them: by their UTF-8 bytes.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: "\n")) }
                indent(depth + 1)
                Self.writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                members[key]!.write(into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "\n"))
            indent(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: quote, backslash and control characters escaped (the usual short forms, else
    /// `\u00xx`), everything else as its UTF-8 bytes, slashes included.
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
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
