import Foundation

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name). The same name always gives the
/// same UUID, so a calendar event or a FHIR resource keeps its identity from one export to the next.
public enum NameUUID {
    /// The portal's own namespace (a random UUID chosen once).
    static let namespace: [UInt8] = [0x3b, 0x8e, 0x5f, 0x0a, 0x91, 0x2c, 0x4d, 0x6e, 0xa7, 0x13, 0x5c, 0x2b, 0x88, 0x40, 0xd1, 0x7f]

    public static func make(_ name: String) -> String {
        var digest = SHA1.hash(namespace + Array(name.utf8)).prefix(16).map { $0 }
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        // Written on bytes: String(format:) per byte cost thirty times the hash itself, and a FHIR export
        // makes two UUIDs per pain entry.
        return String(unsafeUninitializedCapacity: 36) { out in
            var o = 0
            for (i, byte) in digest.enumerated() {
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
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var m = message
        let bitLength = UInt64(message.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8((bitLength >> (UInt64(i) * 8)) & 0xFF)) }
        func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
        for chunk in stride(from: 0, to: m.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 80)
            for t in 0..<16 {
                let b = chunk + t * 4
                w[t] = UInt32(m[b]) << 24 | UInt32(m[b + 1]) << 16 | UInt32(m[b + 2]) << 8 | UInt32(m[b + 3])
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
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
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { v in (0..<4).map { UInt8((v >> (24 - UInt32($0) * 8)) & 0xFF) } }
    }
}
