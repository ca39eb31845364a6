/// ASCII stand-ins for cell text when the locale is not UTF-8 (ncurses would otherwise drop every
/// non-ASCII character and the screen would have holes). One cell in, one ASCII character out, so the
/// layout does not move: box drawing becomes + - |, bar and sparkline blocks become a ramp of ASCII
/// marks, common symbols a look-alike, anything else '?'.
public enum AsciiFallback {
    /// The ASCII text to draw for one cell's text.
    public static func cellText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if text.unicodeScalars.allSatisfy(\.isASCII) { return text }
        if first.isASCII { return String(Character(first)) }   // ASCII base + combining marks: keep the base
        return String(character(for: first))
    }

    /// The ASCII stand-in for one scalar.
    public static func character(for scalar: Unicode.Scalar) -> Character {
        let v = scalar.value
        if scalar.isASCII { return Character(scalar) }
        if let mapped = table[v] { return mapped }
        switch v {
        case 0xC0...0xFF: return latin1[Int(v - 0xC0)]   // À..ÿ without their accents
        // Box drawing U+2500–U+257F: decide by shape.
        case 0x2500...0x257F:
            if horizontal.contains(v) { return "-" }
            if vertical.contains(v) { return "|" }
            return "+"
        // Block elements: eighth blocks rise as a ramp; shades by density.
        case 0x2581...0x2588: return ramp[Int(v - 0x2581)]
        case 0x2589...0x258F: return "#"                // left blocks
        case 0x2580, 0x2594: return "\""                // upper half / upper eighth
        case 0x2590, 0x2595: return "|"
        case 0x2591: return "."
        case 0x2592: return ":"
        case 0x2593: return "#"
        case 0x2596...0x259F: return "#"
        // No-break and other spaces.
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        default: return "?"
        }
    }

    private static let latin1: [Character] = Array("AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty")

    /// ▁▂▃▄▅▆▇█ from low to high.
    private static let ramp: [Character] = ["_", ".", ",", "-", "=", "+", "*", "#"]

    private static let horizontal: Set<UInt32> = [
        0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578,
        0x257A, 0x257C, 0x257E,
    ]
    private static let vertical: Set<UInt32> = [
        0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579,
        0x257B, 0x257D, 0x257F,
    ]

    private static let table: [UInt32: Character] = [
        0x2026: ".",                                   // … (one cell, so one dot)
        0x2022: "*", 0x00B7: ".", 0x2219: ".", 0x25CF: "*", 0x25CB: "o", 0x25E6: "o",
        0x25A0: "#", 0x25A1: "[", 0x25AA: "#", 0x25AB: ".",
        0x2713: "v", 0x2714: "v", 0x2717: "x", 0x2718: "x", 0x00D7: "x",
        0x2190: "<", 0x2192: ">", 0x2191: "^", 0x2193: "v", 0x2194: "-", 0x2195: "|",
        0x25B6: ">", 0x25BA: ">", 0x25B8: ">", 0x25C0: "<", 0x25C4: "<", 0x25C2: "<",
        0x25B2: "^", 0x25B4: "^", 0x25BC: "v", 0x25BE: "v",
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201C: "\"", 0x201D: "\"", 0x201E: "\"",
        0x00AB: "<", 0x00BB: ">", 0x2039: "<", 0x203A: ">",
        0x2264: "<", 0x2265: ">", 0x2260: "#", 0x00B1: "+", 0x00B0: "o",
        0x2605: "*", 0x2606: "*",
    ]
}
