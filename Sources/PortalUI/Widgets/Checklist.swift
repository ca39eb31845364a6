/// One line of a Checklist.
public struct ChecklistItem: Sendable, Hashable {
    public var text: String
    public var checked: Bool
    /// Shown right-aligned and dim ("2 × 10", "each side").
    public var detail: String?

    public init(_ text: String, checked: Bool = false, detail: String? = nil) {
        self.text = text
        self.checked = checked
        self.detail = detail
    }
}

/// Items with check boxes and a cursor: today's exercises, quiz answers, triggers.
/// The box (`[✓]`/`[x]` or `[ ]`) carries the state; the cursor row is reversed and marked.
///
///     › [✓] Clamshell          2 × 10
///       [ ] Glute bridge       3 × 12
public struct Checklist: Widget, Hashable {
    public var items: [ChecklistItem]
    public var cursor: Int
    /// The first row shown last time; see `ListView.scrollOffset`.
    public var offset: Int
    public var glyphs: Glyphs
    public var style: Style
    public var cursorStyle: Style
    public var detailStyle: Style
    /// Long items wrap onto continuation lines under their text instead of ending in "…": safety text
    /// (warning signs) must be read whole. Then `offset` is the first item shown, not the first row.
    public var wraps: Bool

    public init(items: [ChecklistItem], cursor: Int = 0, offset: Int = 0, glyphs: Glyphs = .unicode,
                style: Style = .plain, cursorStyle: Style = .selected, detailStyle: Style = .dim, wraps: Bool = false) {
        self.items = items
        self.cursor = cursor
        self.offset = offset
        self.glyphs = glyphs
        self.style = style
        self.cursorStyle = cursorStyle
        self.detailStyle = detailStyle
        self.wraps = wraps
    }

    /// Ticks or unticks the item under the cursor.
    public mutating func toggle() {
        guard items.indices.contains(cursor) else { return }
        items[cursor].checked.toggle()
    }

    public var checkedCount: Int { items.filter(\.checked).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !items.isEmpty else { return }
        if wraps { return renderWrapped(into: &buffer, area: area) }
        let current = min(max(0, cursor), items.count - 1)
        let first = ListView.scrollOffset(selected: current, count: items.count, height: area.height, previous: offset)
        for row in 0..<area.height where first + row < items.count {
            let index = first + row
            let item = items[index]
            let rowArea = area.row(row)
            let y = rowArea.y
            let marker = index == current ? glyphs.selectionMarker : " "
            var x = buffer.write(DisplayWidth.pad(marker, to: 2), x: area.x, y: y, style: style, clip: area)
            x = buffer.write((item.checked ? glyphs.checkboxOn : glyphs.checkboxOff) + " ", x: x, y: y,
                             style: style, clip: area)
            let room = area.maxX - x
            var detail = item.detail ?? ""
            if !detail.isEmpty, room - DisplayWidth.of(detail) - 1 < min(DisplayWidth.of(item.text), 6) { detail = "" }
            let textRoom = detail.isEmpty ? room : room - DisplayWidth.of(detail) - 1
            if textRoom > 0 {
                buffer.write(DisplayWidth.truncate(item.text, to: textRoom, ellipsis: glyphs.ellipsis),
                             x: x, y: y, style: style, clip: area)
            }
            if !detail.isEmpty {
                buffer.write(detail, x: area.maxX - DisplayWidth.of(detail), y: y, style: detailStyle, clip: area)
            }
            if index == current { buffer.highlight(rowArea, with: cursorStyle) }
        }
    }
}
