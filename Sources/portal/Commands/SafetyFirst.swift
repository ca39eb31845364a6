import ArgumentParser
import Foundation
import PortalCore

/// A command that takes warning signs (`portal log --sign`, `portal signs`): the ids it was given, and the
/// words its line left as positional arguments (`SafetyFirst.takesAValue` asks the parser with them).
protocol NamesWarningSigns {
    var signIDs: [String] { get }
    var positionalWords: [String] { get }
}

/// The one rule for warning signs on the command line: whenever a known sign id is on a `portal log` or
/// `portal signs` line, its safety message (the screens' words, from the safety guide) is printed first, before
/// anything else can refuse the line or fail — a bad score, time, date or note, an unknown second id, the
/// argument parser's own errors, a busy file, a clinic that is down. The error, if any, comes after it.
/// `Portal.main` calls `say` once per run, before the command runs (or, when the line cannot be parsed, before
/// the parser's error is reported): no command prints a sign's message itself.
enum SafetyFirst {
    /// Prints the message for the known ids among `ids` (unknown ones are left for the command to refuse) and a
    /// blank line, flushed, so it comes before any error line even on a pipe. Nothing when none is known.
    /// The guide is the one the command reads (PORTAL_RESOURCES or the bundled one); if that cannot be read,
    /// the bundled guide: a broken content folder must not keep "call 911 now" from her either.
    static func say(_ ids: [String], environment env: [String: String] = ProcessInfo.processInfo.environment) {
        guard !ids.isEmpty else { return }
        guard let guide = (try? ContentLibrary.forPortal(env, onDemand: true).safety) ?? (try? ContentLibrary.bundledSafety()) else { return }
        let signs = ids.compactMap(guide.typedSign)
        // The alert's day is not part of its words; the system's day stands in (PORTAL_TODAY may be the mistake).
        guard let alert = SafetyRules.alert(for: signs, guide: guide, date: CalendarDate(Date())) else {
            // Words that are no sign of the guide's ("fainting", "bleeding"): she may still be reporting an
            // emergency in her own words, so what to do in one comes before the refusal that lists the signs.
            print("If this is an emergency: \(guide.emergencyAdvice)")
            print("")
            fflush(nil)
            return
        }
        print(alert.text)
        print("")
        fflush(nil)
    }

    /// The sign ids on a parsed command line (nil: not a command that takes signs).
    static func ids(of command: ParsableCommand) -> [String]? {
        (command as? NamesWarningSigns)?.signIDs
    }

    /// The words a line the argument parser refused would have given as sign ids: `portal log`'s `--sign ID`
    /// (`--sign=ID`), `portal signs`' words that are neither an option nor an option's value. Whether an option
    /// takes a value is asked of the command's own parser (`takesAValue`), so a new option is read right without
    /// a second list. `arguments`: the whole command line, the program's name first.
    static func ids(inUnparsed arguments: [String]) -> [String] {
        let words = Array(arguments.dropFirst())
        guard let name = words.first else { return [] }
        let command: (type: (ParsableCommand & NamesWarningSigns).Type, fromOption: String?)
        switch name {
        case LogCommand.configuration.commandName: command = (LogCommand.self, "sign")
        case SignsCommand.configuration.commandName: command = (SignsCommand.self, nil)
        default: return []
        }
        var valued: [String: Bool] = [:]
        func takes(_ option: String) -> Bool {
            if let known = valued[option] { return known }
            let answer = takesAValue(option, command.type)
            valued[option] = answer
            return answer
        }
        var ids: [String] = []
        var index = 1
        var terminated = false
        while index < words.count {
            let word = words[index]
            index += 1
            if terminated || !word.hasPrefix("-") || word == "-" {
                if command.fromOption == nil { ids.append(word) }
                continue
            }
            if word == "--" { terminated = true; continue }
            let named = word.hasPrefix("--") ? String(word.dropFirst(2)) : String(word.dropFirst())
            let parts = named.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let option = String(parts[0])
            let value: String?
            if parts.count == 2 {
                value = String(parts[1])
            } else if index < words.count, takes(word) {
                value = words[index]
                index += 1
            } else {
                value = nil
            }
            if let value, option == command.fromOption { ids.append(value) }
        }
        return ids
    }

    /// Whether the option `word` (as typed: `--date`, `-h`) takes a value on `command`'s line, asked of the
    /// command's own parser through its public `parse`: given the option and one more word, the parser takes the
    /// word as the option's value, or leaves it among the line's positional arguments (a flag, an option it does
    /// not know). A line it refuses takes no value (an unknown option, which the parser names itself).
    static func takesAValue(_ word: String, _ command: (ParsableCommand & NamesWarningSigns).Type) -> Bool {
        func ask<C: ParsableCommand & NamesWarningSigns>(_ type: C.Type) -> Bool {
            let probe = "portal-safety-first-probe"
            guard let parsed = try? type.parse([word, probe]) else { return false }
            return !parsed.positionalWords.contains(probe)
        }
        return ask(command)
    }
}
