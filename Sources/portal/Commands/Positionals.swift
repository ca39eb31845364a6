import PortalCore

/// The positional arguments of a command whose values may start with a dash, collected as text: ArgumentParser
/// would read a number such as `-1` or `-5` as an option, so they arrive unparsed (with any unknown option)
/// and are checked here, in order, against `names` (for the error when some are missing); each value is then
/// judged by its own rule, which names the accepted values. `command` is the command as typed after `portal`.
func positionals(_ raw: [String], _ names: [String], command: String) throws -> [String] {
    if let option = raw.first(where: { $0.hasPrefix("-") && Int($0) == nil }) {
        throw PortalError.invalidInput("Unknown option \(PlainText.quoted(option)). See `portal \(command) --help`.")
    }
    guard raw.count == names.count else {
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        throw PortalError.invalidInput("`portal \(command)` needs \(list)\(raw.count > names.count ? ", nothing more: " + raw.map(printable).joined(separator: " ") : ""). See `portal \(command) --help`.")
    }
    return raw
}
