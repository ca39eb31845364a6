/// One row of a ListView: its text, an optional detail shown right-aligned ("3 of 5", "Tue 14:00") and
/// an optional shortcut key shown before the text.
public struct ListItem: Sendable, Hashable {
    public var text: String
    public var detail: String?
    public var key: String?

    public init(_ text: String, detail: String? = nil, key: String? = nil) {
        self.text = text
        self.detail = detail
        self.key = key
    }
}

/// A vertical list with one selected row. The selection is drawn reversed and with a marker (`›`/`>`)
/// so it stays visible without colour or reverse video. Scrolls to keep the selection in view.
///
///     › 1 Log pain                 today
///       2 Exercises               3 of 5
public struct ListView: Widget, Hashable {
    public var items: [ListItem]
    public var selected: Int?
    /// The first row shown last time; the list scrolls from here only as far as the selection needs.
    /// Leave at 0 for a list that just keeps the selection on screen.
    public var offset: Int
    public var glyphs: Glyphs
    public var style: Style
    public var selectedStyle: Style
    public var detailStyle: Style
    /// Shown dim when there are no items ("No visits booked yet").
    public var emptyText: String

    public init(items: [ListItem], selected: Int? = nil, offset: Int = 0, glyphs: Glyphs = .unicode,
                style: Style = .plain, selectedStyle: Style = .selected, detailStyle: Style = .dim,
                emptyText: String = "") {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.glyphs = glyphs
        self.style = style
        self.selectedStyle = selectedStyle
        self.detailStyle = detailStyle
        self.emptyText = emptyText
    }

    /// The first visible row: `previous` moved only as much as needed to show `selected` within
    /// `height` rows, and never past the end. A pure function, so screens can keep it in their state.
    public static func scrollOffset(selected: Int?, count: Int, height: Int, previous: Int = 0) -> Int {
        guard height > 0, count > height else { return 0 }
        var first = min(max(0, previous), count - height)
        if let s = selected.map({ min(max(0, $0), count - 1) }) {
            if s < first { first = s } else if s >= first + height { first = s - height + 1 }
        }
        return first
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if items.isEmpty {
            buffer.write(DisplayWidth.truncate(emptyText, to: area.width, ellipsis: glyphs.ellipsis),
                         x: area.x, y: area.y, style: .dim, clip: area)
            return
        }
        let current = selected.map { min(max(0, $0), items.count - 1) }
        let first = Self.scrollOffset(selected: current, count: items.count, height: area.height, previous: offset)
        let keyWidth = items.compactMap { $0.key.map(DisplayWidth.of) }.max().map { $0 + 1 } ?? 0
        for row in 0..<area.height {
            let index = first + row
            guard index < items.count else { break }
            let rowArea = area.row(row)
            drawRow(items[index], selected: index == current, keyWidth: keyWidth, into: &buffer, area: rowArea)
        }
    }

    private func drawRow(_ item: ListItem, selected: Bool, keyWidth: Int, into buffer: inout Buffer, area: Rect) {
        let y = area.y
        let marker = selected ? glyphs.selectionMarker : " "
        var x = buffer.write(DisplayWidth.pad(marker, to: 2), x: area.x, y: y, style: style, clip: area)
        if keyWidth > 0 {
            buffer.write(item.key ?? "", x: x, y: y, style: style.with(bold: true), clip: area)
            x += keyWidth
        }
        let room = area.maxX - x
        var detail = item.detail ?? ""
        let textWidth = DisplayWidth.of(item.text)
        // The detail gives way before the text is cut to almost nothing.
        if !detail.isEmpty, room - DisplayWidth.of(detail) - 1 < min(textWidth, 6) { detail = "" }
        let textRoom = detail.isEmpty ? room : room - DisplayWidth.of(detail) - 1
        if textRoom > 0 {
            buffer.write(DisplayWidth.truncate(item.text, to: textRoom, ellipsis: glyphs.ellipsis),
                         x: x, y: y, style: style, clip: area)
        }
        if !detail.isEmpty {
            buffer.write(detail, x: area.maxX - DisplayWidth.of(detail), y: y, style: detailStyle, clip: area)
        }
        if selected { buffer.highlight(area, with: selectedStyle) }
    }
}
