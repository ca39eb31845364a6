import ArgumentParser

/// The options whose value is text someone writes (`--note`, `--notes`, `--name`, `--therapist`, `--clinic`,
/// `--where`). ArgumentParser reads every word that starts with a dash as an option, so `--note "- felt better"`
/// (a note written as a list item), a clinic named "-Rehab" or a place "- room 2" was refused as an unknown
/// option. These options parse `.unconditional` (the next word is the value, whatever it starts with) and pass
/// it through `value`: text may start with a dash ("- felt better", "-5 today", "-Rehab", "-"); a word that is
/// an option's name in form (`--site`, `--due=2026-12-01`, `-h`) is refused, naming it, so a forgotten value
/// never swallows the next option.
enum TextOption {
    /// `text` as the option's value, or an error (ArgumentParser prints it after "The value '…' is invalid for
    /// '--note <note>'").
    @Sendable static func value(_ text: String) throws -> String {
        guard !looksLikeOption(text) else { throw Refusal() }
        return text
    }

    /// True for what the command line names an option with: two dashes (`--site`, `--due=…`, `--`), or one dash
    /// and a single letter (`-h`: every short option is one letter). A dash before a space, a digit or a longer
    /// word ("-Rehab") is text.
    static func looksLikeOption(_ text: String) -> Bool {
        guard text.hasPrefix("-") else { return false }
        let rest = text.dropFirst()
        guard let next = rest.first else { return false }
        if next == "-" { return rest.dropFirst().first.map { $0.isLetter || $0 == "=" } ?? true }
        return next.isLetter && (rest.count == 1 || rest.dropFirst().first == "=")
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String {
            "it reads as an option, not as text. Give the text after the option (quote it); text may start with a dash followed by a space, a digit or a word (\"- felt better\", \"-Rehab\")."
        }
    }
}
