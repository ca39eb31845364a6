/// One labelled bar: a value from 0 to 1 and the text shown after it (a percentage unless given).
public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var valueText: String

    public init(_ label: String, value: Double, valueText: String? = nil) {
        let v = value.isFinite ? min(max(value, 0), 1) : 0
        self.label = label
        self.value = v
        self.valueText = valueText ?? "\(Int((v * 100).rounded()))%"
    }
}

/// Horizontal bars, one per row, e.g. adherence by week:
///
///     Wk 1 ███████▌ 70%
///     Wk 2 ██████████ 100%
///
/// A value of 1 fills the space left after the widest label and value text. Unicode draws eighths of a
/// cell; ASCII rounds to whole `#` cells. The value is always written out, so bars need no colour.
public struct BarChart: Widget, Hashable {
    public var bars: [Bar]
    public var glyphs: Glyphs
    public var style: Style
    public var barStyle: Style

    public init(bars: [Bar], glyphs: Glyphs = .unicode, style: Style = .plain, barStyle: Style = .accent) {
        self.bars = bars
        self.glyphs = glyphs
        self.style = style
        self.barStyle = barStyle
    }

    /// The bar for `value` in at most `width` cells.
    public func barText(_ value: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let cells = value * Double(width)
        if glyphs.barEighths.isEmpty {
            return String(repeating: glyphs.barFull, count: Int(cells.rounded()))
        }
        var full = Int(cells)
        var eighths = Int(((cells - Double(full)) * 8).rounded())
        if eighths == 8 {
            full += 1
            eighths = 0
        }
        let partial = eighths > 0 && eighths <= glyphs.barEighths.count ? glyphs.barEighths[eighths - 1] : ""
        return String(repeating: glyphs.barFull, count: full) + partial
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        // Labels get at most a third of the width; values as much as the widest needs.
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, area.width / 3)
        let valueWidth = bars.map { DisplayWidth.of($0.valueText) }.max() ?? 0
        let barWidth = area.width - labelWidth - 1 - valueWidth - 1
        for (row, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + row
            var x = area.x
            if labelWidth > 0 {
                let label = DisplayWidth.pad(DisplayWidth.truncate(bar.label, to: labelWidth, ellipsis: glyphs.ellipsis),
                                             to: labelWidth)
                x = buffer.write(label + " ", x: x, y: y, style: style, clip: area)
            }
            if barWidth > 0 {
                let drawn = barText(bar.value, width: barWidth)
                x = buffer.write(drawn, x: x, y: y, style: barStyle, clip: area)
                if !drawn.isEmpty { x += 1 }
            }
            buffer.write(bar.valueText, x: x, y: y, style: style, clip: area)
        }
    }
}
