import ArgumentParser

/// The options whose value is text she writes (`--note`, `--notes`). ArgumentParser reads every word that starts
/// with a dash as an option, so `--note "- felt better"` (a note written as a list item) was refused as an
/// unknown option. These options parse `.unconditional` (the next word is the value, whatever it starts with)
/// and pass it through `value`: a dash followed by anything but a letter ("- felt better", "-5 today", "-") is
/// text; a word that reads as an option (`--site`, `-h`) is refused, naming it, so a forgotten note never
/// swallows the next option.
enum TextOption {
    /// `text` as the option's value, or an error (ArgumentParser prints it after "The value '…' is invalid for
    /// '--note <note>'").
    @Sendable static func value(_ text: String) throws -> String {
        guard !looksLikeOption(text) else { throw Refusal() }
        return text
    }

    /// True for `--…` and for a dash followed by a letter: what the command line means as an option.
    static func looksLikeOption(_ text: String) -> Bool {
        guard text.hasPrefix("-") else { return false }
        let rest = text.dropFirst()
        guard let next = rest.first else { return false }
        return next == "-" || next.isLetter
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String {
            "it reads as an option, not as text. Give the text after the option (quote it); text may start with a dash followed by a space or a digit (\"- felt better\")."
        }
    }
}
