/// A multi-line text input (notes after a visit, a longer pain note). Lines wrap at spaces to the
/// area's width; `newline()` breaks a line; `moveUp(width:)` and `moveDown(width:)` move between
/// wrapped lines, so they take the width the area is drawn at. The rest of editing is `TextEditing`.
/// Drawing scrolls vertically to keep the cursor visible and sets `buffer.cursor`.
public struct TextArea: Widget, TextEditing, Hashable {
    public var editor: EditableText
    public var placeholder: String
    /// The first wrapped line shown last time; see `visibleOffset(width:height:)`.
    public var offset: Int
    public var style: Style

    public init(_ value: String = "", maxLength: Int? = nil, placeholder: String = "", offset: Int = 0,
                style: Style = .plain) {
        self.editor = EditableText(value, maxLength: maxLength, allowsNewlines: true)
        self.placeholder = placeholder
        self.offset = offset
        self.style = style
    }

    public mutating func newline() { insert("\n") }

    /// The wrapped lines at `width`, as ranges of Character indices; newlines belong to no line.
    public static func layout(_ chars: [Character], width: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        while true {
            let end = chars[start...].firstIndex(of: "\n") ?? chars.count
            lines += LineBreaker.ranges(Array(chars[start..<end]), width: width)
                .map { ($0.lowerBound + start)..<($0.upperBound + start) }
            guard end < chars.count else { return lines }
            start = end + 1
        }
    }

    /// The cursor's wrapped line and its column in cells.
    public func cursorPosition(width: Int) -> (line: Int, column: Int) {
        let chars = Array(value)
        let lines = Self.layout(chars, width: width)
        // The last line starting at or before the cursor: at a wrap point that is the next line.
        let line = lines.lastIndex { $0.lowerBound <= cursor } ?? 0
        let column = chars[lines[line].lowerBound..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        return (line, column)
    }

    public mutating func moveUp(width: Int) { moveVertically(by: -1, width: width) }
    public mutating func moveDown(width: Int) { moveVertically(by: 1, width: width) }

    private mutating func moveVertically(by step: Int, width: Int) {
        let chars = Array(value)
        let lines = Self.layout(chars, width: width)
        let (line, column) = cursorPosition(width: width)
        let target = line + step
        guard lines.indices.contains(target) else {
            editor.moveTo(step < 0 ? 0 : chars.count)  // past the first or last line: to that end
            return
        }
        let range = lines[target]
        // A line that wraps into the next cannot hold the cursor at its very end: that is the next
        // line's start.
        let wrapsOn = target + 1 < lines.count && lines[target + 1].lowerBound == range.upperBound
        let last = wrapsOn ? max(range.lowerBound, range.upperBound - 1) : range.upperBound
        var index = range.lowerBound, used = 0
        while index < last, used + DisplayWidth.of(chars[index]) <= column {
            used += DisplayWidth.of(chars[index])
            index += 1
        }
        editor.moveTo(index)
    }

    /// The first line to show in `height` rows: `offset` moved just enough to show the cursor.
    public func visibleOffset(width: Int, height: Int) -> Int {
        let count = Self.layout(Array(value), width: width).count
        return ListView.scrollOffset(selected: cursorPosition(width: width).line, count: count, height: height,
                                     previous: offset)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        render(into: &buffer, area: area, focused: true)
    }

    /// Draws the text; only a focused area places the terminal cursor.
    public func render(into buffer: inout Buffer, area: Rect, focused: Bool) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: style)
        if value.isEmpty {
            var dim = style
            dim.dim = true
            for (row, line) in LineBreaker.lines(placeholder, width: area.width).prefix(area.height).enumerated() {
                buffer.write(line, x: area.x, y: area.y + row, style: dim, clip: area)
            }
            if focused { buffer.cursor = Point(x: area.x, y: area.y) }
            return
        }
        let chars = Array(value)
        let lines = Self.layout(chars, width: area.width)
        let first = visibleOffset(width: area.width, height: area.height)
        for row in 0..<area.height where first + row < lines.count {
            buffer.write(String(chars[lines[first + row]]), x: area.x, y: area.y + row, style: style, clip: area)
        }
        let (line, column) = cursorPosition(width: area.width)
        if focused, line >= first, line < first + area.height {
            // Spaces hanging at a wrap can push the column past the edge: keep the cursor inside.
            buffer.cursor = Point(x: area.x + min(column, area.width - 1), y: area.y + line - first)
        }
    }
}
