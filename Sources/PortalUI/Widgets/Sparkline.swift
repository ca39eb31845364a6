/// A one-row chart, one cell per value: `▁▃▅·▂▁` (ASCII `_-=  .`). Days without data are a gap
/// (`·` in Unicode, a blank in ASCII) so "no entry" never looks like a score of 0, which is the lowest
/// bar. When there are more values than cells the most recent ones are shown.
public struct Sparkline: Widget, Hashable {
    public var values: [Double?]
    /// The values mapped to the lowest and highest level; nil scales to the data's own range.
    public var range: ClosedRange<Double>?
    public var glyphs: Glyphs
    public var style: Style
    public var gapStyle: Style

    /// The fixed range for pain scores, so a week of 2s looks low rather than filling the chart.
    public static let painRange: ClosedRange<Double> = 0...10

    public init(values: [Double?], range: ClosedRange<Double>? = Sparkline.painRange, glyphs: Glyphs = .unicode,
                style: Style = .plain, gapStyle: Style = .dim) {
        self.values = values
        self.range = range
        self.glyphs = glyphs
        self.style = style
        self.gapStyle = gapStyle
    }

    /// The level (0 = lowest glyph) for `value` among `levels` levels, or nil for no data.
    public static func level(_ value: Double?, in range: ClosedRange<Double>, levels: Int) -> Int? {
        guard let value, value.isFinite, levels > 0 else { return nil }
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return levels / 2 }
        let t = (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / span
        return Int((t * Double(levels - 1)).rounded())
    }

    /// The range used for drawing: the fixed one, or the smallest range holding every value.
    public var effectiveRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return lo...hi
    }

    /// The glyphs this sparkline draws at `width` cells, one per value.
    public func glyphRow(width: Int) -> [String] {
        let shown = values.suffix(max(0, width))
        let range = effectiveRange
        return shown.map { value in
            Self.level(value, in: range, levels: glyphs.sparkLevels.count).map { glyphs.sparkLevels[$0] }
                ?? glyphs.sparkGap
        }
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !glyphs.sparkLevels.isEmpty else { return }
        let shown = Array(values.suffix(area.width))
        for (i, glyph) in glyphRow(width: area.width).enumerated() {
            let isGap = shown[i].map { !$0.isFinite } ?? true
            buffer.write(glyph, x: area.x + i, y: area.y, style: isGap ? gapStyle : style, clip: area)
        }
    }
}
