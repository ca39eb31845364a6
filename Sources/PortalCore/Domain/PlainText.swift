/// The one rule for text a patient or therapist types and the portal stores (notes, places, names):
/// plain text of a sensible length. No C0 control characters except newline and tab (and no newline
/// either in one-line fields), no DEL, no C1 controls. A control character would otherwise reach a
/// terminal as an escape sequence (a title change, a cleared screen) when the text is printed.
/// Invisible formatting characters are refused the same way: bidi overrides and isolates can make a note
/// read backwards or hide words, and zero-width characters hide text in plain sight. The one exception is
/// the zero-width joiner between two emoji (a family, a profession), which is how people type those.
public enum PlainText {
    /// Throws a message naming `field` (and tagged `tag`), e.g. `prescriptions[2].note contains control characters (ESC); use plain text.`
    public static func check(_ text: String, field: String, as tag: PortalError.Field? = nil, maxLength: Int,
                             multiline: Bool = true) throws {
        if let bad = text.unicodeScalars.first(where: { isControl($0, multiline: multiline) }) {
            if bad == "\n" { throw PortalError.invalidInput(field: tag, "\(field) must fit on one line.") }
            throw PortalError.invalidInput(field: tag, "\(field) contains control characters (\(name(of: bad))); use plain text.")
        }
        if let bad = invisibleFormatting(in: text) {
            throw PortalError.invalidInput(field: tag, "\(field) contains an invisible formatting character (\(name(of: bad))); use plain text.")
        }
        guard length(text) <= maxLength else {
            throw PortalError.invalidInput(field: tag, "\(field) is \(length(text)) characters; at most \(maxLength) fit.")
        }
    }

    /// A text's length as every limit counts it, on screen, on the command line and in the store: Unicode
    /// scalars, which is what SQLite's `length()` counts, so the database's CHECKs agree with the checks in
    /// Swift (an emoji with a skin tone is one Character but two scalars, and counts two).
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text`, or "" when it holds only spaces and line breaks: a note of blanks is no note.
    public static func blankAsEmpty(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } ? "" : text
    }

    /// True for a character the rule refuses: C0 (but newline and tab in multi-line text), DEL, C1.
    public static func isControl(_ s: Unicode.Scalar, multiline: Bool = true) -> Bool {
        switch s.value {
        case 0x09: return false
        case 0x0A: return !multiline
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }

    /// The first invisible formatting character in `text` that the rule refuses: bidi embeddings, overrides,
    /// isolates and marks (U+200E/F, U+202A–202E, U+2066–2069), zero-width space and non-joiner, word
    /// joiner and other invisible operators (U+2060–2064), the byte order mark, and a zero-width joiner
    /// anywhere but inside an emoji sequence. Nil when there is none.
    public static func invisibleFormatting(in text: String) -> Unicode.Scalar? {
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for i in scalars.indices where isRefusedFormatting(scalars, at: i) { return scalars[i] }
        }
        return nil
    }

    /// Whether `scalars[i]` (the scalars of one Character) is an invisible formatting character the rule
    /// refuses: a zero-width joiner between two emoji is how people type a family, and stays.
    private static func isRefusedFormatting(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        let s = scalars[i]
        guard isInvisibleFormatting(s) else { return false }
        if s.value == 0x200D, i > 0, i + 1 < scalars.count,
           scalars[i - 1].properties.isEmoji || scalars[i - 1].value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(scalars[i - 1].value),
           scalars[i + 1].properties.isEmoji { return false }
        return true
    }

    /// `text` with every character the rule refuses left out (newlines and tabs stay, for the caller to
    /// place): what a text field keeps of what is pasted or typed into it, so a field never holds what its
    /// save would refuse, least of all a character nobody can see to delete. Typed on the command line or
    /// written in a file, the same characters are refused with their name instead (`check`).
    public static func keepingAccepted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for i in scalars.indices where !isControl(scalars[i]) && !isRefusedFormatting(scalars, at: i) {
                out.append(scalars[i])
            }
        }
        return String(out)
    }

    private static func isInvisibleFormatting(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF, 0x061C: return true
        default: return false
        }
    }

    /// `text` without the characters the rule refuses (newlines and tabs stay): for printing stored text
    /// to a terminal, in case something older or written by another program slipped past the rule.
    public static func removingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isControl($0) })
        return String(scalars)
    }

    private static let c0Names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
                                  "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
                                  "ESC", "FS", "GS", "RS", "US"]

    private static let formatNames: [UInt32: String] = [
        0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner",
        0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0x202A: "left-to-right embedding",
        0x202B: "right-to-left embedding", 0x202C: "pop directional formatting", 0x202D: "left-to-right override",
        0x202E: "right-to-left override", 0x2060: "word joiner", 0x2066: "left-to-right isolate",
        0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
        0xFEFF: "zero-width no-break space",
    ]

    /// "ESC", "BEL", "CR", "NUL", "DEL", "U+009B" for a C1 control, "U+202E right-to-left override".
    static func name(of s: Unicode.Scalar) -> String {
        if s.value < 0x20 { return c0Names[Int(s.value)] }
        if s.value == 0x7F { return "DEL" }
        if let format = formatNames[s.value] { return "U+" + String(s.value, radix: 16, uppercase: true) + " " + format }
        return "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
