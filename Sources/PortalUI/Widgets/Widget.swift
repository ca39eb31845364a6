/// Something that draws itself into a rectangle of a Buffer. A widget is a plain value built fresh for
/// each frame from screen state; `render` draws only inside `area` and copes with any size, even 0×0.
public protocol Widget: Sendable {
    func render(into buffer: inout Buffer, area: Rect)
}

extension Buffer {
    /// Draws `widget` into `area`: a shorthand that reads well in a screen's `view`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }

    /// Lays a highlight over cells already drawn: reverse and bold are added, colours replaced only when
    /// the highlight sets them. Used for the selected row of lists, tables and checklists.
    public mutating func highlight(_ rect: Rect, with highlight: Style) {
        restyle(rect.intersection(area)) { cell in
            cell.reverse = cell.reverse || highlight.reverse
            cell.bold = cell.bold || highlight.bold
            cell.underline = cell.underline || highlight.underline
            if highlight.foreground != .default { cell.foreground = highlight.foreground }
            if highlight.background != .default { cell.background = highlight.background }
        }
    }
}

extension Style {
    /// A copy with `bold` set: keys and prefixes stand out on any terminal.
    public func with(bold: Bool) -> Style {
        var s = self
        s.bold = bold
        return s
    }
}
