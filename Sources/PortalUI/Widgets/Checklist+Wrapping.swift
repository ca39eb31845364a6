/// A checklist whose long items wrap: the marker and box on the first line, the rest of the text on
/// continuation lines indented under it, the detail ("call 911") right-aligned on the first line.
///
///     › [ ] New numbness between your legs or around      call 911
///           your genitals or anus
extension Checklist {
    /// How `item` is drawn at `width` when wrapping: its text lines, and the detail for the first line
    /// (empty when the detail went into the text because the row is too narrow to hold it beside the text).
    static func wrappedLines(_ item: ChecklistItem, width: Int, glyphs: Glyphs) -> (lines: [String], detail: String) {
        let room = max(1, width - 2 - DisplayWidth.of(glyphs.checkboxOff + " "))
        var text = item.text, detail = item.detail ?? ""
        // The detail is never dropped: it joins the text when it would leave the text too little room. Two
        // spaces at least between them, so "…heartbeat  call 911" never reads as one phrase.
        let gap = 2
        if !detail.isEmpty, room - DisplayWidth.of(detail) - gap < 12 {
            text += " (\(detail))"
            detail = ""
        }
        let textRoom = detail.isEmpty ? room : room - DisplayWidth.of(detail) - gap
        return (LineBreaker.lines(text, width: textRoom), detail)
    }

    /// Rows each item takes at `width` when wrapping.
    static func wrappedHeights(_ items: [ChecklistItem], width: Int, glyphs: Glyphs) -> [Int] {
        items.map { wrappedLines($0, width: width, glyphs: glyphs).lines.count }
    }

    /// The first item shown: `previous` moved only as much as needed for the whole of item `selected` to fit
    /// in `height` rows (its first rows when it is taller than that), never leaving rows blank at the end
    /// that earlier items could fill. With every height 1 this is `ListView.scrollOffset`.
    static func wrappedOffset(heights: [Int], selected: Int?, height: Int, previous: Int = 0) -> Int {
        guard height > 0, let lastHeight = heights.last else { return 0 }
        var lastFirst = heights.count - 1, used = lastHeight
        while lastFirst > 0, used + heights[lastFirst - 1] <= height {
            lastFirst -= 1
            used += heights[lastFirst]
        }
        var first = min(max(0, previous), lastFirst)
        if let s = selected.map({ min(max(0, $0), heights.count - 1) }) {
            if s < first { first = s }
            while first < s, heights[first...s].reduce(0, +) > height { first += 1 }
        }
        return first
    }

    /// Draws the items from the first one the cursor needs. When they do not all fit, the last row says which
    /// way the rest is ("↑ more above  ↓ more below"): warning signs are safety text, and none may sit below
    /// the fold without the list saying so.
    func renderWrapped(into buffer: inout Buffer, area: Rect) {
        let current = min(max(0, cursor), items.count - 1)
        let laid = items.map { Self.wrappedLines($0, width: area.width, glyphs: glyphs) }
        let heights = laid.map(\.lines.count)
        let overflows = heights.reduce(0, +) > area.height && area.height >= 2
        let list = overflows ? area.inset(bottom: 1) : area
        let first = Self.wrappedOffset(heights: heights, selected: current, height: list.height, previous: offset)
        var y = list.y
        var lastWhole = first - 1
        for index in first..<items.count where y < list.maxY {
            let item = items[index]
            let (lines, detail) = laid[index]
            for (i, line) in lines.enumerated() where y < list.maxY {
                let rowArea = Rect(x: list.x, y: y, width: list.width, height: 1)
                let marker = i == 0 && index == current ? glyphs.selectionMarker : " "
                var x = buffer.write(DisplayWidth.pad(marker, to: 2), x: list.x, y: y, style: style, clip: list)
                let box = (item.checked ? glyphs.checkboxOn : glyphs.checkboxOff) + " "
                x = i == 0 ? buffer.write(box, x: x, y: y, style: style, clip: list)
                    : buffer.write(String(repeating: " ", count: DisplayWidth.of(box)), x: x, y: y, style: style, clip: list)
                buffer.write(line, x: x, y: y, style: style, clip: list)
                if i == 0, !detail.isEmpty {
                    buffer.write(detail, x: list.maxX - DisplayWidth.of(detail), y: y, style: detailStyle, clip: list)
                }
                // The whole item is the cursor's, so every line of it is highlighted.
                if index == current { buffer.highlight(rowArea, with: cursorStyle) }
                y += 1
                if i == lines.count - 1 { lastWhole = index }
            }
        }
        guard overflows else { return }
        let hint = [first > 0 ? "\(glyphs.up) more above" : nil, lastWhole < items.count - 1 ? "\(glyphs.down) more below" : nil]
            .compactMap { $0 }.joined(separator: "  ")
        buffer.write(hint, x: area.x + 2, y: area.maxY - 1, style: detailStyle, clip: area)
    }
}
