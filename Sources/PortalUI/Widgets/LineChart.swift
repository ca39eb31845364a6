/// Pain over days: a y-axis from 0 to 10 with labels, the main series as a line of braille dots (2×4
/// per cell, so at five rows a one-point change moves the line by two dots) and a second series (e.g. the
/// 7-day average) as `+` marks in the cells the line leaves free, the first and last dates under the
/// x-axis and a legend naming both. Readable in monochrome: the series differ by shape, never only by
/// colour. Days without data break the line. In ASCII each day is its value as a digit instead.
///
///     10┤
///      5┤ ⢀⠔⠉⠢⡀ +
///      0┤⠊     ⠈⠢
///       └─────────
///       3 Nov  17 Nov
///     ⠤ daily pain 0–10  + 7-day average
public struct LineChart: Widget, Hashable {
    public var series: [Double?]
    public var secondary: [Double?]?
    public var range: ClosedRange<Double>
    public var firstLabel: String
    public var lastLabel: String
    public var seriesName: String
    public var secondaryName: String
    /// Shown in the plot when no day has data.
    public var emptyText: String
    public var glyphs: Glyphs
    public var style: Style
    public var secondaryStyle: Style

    public init(series: [Double?], secondary: [Double?]? = nil, range: ClosedRange<Double> = 0...10,
                firstLabel: String = "", lastLabel: String = "", seriesName: String = "daily pain",
                secondaryName: String = "7-day average", emptyText: String = "No entries yet",
                glyphs: Glyphs = .unicode, style: Style = .accent, secondaryStyle: Style = .plain) {
        self.series = series
        self.secondary = secondary
        self.range = range
        self.firstLabel = firstLabel
        self.lastLabel = lastLabel
        self.seriesName = seriesName
        self.secondaryName = secondaryName
        self.emptyText = emptyText
        self.glyphs = glyphs
        self.style = style
        self.secondaryStyle = secondaryStyle
    }

    /// Day values placed on `width` columns: spread out when there are fewer days than columns,
    /// averaged per column when there are more. Returns (column, value) for columns with data.
    public static func columns(_ values: [Double?], days: Int, width: Int) -> [(column: Int, value: Double)] {
        guard width > 0, days > 0 else { return [] }
        if days <= width {
            return values.enumerated().compactMap { i, v in
                guard let v, v.isFinite, i < days else { return nil }
                let column = days == 1 ? 0 : Int((Double(i * (width - 1)) / Double(days - 1)).rounded())
                return (column, v)
            }
        }
        return (0..<width).compactMap { c in
            let slice = values[min(values.count, c * days / width)..<min(values.count, (c + 1) * days / width)]
            let known = slice.compactMap { $0 }.filter(\.isFinite)
            return known.isEmpty ? nil : (c, known.reduce(0, +) / Double(known.count))
        }
    }

    /// The plot row (0 = top) for `value` in a plot `height` rows tall.
    public func row(for value: Double, height: Int) -> Int {
        let span = range.upperBound - range.lowerBound
        guard height > 1, span > 0 else { return 0 }
        let t = (range.upperBound - min(max(value, range.lowerBound), range.upperBound)) / span
        return Int((t * Double(height - 1)).rounded())
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let hasLegend = area.height >= 5, hasLabels = area.height >= 4, hasAxis = area.height >= 3
        let plotHeight = area.height - [hasLegend, hasLabels, hasAxis].filter { $0 }.count
        let axisWidth = area.width >= 8 ? 3 : 0
        let plot = Rect(x: area.x + axisWidth, y: area.y, width: area.width - axisWidth, height: plotHeight)
        var y = plot.maxY

        if axisWidth > 0 { drawYAxis(plot: plot, area: area, into: &buffer) }
        if hasAxis {
            if axisWidth > 0 { buffer.write(glyphs.bottomLeft, x: area.x + 2, y: y, style: .dim, clip: area) }
            for x in plot.x..<plot.maxX { buffer.write(glyphs.horizontal, x: x, y: y, style: .dim, clip: area) }
            y += 1
        }
        if hasLabels {
            drawDates(x: plot.x, y: y, width: area.maxX - plot.x, into: &buffer, area: area)
            y += 1
        }
        if hasLegend { drawLegend(y: y, into: &buffer, area: area) }

        let days = max(series.count, secondary?.count ?? 0)
        let points = Self.columns(series, days: days, width: plot.width)
        let second = secondary.map { Self.columns($0, days: days, width: plot.width) } ?? []
        if points.isEmpty && second.isEmpty {
            let text = DisplayWidth.truncate(emptyText, to: plot.width, ellipsis: glyphs.ellipsis)
            let x = plot.x + (plot.width - DisplayWidth.of(text)) / 2
            buffer.write(text, x: x, y: plot.y + (plot.height - 1) / 2, style: .dim, clip: plot)
            return
        }
        if glyphs.dotCharts {
            drawDots(days: days, plot: plot, into: &buffer)
        } else {
            drawDigits(points, plot: plot, into: &buffer)
        }
        // The average where the daily line leaves room: the day's own score stays on top where they meet.
        for (column, value) in second {
            let x = plot.x + column, y = plot.y + row(for: value, height: plot.height)
            guard buffer[x, y].text == " " else { continue }
            buffer.write(glyphs.chartSecondary, x: x, y: y, style: secondaryStyle, clip: plot)
        }
    }

    /// The dot row (0 = top) for `value` on a grid `dots` dots tall.
    func dotRow(for value: Double, dots: Int) -> Int {
        let span = range.upperBound - range.lowerBound
        guard dots > 1, span > 0 else { return 0 }
        let t = (range.upperBound - min(max(value, range.lowerBound), range.upperBound)) / span
        return Int((t * Double(dots - 1)).rounded())
    }

    /// Day values placed on `width` dot columns, in order, nil where a day (or a column of days) has no
    /// data: consecutive known points are joined by a line, a gap leaves the line broken.
    static func dotColumns(_ values: [Double?], days: Int, width: Int) -> [(x: Int, value: Double?)] {
        guard width > 0, days > 0 else { return [] }
        if days <= width {
            return (0..<days).map { i in
                let v = i < values.count ? values[i].flatMap { $0.isFinite ? $0 : nil } : nil
                return (days == 1 ? 0 : Int((Double(i * (width - 1)) / Double(days - 1)).rounded()), v)
            }
        }
        let known = Dictionary(columns(values, days: days, width: width).map { ($0.column, $0.value) }, uniquingKeysWith: { a, _ in a })
        return (0..<width).map { ($0, known[$0]) }
    }

    /// The main series in braille: a dot per day, joined to the next day's when both have data.
    private func drawDots(days: Int, plot: Rect, into buffer: inout Buffer) {
        var canvas = BrailleCanvas(width: plot.width, height: plot.height)
        let points = Self.dotColumns(series, days: days, width: canvas.dotWidth)
        var previous: (x: Int, y: Int)?
        for point in points {
            guard let value = point.value else { previous = nil; continue }
            let here = (x: point.x, y: dotRow(for: value, dots: canvas.dotHeight))
            if let previous { canvas.line(from: previous, to: here) } else { canvas.set(x: here.x, y: here.y) }
            previous = here
        }
        for r in 0..<plot.height {
            for c in 0..<plot.width {
                if let ch = canvas.character(column: c, row: r) { buffer.write(ch, x: plot.x + c, y: plot.y + r, style: style, clip: plot) }
            }
        }
    }

    /// Without braille: each point is its rounded value as a digit (X for 10), on the nearest row.
    private func drawDigits(_ points: [(column: Int, value: Double)], plot: Rect, into buffer: inout Buffer) {
        for (column, value) in points {
            buffer.write(Self.digit(value), x: plot.x + column, y: plot.y + row(for: value, height: plot.height),
                         style: style, clip: plot)
        }
    }

    /// "0"–"9" for a value rounded to a whole number, "X" for 10 and above.
    static func digit(_ value: Double) -> String {
        let n = Int(value.rounded())
        return n >= 10 ? "X" : String(max(0, n))
    }

    private func drawYAxis(plot: Rect, area: Rect, into buffer: inout Buffer) {
        var labelled = Set<Int>()
        let mid = (range.lowerBound + range.upperBound) / 2
        for value in [range.lowerBound, range.upperBound, mid] {
            let r = row(for: value, height: plot.height)
            guard r < plot.height, labelled.insert(r).inserted else { continue }
            let text = Self.number(value)
            buffer.write(DisplayWidth.pad(String(repeating: " ", count: max(0, 2 - DisplayWidth.of(text))) + text, to: 2),
                         x: area.x, y: plot.y + r, style: .dim, clip: area)
        }
        for r in 0..<plot.height {
            buffer.write(labelled.contains(r) ? glyphs.tickLeft : glyphs.vertical, x: area.x + 2, y: plot.y + r,
                         style: .dim, clip: area)
        }
    }

    static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    private func drawDates(x: Int, y: Int, width: Int, into buffer: inout Buffer, area: Rect) {
        let first = DisplayWidth.of(firstLabel), last = DisplayWidth.of(lastLabel)
        // Both dates when they fit apart; else the most recent one, which matters more.
        if first + 1 + last <= width {
            buffer.write(firstLabel, x: x, y: y, style: .dim, clip: area)
            buffer.write(lastLabel, x: x + width - last, y: y, style: .dim, clip: area)
        } else {
            buffer.write(DisplayWidth.truncate(lastLabel, to: width, ellipsis: glyphs.ellipsis),
                         x: x, y: y, style: .dim, clip: area)
        }
    }

    /// What is plotted, in the marks the plot uses: `⠤ daily pain 0–10  + 7-day average`, in ASCII
    /// `0-9 daily pain (X = 10)  + 7-day average`.
    private func drawLegend(y: Int, into buffer: inout Buffer, area: Rect) {
        let lo = Self.number(range.lowerBound), hi = Self.number(range.upperBound)
        let mark = glyphs.dotCharts ? "⠤" : "0-9"
        let name = glyphs.dotCharts ? " \(seriesName) \(lo)–\(hi)" : " \(seriesName) (X = \(hi))"
        var x = buffer.write(mark, x: area.x, y: y, style: style, clip: area)
        x = buffer.write(name, x: x, y: y, clip: area)
        guard secondary != nil else { return }
        let entry = glyphs.chartSecondary + " " + secondaryName
        // The second entry shows whole or not at all.
        guard x + 2 + DisplayWidth.of(entry) <= area.maxX else { return }
        x = buffer.write(glyphs.chartSecondary, x: x + 2, y: y, style: secondaryStyle, clip: area)
        buffer.write(" " + secondaryName, x: x, y: y, clip: area)
    }
}
