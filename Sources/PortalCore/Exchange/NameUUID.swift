import Foundation

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name). The same name always gives the
/// same UUID, so a calendar event or a FHIR resource keeps its identity from one export to the next.
public enum NameUUID {
    /// The portal's own namespace (a random UUID chosen once).
    static let namespace: [UInt8] = [0x3b, 0x8e, 0x5f, 0x0a, 0x91, 0x2c, 0x4d, 0x6e, 0xa7, 0x13, 0x5c, 0x2b, 0x88, 0x40, 0xd1, 0x7f]

    public static func make(_ name: String) -> String {
        var name = name
        var digest = name.withUTF8 { SHA1.digest(prefix: namespace, $0) }
        // Version 5, RFC 9562 variant.
        digest.1 = digest.1 & 0xFFFF_0FFF | 0x0000_5000  // bytes 4–7: byte 6's high nibble is the version
        digest.2 = digest.2 & 0x3FFF_FFFF | 0x8000_0000  // bytes 8–11: byte 8's two high bits are the variant
        let words = (digest.0, digest.1, digest.2, digest.3)
        // Written on bytes: String(format:) per byte cost thirty times the hash itself, and a FHIR export
        // makes a UUID per resource.
        return String(unsafeUninitializedCapacity: 36) { out in
            var o = 0
            for i in 0..<16 {
                let word: UInt32
                switch i / 4 {
                case 0: word = words.0
                case 1: word = words.1
                case 2: word = words.2
                default: word = words.3
                }
                let byte = UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(i % 4)))
                if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                out[o] = hexDigits[Int(byte >> 4)]
                out[o + 1] = hexDigits[Int(byte & 0x0F)]
                o += 2
            }
            return o
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs: not for security. Foundation on Linux has no hash API.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        let h = message.withUnsafeBufferPointer { digest(prefix: [], $0) }
        return [h.0, h.1, h.2, h.3, h.4].flatMap { v in (0..<4).map { UInt8((v >> (24 - UInt32($0) * 8)) & 0xFF) } }
    }

    /// The digest of `prefix` followed by `message`, as its five big-endian words; the padded message and
    /// the schedule live on the stack (a FHIR export hashes one name per resource).
    static func digest(prefix: [UInt8], _ message: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt32, UInt32, UInt32, UInt32) {
        let length = prefix.count + message.count
        let padded = (length + 8) / 64 * 64 + 64
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padded) { m in
            m.initialize(repeating: 0)
            for (i, b) in prefix.enumerated() { m[i] = b }
            if let from = message.baseAddress, message.count > 0 {
                (m.baseAddress! + prefix.count).update(from: from, count: message.count)
            }
            m[length] = 0x80
            let bitLength = UInt64(length) * 8
            for i in 0..<8 { m[padded - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8)) }
            var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
            @inline(__always) func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
                for chunk in stride(from: 0, to: padded, by: 64) {
                    for t in 0..<16 {
                        let b = chunk + t * 4
                        w[t] = UInt32(m[b]) << 24 | UInt32(m[b + 1]) << 16 | UInt32(m[b + 2]) << 8 | UInt32(m[b + 3])
                    }
                    for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
                    var (a, b, c, d, e) = h
                    for t in 0..<80 {
                        let (f, k): (UInt32, UInt32)
                        switch t {
                        case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                        case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                        }
                        let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                        (e, d, c, b, a) = (d, c, rotl(b, 30), a, temp)
                    }
                    h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
                }
            }
            return h
        }
    }
}
