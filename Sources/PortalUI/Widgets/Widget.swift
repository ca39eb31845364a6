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
}
