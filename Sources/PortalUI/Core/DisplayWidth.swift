/// How many terminal cells a piece of text takes. `wcwidth` is not visible from Swift, so the rules live
/// here: East Asian wide characters and emoji take two cells, combining marks and zero-width joiners none.
public enum DisplayWidth {
    /// One terminal cell's worth of a character: a spacing scalar and the zero-width ones after it (`cells`).
    public struct Part: Equatable, Sendable {
        public var scalars: [Unicode.Scalar]
        public var width: Int
    }

    /// The cells a character takes on a terminal, left to right. A cluster of text (an Indic syllable such as
    /// "प्रि", a Tamil or Bengali one, a Thai vowel) takes a cell for each of its spacing scalars, as the terminal
    /// counts them (wcwidth: a consonant after a virama, a spacing vowel sign such as U+093F, take one each),
    /// each with the zero-width marks after it: drawn part by part, no letter is dropped (QA-i I11: "प्रिया"
    /// was drawn "प्य"). An emoji sequence (joined by ZWJ, a skin tone, a flag, a keycap, an emoji selector) is
    /// one part: its first emoji, in that emoji's cells (terminals agree on no more).
    public static func cells(_ character: Character) -> [Part] {
        if let ascii = character.asciiValue { return [Part(scalars: [Unicode.Scalar(ascii)], width: ascii >= 0x20 && ascii < 0x7F ? 1 : 0)] }
        if isEmojiSequence(character) {
            var scalars: [Unicode.Scalar] = []
            for scalar in character.unicodeScalars {
                if !scalars.isEmpty, of(scalar) > 0 { break }
                scalars.append(scalar)
            }
            while scalars.count > 1, scalars.last == "\u{200D}" { scalars.removeLast() }
            return [Part(scalars: scalars, width: emojiWidth(character))]
        }
        var parts: [Part] = []
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if let last = parts.last, w == 0 || last.width == 0 {
                // A mark joins the part before it (a leading mark waits for the first spacing scalar).
                parts[parts.count - 1].scalars.append(scalar)
                parts[parts.count - 1].width = max(last.width, w)
            } else {
                parts.append(Part(scalars: [scalar], width: w))
            }
        }
        return parts
    }

    /// True for a cluster a terminal draws as one emoji (see `cells`).
    static func isEmojiSequence(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, scalars.count > 1 else { return false }
        if first.value >= 0x80, first.properties.isEmoji { return true }
        return scalars.contains { s in
            let v = s.value
            return v == 0xFE0F || v == 0x20E3 || (0x1F3FB...0x1F3FF).contains(v) || (0x1F1E6...0x1F1FF).contains(v) || (0xE0020...0xE007F).contains(v)
        }
    }

    public static func of(_ character: Character) -> Int {
        // Most of what is drawn is ASCII: no need to look at Unicode properties.
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        if character.unicodeScalars.count == 1 { return of(character.unicodeScalars.first!) }
        if isEmojiSequence(character) { return emojiWidth(character) }
        return cells(character).reduce(0) { $0 + $1.width }
    }

    /// An emoji sequence's width: its first emoji's, two with an emoji selector.
    private static func emojiWidth(_ character: Character) -> Int {
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
        // Hangul's medial vowels and final consonants join the syllable before them (wcwidth says 0 too).
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
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
