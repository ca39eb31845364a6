/// Greedy word wrapping measured in terminal cells. Lines break after spaces where they can; a word
/// wider than the line is broken between graphemes. Shared by WrappedText, Banner and TextArea.
public enum LineBreaker {
    /// Splits `chars` into lines of at most `width` cells, as ranges of indices into `chars`.
    /// Every character belongs to exactly one range (TextArea relies on this to place its cursor); the
    /// spaces at a break stay at the end of the line before it and may overflow, so callers that draw
    /// a line trim them. A grapheme wider than `width` gets a line of its own rather than looping.
    public static func ranges(_ chars: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var result: [Range<Int>] = []
        var start = 0, used = 0, i = 0
        var lastBreak: Int?  // where the next line may start: just after a run of spaces
        while i < chars.count {
            let c = chars[i]
            let w = DisplayWidth.of(c)
            if c == " " {
                used += w
                i += 1
                lastBreak = i
                continue
            }
            if used + w > width, i > start {
                if let b = lastBreak, b > start {
                    result.append(start..<b)
                    start = b
                    used = chars[b..<i].reduce(0) { $0 + DisplayWidth.of($1) }
                } else {
                    result.append(start..<i)
                    start = i
                    used = 0
                }
                lastBreak = nil
                continue  // measure character i again on the new line
            }
            used += w
            i += 1
        }
        result.append(start..<chars.count)
        return result
    }

    /// Wraps one paragraph into lines of text with trailing spaces removed.
    public static func lines(_ text: String, width: Int) -> [String] {
        let chars = Array(text)
        return ranges(chars, width: width).map { range in
            var s = String(chars[range])
            while s.last == " " { s.removeLast() }
            return s
        }
    }
}
