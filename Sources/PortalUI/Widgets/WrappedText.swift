/// Text wrapped to the width of its area, scrolled by `offset` lines: the article reader, notes, steps.
///
/// The text is read like a small Markdown subset: a blank line separates paragraphs; lines in a
/// paragraph are joined; a line starting with `- ` or `* ` is a bullet whose wrapped lines hang under its
/// text; a line starting with `#` is a heading, shown bold on its own line.
public struct WrappedText: Widget, Hashable {
    public var text: String
    /// The first wrapped line shown. Clamped when drawing, so a screen may add a page without checking.
    public var offset: Int
    public var style: Style
    public var headingStyle: Style
    public var glyphs: Glyphs

    public init(_ text: String, offset: Int = 0, style: Style = .plain, headingStyle: Style = .bold,
                glyphs: Glyphs = .unicode) {
        self.text = text
        self.offset = offset
        self.style = style
        self.headingStyle = headingStyle
        self.glyphs = glyphs
    }

    /// The wrapped lines, bullets shown as `bullet` followed by a space.
    public static func wrap(_ text: String, width: Int, bullet: String = "-") -> [String] {
        wrapped(text, width: width, bullet: bullet).map(\.text)
    }

    /// How many lines the text takes at `width`: with the area height, what a reader needs to page.
    public func lineCount(width: Int) -> Int {
        Self.wrapped(text, width: width, bullet: glyphs.bullet).count
    }

    /// The largest useful offset: the one that shows the last line at the bottom.
    public static func maxOffset(lineCount: Int, height: Int) -> Int { max(0, lineCount - max(0, height)) }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let lines = Self.wrapped(text, width: area.width, bullet: glyphs.bullet)
        let first = min(max(0, offset), Self.maxOffset(lineCount: lines.count, height: area.height))
        for row in 0..<area.height where first + row < lines.count {
            let line = lines[first + row]
            buffer.write(line.text, x: area.x, y: area.y + row, style: line.isHeading ? headingStyle : style,
                         clip: area)
        }
    }

    struct Line: Equatable {
        var text: String
        var isHeading = false
    }

    private enum Block {
        case paragraph(String), bullet(String), heading(String)
    }

    static func wrapped(_ text: String, width: Int, bullet: String) -> [Line] {
        guard width > 0 else { return [] }
        var out: [Line] = []
        for (index, block) in blocks(text).enumerated() {
            if index > 0, block.blankBefore { out.append(Line(text: "")) }
            switch block.block {
            case .paragraph(let p):
                out += LineBreaker.lines(p, width: width).map { Line(text: $0) }
            case .heading(let h):
                out += LineBreaker.lines(h, width: width).map { Line(text: $0, isHeading: true) }
            case .bullet(let b):
                let marker = bullet + " "
                let indent = DisplayWidth.of(marker)
                // Hanging indent only when it leaves room for text; a very narrow area just wraps.
                guard width > indent + 1 else {
                    out += LineBreaker.lines(marker + b, width: width).map { Line(text: $0) }
                    continue
                }
                let hang = String(repeating: " ", count: indent)
                for (i, l) in LineBreaker.lines(b, width: width - indent).enumerated() {
                    out.append(Line(text: (i == 0 ? marker : hang) + l))
                }
            }
        }
        return out
    }

    private static func blocks(_ text: String) -> [(block: Block, blankBefore: Bool)] {
        var result: [(block: Block, blankBefore: Bool)] = []
        var sawBlank = false
        var open = false  // whether the last block may take more lines
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            let words = raw.split(whereSeparator: { $0.isWhitespace })
            guard let head = words.first else {
                sawBlank = true
                open = false
                continue
            }
            let joined = words.joined(separator: " ")
            if head.first == "#" {
                let title = joined.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
                result.append((.heading(String(title)), sawBlank))
                open = false
            } else if head == "-" || head == "*" || head == "•", words.count > 1 {
                result.append((.bullet(words.dropFirst().joined(separator: " ")), sawBlank))
                open = true
            } else if open, let last = result.popLast() {
                switch last.block {
                case .paragraph(let p): result.append((.paragraph(p + " " + joined), last.blankBefore))
                case .bullet(let b): result.append((.bullet(b + " " + joined), last.blankBefore))
                case .heading: result.append(last)
                }
            } else {
                result.append((.paragraph(joined), sawBlank))
                open = true
            }
            sawBlank = false
        }
        return result
    }
}
