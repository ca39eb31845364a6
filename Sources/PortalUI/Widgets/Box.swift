/// A border around an area, with an optional title set into the top line: `┌ Title ───┐`.
/// Draw the box, then draw its content into `inner(area)`.
public struct Box: Widget, Hashable {
    public var title: String?
    public var glyphs: Glyphs
    public var style: Style
    public var titleStyle: Style

    public init(title: String? = nil, glyphs: Glyphs = .unicode, style: Style = .plain, titleStyle: Style = .bold) {
        self.title = title
        self.glyphs = glyphs
        self.style = style
        self.titleStyle = titleStyle
    }

    /// The area inside the border (empty when the area is too small to hold anything).
    public func inner(_ area: Rect) -> Rect { area.inset(1) }

    public func render(into buffer: inout Buffer, area: Rect) {
        // A border needs two rows and two columns; smaller areas stay blank rather than half-drawn.
        guard area.width >= 2, area.height >= 2 else { return }
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        for x in (left + 1)..<right {
            buffer.write(glyphs.horizontal, x: x, y: top, style: style, clip: area)
            buffer.write(glyphs.horizontal, x: x, y: bottom, style: style, clip: area)
        }
        for y in (top + 1)..<bottom {
            buffer.write(glyphs.vertical, x: left, y: y, style: style, clip: area)
            buffer.write(glyphs.vertical, x: right, y: y, style: style, clip: area)
        }
        buffer.write(glyphs.topLeft, x: left, y: top, style: style, clip: area)
        buffer.write(glyphs.topRight, x: right, y: top, style: style, clip: area)
        buffer.write(glyphs.bottomLeft, x: left, y: bottom, style: style, clip: area)
        buffer.write(glyphs.bottomRight, x: right, y: bottom, style: style, clip: area)

        // The title sits after the corner with a space either side, and never covers the right corner.
        if let title, !title.isEmpty {
            let room = area.width - 4
            guard room > 0 else { return }
            let shown = DisplayWidth.truncate(title, to: room, ellipsis: glyphs.ellipsis)
            let titleClip = Rect(x: left + 1, y: top, width: area.width - 2, height: 1)
            var x = buffer.write(" ", x: left + 1, y: top, style: style, clip: titleClip)
            x = buffer.write(shown, x: x, y: top, style: titleStyle, clip: titleClip)
            buffer.write(" ", x: x, y: top, style: style, clip: titleClip)
        }
    }
}
