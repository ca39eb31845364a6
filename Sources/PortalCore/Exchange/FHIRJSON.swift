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
    case object(Members)

    /// An object's members, each key once, kept in the order they are written (`JSONEncoder`'s `.sortedKeys`:
    /// by the keys' UTF-8 bytes), so writing them is a walk: no hashing, no sort per object written.
    public struct Members: Sendable, Equatable {
        public struct Member: Sendable, Equatable {
            public let key: String
            public var value: FHIRJSON
        }
        public private(set) var list: [Member] = []

        init(_ pairs: [(String, FHIRJSON)]) {
            list.reserveCapacity(pairs.count)
            for (key, value) in pairs { self[key] = value }
        }

        public subscript(key: String) -> FHIRJSON? {
            get { list.first { $0.key == key }?.value }
            set {
                if let i = list.firstIndex(where: { $0.key == key }) {
                    if let newValue { list[i].value = newValue } else { list.remove(at: i) }
                } else if let newValue {
                    let at = list.firstIndex { key.utf8.lexicographicallyPrecedes($0.key.utf8) } ?? list.count
                    list.insert(Member(key: key, value: newValue), at: at)
                }
            }
        }
    }

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FHIRJSON...) { self = .array(elements) }
    /// A repeated key keeps its last value, as a Dictionary literal made with `uniquingKeysWith: { $1 }` did.
    public init(dictionaryLiteral elements: (String, FHIRJSON)...) { self = .object(Members(elements)) }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .decimal(let d): try c.encode(Decimal(string: d) ?? 0)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(Dictionary(uniqueKeysWithValues: o.list.map { ($0.key, $0.value) }))
        }
    }

    /// The value as JSON, byte for byte what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (`FHIRJSONTests` holds the two side by side), written straight into bytes:
    /// going through the Encoder protocol took four fifths of a ten-year FHIR export.
    public func prettyJSON() -> Data {
        let out = JSONBytes()
        write(into: out, depth: 0)
        return out.data()
    }

    /// Writes the value at `depth` (the indentation of the line it starts on) into `out`.
    func write(into out: JSONBytes, depth: Int) {
        switch self {
        case .string(let s): out.string(s)
        case .int(let i): out.int(i)
        case .decimal(let d): out.raw(d)
        case .bool(let b): out.raw(b ? "true" : "false")
        case .array(let items):
            out.byte(UInt8(ascii: "["))
            out.byte(UInt8(ascii: "\n"))
            for (n, item) in items.enumerated() {
                if n > 0 { out.byte(UInt8(ascii: ",")); out.byte(UInt8(ascii: "\n")) }
                out.indent(depth + 1)
                item.write(into: out, depth: depth + 1)
            }
            out.byte(UInt8(ascii: "\n"))
            out.indent(depth)
            out.byte(UInt8(ascii: "]"))
        case .object(let members):
            out.byte(UInt8(ascii: "{"))
            out.byte(UInt8(ascii: "\n"))
            for (n, member) in members.list.enumerated() {
                if n > 0 { out.byte(UInt8(ascii: ",")); out.byte(UInt8(ascii: "\n")) }
                out.indent(depth + 1)
                out.key(member.key)
                member.value.write(into: out, depth: depth + 1)
            }
            out.byte(UInt8(ascii: "\n"))
            out.indent(depth)
            out.byte(UInt8(ascii: "}"))
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

/// The bytes of a JSON text as it is written: one growing buffer of its own (handed over to the `Data` at the
/// end without a copy), indentation copied from a line of spaces, strings escaped as `JSONEncoder` escapes them.
final class JSONBytes {
    private var base: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// The bytes written, as Data that owns them (the buffer shrunk to fit, not copied); nothing more can be
    /// written after.
    func data() -> Data {
        let fitted = realloc(base, max(count, 1))!
        base = nil
        capacity = 0
        return Data(bytesNoCopy: fitted, count: count, deallocator: .free)
    }

    /// Room for `n` more bytes: the buffer doubles (realloc moves a large one by remapping its pages, not copying).
    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        precondition(base != nil, "written after data()")
        var newCapacity = capacity * 2
        while count + n > newCapacity { newCapacity *= 2 }
        base = realloc(base, newCapacity)!.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    func byte(_ b: UInt8) {
        reserve(1)
        base.unsafelyUnwrapped[count] = b
        count += 1
    }

    func bytes(_ p: UnsafeBufferPointer<UInt8>) {
        guard let from = p.baseAddress, p.count > 0 else { return }
        reserve(p.count)
        (base.unsafelyUnwrapped + count).update(from: from, count: p.count)
        count += p.count
    }

    /// Text written as it is (numbers, `true`, an already-written piece).
    func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes($0) }
    }

    func int(_ i: Int) { raw(String(i)) }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Two spaces a level, as `.prettyPrinted` indents.
    func indent(_ depth: Int) {
        var left = 2 * depth
        while left > 0 {
            let n = min(left, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// `"key" : `.
    func key(_ k: String) {
        string(k)
        byte(UInt8(ascii: " ")); byte(UInt8(ascii: ":")); byte(UInt8(ascii: " "))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: quote, backslash and control characters escaped (the usual short forms, else
    /// `\u00xx`), everything else as its UTF-8 bytes, slashes included. Runs of bytes that need no escape are
    /// copied at once.
    func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "\\"))
                case 0x0A: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "n"))
                case 0x0D: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "r"))
                case 0x09: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "t"))
                case 0x08: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "b"))
                case 0x0C: byte(UInt8(ascii: "\\")); byte(UInt8(ascii: "f"))
                default:
                    raw("\\u00")
                    byte(Self.hexDigits[Int(b >> 4)])
                    byte(Self.hexDigits[Int(b & 0x0F)])
                }
            }
            bytes(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        byte(UInt8(ascii: "\""))
    }
}
