extension Int {
    /// The count and its noun, singular for exactly one: `1.counted("day")` is "1 day", `5.counted("day")` is
    /// "5 days", `1.counted("entry", "entries")`. The one rule for a number meeting a noun in what she reads.
    public func counted(_ one: String, _ many: String? = nil) -> String {
        "\(self) \(self == 1 ? one : (many ?? one + "s"))"
    }
}

extension Array where Element == String {
    /// The items as a sentence lists them: "gas", "gas and liquid stool", "gas, liquid stool and solid stool".
    public var listedInWords: String {
        count > 2 ? dropLast().joined(separator: ", ") + " and " + last! : joined(separator: " and ")
    }
}
