/// A one-line text input (a pain note, a name). Editing goes through `TextEditing`: `insert(_:)`,
/// `backspace()`, `delete()`, `moveLeft()`, `moveRight()`, `home()`, `end()`. Drawing scrolls
/// sideways so the cursor stays visible (a `…` at the left says text is hidden) and sets
/// `buffer.cursor` to the cursor's cell when focused.
public struct TextField: Widget, TextEditing, Hashable {
    public var editor: EditableText
    /// Shown dim while the value is empty.
    public var placeholder: String
    /// Underlined by default so the field is visible before anything is typed.
    public var style: Style
    public var glyphs: Glyphs

    public init(_ value: String = "", maxLength: Int? = nil, placeholder: String = "",
                style: Style = Style(underline: true), glyphs: Glyphs = .unicode) {
        self.editor = EditableText(value, maxLength: maxLength, allowsNewlines: false)
        self.placeholder = placeholder
        self.style = style
        self.glyphs = glyphs
    }

    /// The index of the first Character shown when `width` cells are available, chosen so the cursor
    /// (and the whole Character under it) fits. When it is not 0 the first cell holds the `…` marker.
    public static func visibleStart(_ chars: [Character], cursor: Int, width: Int) -> Int {
        guard width > 0, !chars.isEmpty else { return 0 }
        let cursor = min(max(0, cursor), chars.count)
        let cursorCell = cursor < chars.count ? max(1, DisplayWidth.of(chars[cursor])) : 1
        var used = cursorCell
        for ch in chars[..<cursor] { used += DisplayWidth.of(ch) }
        if used <= width { return 0 }
        let room = width > 2 ? width - 1 : width  // one cell for the marker when there is space
        var start = cursor
        used = cursorCell
        while start > 0, used + DisplayWidth.of(chars[start - 1]) <= room {
            start -= 1
            used += DisplayWidth.of(chars[start])
        }
        return start
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        render(into: &buffer, area: area, focused: true)
    }

    /// Draws the field; only a focused field places the terminal cursor.
    public func render(into buffer: inout Buffer, area: Rect, focused: Bool) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, style: style)
        let chars = Array(value)
        var x = line.x
        if chars.isEmpty {
            var dim = style
            dim.dim = true
            buffer.write(placeholder, x: x, y: line.y, style: dim, clip: line)
        } else {
            let start = Self.visibleStart(chars, cursor: cursor, width: line.width)
            if start > 0, line.width > 2 {
                var dim = style
                dim.dim = true
                x = buffer.write(glyphs.ellipsis, x: x, y: line.y, style: dim, clip: line)
            }
            var cursorX = x
            for (i, ch) in chars[start...].enumerated() {
                if start + i == cursor { cursorX = x }
                // Write each Character on its own so a wide one that does not fit is left out whole.
                let next = buffer.write(String(ch), x: x, y: line.y, style: style, clip: line)
                if next == x, DisplayWidth.of(ch) > 0 { break }
                x = next
            }
            if cursor == chars.count { cursorX = x }
            x = cursorX
        }
        if focused { buffer.cursor = Point(x: min(x, line.maxX - 1), y: line.y) }
    }
}
