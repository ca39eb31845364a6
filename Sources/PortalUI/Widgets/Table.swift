/// A column of a Table: its header, how wide it is and how its cells line up.
public struct TableColumn: Sendable, Hashable {
    public enum Width: Sendable, Hashable {
        /// Exactly this many cells.
        case fixed(Int)
        /// At least `min` cells, plus a share of what the fixed columns leave, in proportion to `weight`.
        case flexible(min: Int = 1, weight: Int = 1)
    }

    public enum Alignment: Sendable, Hashable { case left, right, center }

    public var header: String
    public var width: Width
    public var alignment: Alignment

    public init(_ header: String, width: Width = .flexible(), alignment: Alignment = .left) {
        self.header = header
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of text under column headers, with a rule under the headers (when there are three rows or
/// more) and an optional selected row drawn reversed and marked. Cells too long for their column end in
/// an ellipsis.
///
///     Visit  Date         Status
///     ─────────────────────────────
///     1      Mon 3 Nov    completed
public struct Table: Widget, Hashable {
    public var columns: [TableColumn]
    public var rows: [[String]]
    /// The selected row; when not nil a two-cell gutter holds the selection marker.
    public var selected: Int?
    /// The first row shown last time; see `ListView.scrollOffset`.
    public var offset: Int
    /// Blank cells between columns.
    public var spacing: Int
    public var glyphs: Glyphs
    public var style: Style
    public var headerStyle: Style
    public var selectedStyle: Style

    public init(columns: [TableColumn], rows: [[String]], selected: Int? = nil, offset: Int = 0, spacing: Int = 2,
                glyphs: Glyphs = .unicode, style: Style = .plain, headerStyle: Style = .bold,
                selectedStyle: Style = .selected) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.spacing = spacing
        self.glyphs = glyphs
        self.style = style
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
    }

    /// Each column's width in cells for `total` cells (after the gutter). Fixed columns get their width;
    /// flexible ones their minimum plus a weighted share of the rest. Columns that overflow are cut off
    /// when drawn.
    public static func columnWidths(_ columns: [TableColumn], total: Int, spacing: Int) -> [Int] {
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let w): max(0, w)
            case .flexible(let minimum, _): max(0, minimum)
            }
        }
        let weights = columns.map { column -> Int in
            if case .flexible(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let spare = total - widths.reduce(0, +) - max(0, spacing) * max(0, columns.count - 1)
        let weightSum = weights.reduce(0, +)
        guard spare > 0, weightSum > 0 else { return widths }
        var given = 0
        for i in widths.indices where weights[i] > 0 {
            let share = spare * weights[i] / weightSum
            widths[i] += share
            given += share
        }
        // Rounding leftovers go to the first flexible columns, one cell each.
        for i in widths.indices where weights[i] > 0 && given < spare {
            widths[i] += 1
            given += 1
        }
        return widths
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let gutter = selected == nil ? 0 : 2
        let widths = Self.columnWidths(columns, total: area.width - gutter, spacing: spacing)
        drawRow(columns.map(\.header), widths: widths, x: area.x + gutter, y: area.y, style: headerStyle,
                into: &buffer, area: area)
        var bodyTop = area.y + 1
        if area.height >= 3 {
            for x in area.x..<area.maxX { buffer.write(glyphs.horizontal, x: x, y: bodyTop, style: .dim, clip: area) }
            bodyTop += 1
        }
        let height = area.maxY - bodyTop
        guard height > 0, !rows.isEmpty else { return }
        let current = selected.map { min(max(0, $0), rows.count - 1) }
        let first = ListView.scrollOffset(selected: current, count: rows.count, height: height, previous: offset)
        for row in 0..<height where first + row < rows.count {
            let y = bodyTop + row
            let index = first + row
            if index == current {
                buffer.write(glyphs.selectionMarker, x: area.x, y: y, style: style, clip: area)
            }
            drawRow(rows[index], widths: widths, x: area.x + gutter, y: y, style: style, into: &buffer, area: area)
            if index == current {
                buffer.highlight(Rect(x: area.x, y: y, width: area.width, height: 1), with: selectedStyle)
            }
        }
    }

    private func drawRow(_ cells: [String], widths: [Int], x: Int, y: Int, style: Style,
                         into buffer: inout Buffer, area: Rect) {
        var x = x
        for (i, column) in columns.enumerated() {
            guard x < area.maxX else { break }
            // The last visible column may be narrower than planned: cut its text where the area ends.
            let width = min(widths[i], area.maxX - x)
            let text = DisplayWidth.truncate(i < cells.count ? cells[i] : "", to: width, ellipsis: glyphs.ellipsis)
            let slack = width - DisplayWidth.of(text)
            let lead = switch column.alignment {
            case .left: 0
            case .right: slack
            case .center: slack / 2
            }
            buffer.write(text, x: x + lead, y: y, style: style, clip: area)
            x += widths[i] + spacing
        }
    }
}
