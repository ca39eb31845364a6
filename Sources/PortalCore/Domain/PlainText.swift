/// The one rule for text a patient or therapist types and the portal stores (notes, places, names):
/// plain text of a sensible length. No C0 control characters except newline and tab (and no newline
/// either in one-line fields), no DEL, no C1 controls. A control character would otherwise reach a
/// terminal as an escape sequence (a title change, a cleared screen) when the text is printed.
public enum PlainText {
    /// Throws a message naming `field` (and tagged `tag`), e.g. `prescriptions[2].note contains control characters (ESC); use plain text.`
    public static func check(_ text: String, field: String, as tag: PortalError.Field? = nil, maxLength: Int,
                             multiline: Bool = true) throws {
        if let bad = text.unicodeScalars.first(where: { isControl($0, multiline: multiline) }) {
            if bad == "\n" { throw PortalError.invalidInput(field: tag, "\(field) must fit on one line.") }
            throw PortalError.invalidInput(field: tag, "\(field) contains control characters (\(name(of: bad))); use plain text.")
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

    /// "ESC", "BEL", "CR", "NUL", "DEL", or "U+009B" for a C1 control.
    static func name(of s: Unicode.Scalar) -> String {
        if s.value < 0x20 { return c0Names[Int(s.value)] }
        if s.value == 0x7F { return "DEL" }
        return "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
