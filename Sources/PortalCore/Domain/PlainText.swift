/// The one rule for text a patient or therapist types and the portal stores (notes, places, names):
/// plain text of a sensible length. No C0 control characters except newline (and no newline either in
/// one-line fields), no DEL, no C1 controls. A control character would otherwise reach a terminal as an
/// escape sequence (a title change, a cleared screen) when the text is printed. A tab is refused too, naming
/// it: it has no width of its own (a name or a place printed with one lines up differently everywhere), and
/// turning it into spaces unasked would store something she did not write; the full screen's fields turn a
/// typed or pasted tab into a space she sees before saving. A tab already in her record (saved before the
/// rule) is shown as a space (`removingControls`), and a portal file moved into a clinic keeps it as that
/// space (`tabsAsSpaces`): one rule, a tab is a space, wherever text she wrote holds one. A line break is a newline only: the line and
/// paragraph separators (U+2028, U+2029) are refused, as "must fit on one line" where a field is one line.
/// Text made only of blank-looking characters (spaces, the Hangul fillers, the braille blank, characters
/// Unicode says to ignore when drawing: `isBlank`) counts as empty: a name must have something to see.
/// Invisible formatting characters (Unicode's format class, Cf) are refused the same way: bidi overrides and
/// isolates can make a note read backwards or hide words, and zero-width characters and tags hide text in plain
/// sight. The exceptions are how people type: a joiner inside an emoji, an emoji flag's tags, and a joiner or
/// non-joiner between the letters of scripts that need them (`invisibleFormatting(in:)`).
public enum PlainText {
    /// Throws a message naming `field` (and tagged `tag`), e.g. `prescriptions[2].note contains control characters (ESC); use plain text.`
    public static func check(_ text: String, field: String, as tag: PortalError.Field? = nil, maxLength: Int,
                             multiline: Bool = true) throws {
        if let bad = text.unicodeScalars.first(where: { isControl($0, multiline: multiline) || isLineSeparator($0) }) {
            if bad == "\n" || (!multiline && isLineSeparator(bad)) { throw PortalError.invalidInput(field: tag, "\(field) must fit on one line.") }
            if bad == "\t" { throw PortalError.invalidInput(field: tag, "\(field) contains a tab (TAB); use spaces instead.") }
            if isLineSeparator(bad) {
                throw PortalError.invalidInput(field: tag, "\(field) contains a \(bad.value == 0x2028 ? "line" : "paragraph") separator (\(name(of: bad))); start a new line with an ordinary line break instead.")
            }
            throw PortalError.invalidInput(field: tag, "\(field) contains control characters (\(name(of: bad))); use plain text.")
        }
        if let bad = invisibleFormatting(in: text) {
            throw PortalError.invalidInput(field: tag, "\(field) contains an invisible formatting character (\(name(of: bad))); use plain text.")
        }
        guard length(text) <= maxLength else {
            throw PortalError.invalidInput(field: tag, "\(field) is \(length(text)) characters; at most \(maxLength) fit.")
        }
        // Only blank-looking characters, not all of them spaces: it would be saved as something nobody can see.
        if !text.isEmpty, isBlank(text), let bad = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) {
            throw PortalError.invalidInput(field: tag, "\(field) has nothing to see: only blank characters such as \(name(of: bad)). Write some text, or leave it empty.")
        }
    }

    /// True when `text` holds nothing to see: only spaces and line breaks (Unicode's White_Space), characters
    /// Unicode says to ignore when drawing (Default_Ignorable_Code_Point: the Hangul fillers U+115F, U+1160,
    /// U+3164, U+FFA0, the combining grapheme joiner, variation selectors…) and the blank braille pattern
    /// U+2800. Empty text is blank. A name, a question or an answer must not be (each says so as "empty"); a
    /// note that is is no note (`blankAsEmpty`).
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isBlankLooking)
    }

    /// A character that draws as nothing or as a space (`isBlank`).
    public static func isBlankLooking(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s.properties.isDefaultIgnorableCodePoint || s.value == 0x2800
    }

    /// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: line breaks the rule keeps to the newline alone.
    public static func isLineSeparator(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .lineSeparator || s.properties.generalCategory == .paragraphSeparator
    }

    /// True for a character the rule refuses in every field, whatever its neighbours (a control character, a
    /// line or paragraph separator, a format character not kept anywhere): what a check of one character at a
    /// time, such as the clinic server's CHECK (`ClinicSchema.refusedScalarRanges`), can refuse.
    public static func isRefusedEverywhere(_ s: Unicode.Scalar) -> Bool {
        guard !isKeptInSomePlaces(s) else { return false }
        return isControl(s, multiline: true) || isLineSeparator(s) || invisibleFormatting(in: String(Character(s))) != nil
    }

    /// A text's length as every limit counts it, on screen, on the command line and in the store: Unicode
    /// scalars, which is what SQLite's `length()` counts, so the database's CHECKs agree with the checks in
    /// Swift (an emoji with a skin tone is one Character but two scalars, and counts two).
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text`, or "" when it holds nothing to see (`isBlank`): a note of blanks is no note.
    public static func blankAsEmpty(_ text: String) -> String {
        isBlank(text) ? "" : text
    }

    /// True for a character the rule refuses: C0 (but newline in multi-line text; a tab everywhere), DEL, C1.
    public static func isControl(_ s: Unicode.Scalar, multiline: Bool = true) -> Bool {
        switch s.value {
        case 0x0A: return !multiline
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }

    /// The first invisible formatting character in `text` that the rule refuses, nil when there is none: every
    /// character Unicode classes as a format character (general category Cf: bidi marks, embeddings, overrides
    /// and isolates, zero-width space, word joiner and invisible operators, the byte order mark, the soft
    /// hyphen, the Mongolian vowel separator, interlinear annotation, musical format characters, the language
    /// tag…), by Unicode's own classes rather than a list of ours, so a character a later Unicode adds is
    /// refused too. Three uses are how people type text, and stay:
    /// - a zero-width joiner inside an emoji sequence (a family 👨‍👩‍👧, a profession 👩🏽‍⚕️);
    /// - the tag characters of an emoji tag sequence (the flags of England, Scotland and Wales), which end with
    ///   the cancel tag; a tag anywhere else (the language tag U+E0001, hidden "tag text") is refused;
    /// - a zero-width joiner or non-joiner between two letters (or a letter and a combining mark) of the scripts
    ///   from Arabic on (U+0600: Arabic, Syriac, the Indic scripts, Sinhala, Myanmar…), where it changes how the
    ///   letters join: Persian keyboards have a key for the non-joiner (می‌خواهم), and Hindi, Malayalam or
    ///   Sinhala use both for half forms. Between Latin letters it changes nothing that can be seen, and is refused.
    public static func invisibleFormatting(in text: String) -> Unicode.Scalar? {
        let all = Array(text.unicodeScalars)
        var start = 0
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for i in scalars.indices where isRefusedFormatting(scalars, at: i, in: all, from: start) { return scalars[i] }
            start += scalars.count
        }
        return nil
    }

    /// The format characters the rule keeps in some places and refuses in others (the joiners between emoji or
    /// between letters of the scripts that join, the tags of a flag): what a check of one character at a time,
    /// such as the clinic server's bracket expression, must leave to this rule.
    public static func isKeptInSomePlaces(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x200C || s.value == 0x200D || isTag(s)
    }

    private static func isTag(_ s: Unicode.Scalar) -> Bool { (0xE0020...0xE007F).contains(s.value) }

    /// Whether `scalars[i]` (the scalars of one Character, which starts at `all[start]`) is a character the rule
    /// refuses as invisible formatting (`invisibleFormatting(in:)` says which are kept and why).
    private static func isRefusedFormatting(_ scalars: [Unicode.Scalar], at i: Int, in all: [Unicode.Scalar], from start: Int) -> Bool {
        let s = scalars[i]
        guard s.properties.generalCategory == .format else { return false }
        if s.value == 0x200D, i > 0, i + 1 < scalars.count,
           scalars[i - 1].properties.isEmoji || scalars[i - 1].value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(scalars[i - 1].value),
           scalars[i + 1].properties.isEmoji { return false }
        if isInEmojiTagSequence(scalars, at: i) { return false }
        if s.value == 0x200C || s.value == 0x200D {
            let at = start + i
            if at > 0, at + 1 < all.count, isJoiningLetter(all[at - 1]), isJoiningLetter(all[at + 1]),
               all[at - 1].value >= 0x0600 || all[at + 1].value >= 0x0600 { return false }
        }
        return true
    }

    /// A letter or a combining mark: what a joiner or non-joiner stands between.
    private static func isJoiningLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// True when `scalars[i]` is a tag character (U+E0020–E007F) of an emoji tag sequence in one Character: an
    /// emoji, tags, and the cancel tag U+E007F at the end (🏴 + "gbeng" + cancel is England's flag).
    private static func isInEmojiTagSequence(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard isTag(scalars[i]) else { return false }
        var first = i, last = i
        while first > 0, isTag(scalars[first - 1]) { first -= 1 }
        while last + 1 < scalars.count, isTag(scalars[last + 1]) { last += 1 }
        guard first > 0, last > first, scalars[last].value == 0xE007F,
              scalars[first..<last].allSatisfy({ $0.value != 0xE007F }) else { return false }
        let base = scalars[first - 1]
        return base.properties.isEmoji && base.value > 0xFF
    }

    /// `text` with every character the rule refuses left out (newlines stay, for the caller to place; a
    /// caller turns tabs and line separators into spaces or newlines first, `EditableText`): what a text field keeps of what is pasted or typed into it, so a field never holds what its
    /// save would refuse, least of all a character nobody can see to delete. Typed on the command line or
    /// written in a file, the same characters are refused with their name instead (`check`).
    public static func keepingAccepted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let all = Array(text.unicodeScalars)
        var start = 0
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for i in scalars.indices where !isControl(scalars[i]) && !isRefusedFormatting(scalars, at: i, in: all, from: start) {
                out.append(scalars[i])
            }
            start += scalars.count
        }
        return String(out)
    }

    /// `text` without the characters the rule refuses (newlines stay; a tab, which text saved before the rule
    /// refused it may hold, shows as a space, `tabsAsSpaces`): for printing stored text to a terminal, in case
    /// something older or written by another program slipped past the rule.
    public static func removingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in tabsAsSpaces(text).unicodeScalars where !isControl(s) { scalars.append(s) }
        return String(scalars)
    }

    /// `text` for a one-line field printed on one line (a name in `clinic patients`, a report's header): without
    /// the characters the rule refuses, and every line break (written outside the portal, in psql) as a space,
    /// so stored text never writes lines of its own into what is printed around it (qa-h H16).
    public static func oneLine(_ text: String) -> String {
        // A line break is what the standard library calls one (LF, CR, VT, FF, NEL, U+2028, U+2029).
        let isBreak = { (s: Unicode.Scalar) in Character(s).isNewline }
        guard text.unicodeScalars.contains(where: { isBreak($0) || isControl($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isBreak(s) || s == "\t" { scalars.append(" ") } else if !isControl(s) { scalars.append(s) }
        }
        return String(scalars)
    }

    /// `text` with each tab a space: what a tab in text she wrote is, everywhere the portal keeps or shows it
    /// (a field's paste, `EditableText`; stored text printed, `removingControls`; a file moved into a clinic,
    /// `PatientRecord.tabsAsSpaces`). A tab is ordinary text from a paste, with no width of its own.
    public static func tabsAsSpaces(_ text: String) -> String {
        guard text.contains("\t") else { return text }
        return text.replacingOccurrences(of: "\t", with: " ")
    }

    /// `text` as a message may quote it back: every character the rule refuses (a control, an invisible
    /// formatting character such as U+202E right-to-left override) shown as its name in angle brackets
    /// (`<ESC>`, `<U+202E>`), so a refusal never runs an escape sequence nor prints its own quote marks
    /// reversed, and she sees what was wrong with what she typed (qa-d D11d). Newlines and tabs stay, for the
    /// message's own lines. The one helper for quoting what came from the command line, the environment or a
    /// file: `quoted` adds the quote marks, and every message the command line prints goes through this
    /// (`Portal.exitReporting`).
    public static func visible(_ text: String) -> String {
        var out = ""
        let all = Array(text.unicodeScalars)
        var start = 0
        var changed = false
        for character in text {
            let scalars = Array(character.unicodeScalars)
            var kept = String.UnicodeScalarView()
            var shown = ""
            for i in scalars.indices {
                // A tab stays too (the rule refuses it in what is kept, but a message may hold one for its layout).
                if (isControl(scalars[i]) && scalars[i] != "\t") || isRefusedFormatting(scalars, at: i, in: all, from: start) {
                    shown += String(kept) + "<" + shortName(of: scalars[i]) + ">"
                    kept = String.UnicodeScalarView()
                    changed = true
                } else {
                    kept.append(scalars[i])
                }
            }
            out += shown + String(kept)
            start += scalars.count
        }
        return changed ? out : text
    }

    /// `text` in quote marks, shown as `visible` shows it: “ana<U+202E>”.
    public static func quoted<S: StringProtocol>(_ text: S) -> String { "“" + visible(String(text)) + "”" }

    /// "ESC", "DEL", "U+202E": a refused character's short name.
    static func shortName(of s: Unicode.Scalar) -> String {
        if s.value < 0x20 { return c0Names[Int(s.value)] }
        if s.value == 0x7F { return "DEL" }
        return "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    private static let c0Names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
                                  "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
                                  "ESC", "FS", "GS", "RS", "US"]

    /// "ESC", "BEL", "CR", "NUL", "DEL", "U+009B" for a C1 control, and a format character with its Unicode
    /// name: "U+202E right-to-left override", "U+00AD soft hyphen".
    static func name(of s: Unicode.Scalar) -> String {
        if s.value < 0x20 { return c0Names[Int(s.value)] }
        if s.value == 0x7F { return "DEL" }
        let code = "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
        guard s.properties.generalCategory == .format || isLineSeparator(s) || isBlankLooking(s), let name = s.properties.name else { return code }
        return code + " " + name.lowercased()
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
