/// How many terminal cells a piece of text takes. `wcwidth` is not visible from Swift, so the rules live
/// here: East Asian wide characters and emoji take two cells, combining marks and zero-width joiners none.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        // Most of what is drawn is ASCII: no need to look at Unicode properties.
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        var width = 0
        var sawBase = false
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if !sawBase, w > 0 { width = w; sawBase = true }
            // An emoji presentation selector turns a narrow symbol into a wide emoji.
            if scalar.value == 0xFE0F, sawBase { width = 2 }
        }
        return width
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        // Printable ASCII, and the box-drawing and block elements charts are made of (none is an emoji).
        if v < 0x7F || (0x2500...0x259F).contains(v) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || v == 0x200D || (0xFE00...0xFE0F).contains(v) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `width` cells.
    public static func prefix(_ text: String, fitting width: Int) -> String {
        var used = 0
        var out = ""
        for ch in text {
            let w = of(ch)
            if used + w > width { break }
            used += w
            out.append(ch)
        }
        return out
    }

    /// `text` cut to `width` cells, ending in an ellipsis when it had to be cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let e = of(ellipsis)
        // Too narrow for an ellipsis and a character: show the characters that fit rather than nothing.
        guard width > e else { return prefix(text, fitting: width) }
        return prefix(text, fitting: width - e) + ellipsis
    }

    /// `text` padded with spaces (or cut) to exactly `width` cells.
    public static func pad(_ text: String, to width: Int) -> String {
        let t = truncate(text, to: width)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }
}
