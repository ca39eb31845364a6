import ArgumentParser
import PortalCore

/// QA J5: an option that takes one value, given twice, is refused. ArgumentParser keeps the last value of such an
/// option without a word, so `portal setup --delivery cesarean --delivery vaginal` recorded a vaginal birth and
/// dropped every C-section hold, and `portal log 3 --date … --date …` saved the pain on the second day.
///
/// Which options take one value is the parser's own knowledge, asked of it through its public `parse` (no list
/// here to keep in step with the commands, and nothing of its underscored API): a line with an option's earlier
/// occurrence and its value taken out parses to exactly the same command (every property, as `dump` shows it)
/// when the parser dropped that value; a repeatable option (`--condition`, `--sign`, `--site`) keeps one value
/// fewer, and a flag given twice takes out the word after it too, so neither is refused. The same value given
/// twice changes nothing and is let through.
enum RepeatedOption {
    /// The refusal of `words` (the command line after the program's name), or nil. `parse` is the root
    /// command's parser (`Portal.parseAsRoot`). Costs nothing more unless an option's name is on the line twice.
    static func problem(in words: [String], parse: ([String]) throws -> ParsableCommand) -> PortalError? {
        // Options come before `--`; after it every word is a value.
        let end = words.firstIndex(of: "--") ?? words.count
        var places: [String: [Int]] = [:]
        var names: [String] = []
        for i in 0..<end where isLongOption(words[i]) {
            let name = optionName(words[i])
            if places[name] == nil { names.append(name) }
            places[name, default: []].append(i)
        }
        guard names.contains(where: { places[$0]!.count > 1 }), let whole = try? describe(parse(words)) else { return nil }
        for name in names {
            guard let at = places[name], at.count > 1 else { continue }
            let values = at.compactMap { value(at: $0, in: words, end: end) }
            // The first occurrence with its value taken out: the same command, so the parser dropped it.
            guard values.count == at.count, Set(values).count > 1,
                  let without = try? describe(parse(removing(at[0], from: words))), without == whole else { continue }
            let times = at.count == 2 ? "twice" : "\(at.count) times"
            return .invalidInput("\(name) is given \(times) (\(values.map { PlainText.quoted($0) }.joined(separator: ", "))), but it takes one value: give it once. Nothing was done.")
        }
        return nil
    }

    /// `--name` or `--name=value`: a long option's word (`--` alone ends the options).
    static func isLongOption(_ word: String) -> Bool {
        word.hasPrefix("--") && word.count > 2 && !word.hasPrefix("---")
    }

    /// "--date" of "--date" or "--date=2026-12-07".
    static func optionName(_ word: String) -> String {
        String(word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The value of the option at `index`: after its `=`, or the next word (nil when there is none).
    static func value(at index: Int, in words: [String], end: Int) -> String? {
        let word = words[index]
        if let eq = word.firstIndex(of: "=") { return String(word[word.index(after: eq)...]) }
        return index + 1 < end ? words[index + 1] : nil
    }

    /// `words` without the option at `index` and its value.
    static func removing(_ index: Int, from words: [String]) -> [String] {
        var rest = words
        rest.removeSubrange(index..<(words[index].contains("=") ? index + 1 : index + 2))
        return rest
    }

    /// Every property of a parsed command, its options' values among them.
    static func describe(_ command: ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }
}
