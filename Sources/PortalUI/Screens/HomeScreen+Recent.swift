import PortalCore

/// In two columns, the rows under Home's menu list her latest pain entries (newest first), so a tall
/// window shows more of her diary instead of blank rows beside the chart.
extension HomeScreen {
    /// Rows the list needs to be worth showing: the heading and two entries.
    static let recentMinimumRows = 3

    /// "Latest pain entries" and one row per entry: day, time, score, where it hurt. Clipped to `area`.
    func drawRecent(_ ctx: ScreenContext, in area: Rect, into buffer: inout Buffer) {
        guard area.height >= Self.recentMinimumRows else { return }
        // Two weeks of entries at most: a glance at the diary, not the whole of it (Progress has that).
        let entries = ctx.snapshot.painEntries.suffix(min(PortalSnapshot.homeLatestEntries, area.height - 1)).reversed()
        guard !entries.isEmpty else { return }
        buffer.write("Latest pain entries", x: area.x, y: area.y, style: .label, clip: area)
        for (i, e) in entries.enumerated() {
            let day = ctx.dayText(e.date)
            let sites = e.sites.map(\.title).joined(separator: ", ")
            let text = "\(day.padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.time)  \(e.score)/10" + (sites.isEmpty ? "" : "  " + sites)
            buffer.write(DisplayWidth.truncate(text, to: area.width, ellipsis: ctx.glyphs.ellipsis),
                         x: area.x, y: area.y + 1 + i, style: .muted, clip: area)
        }
    }
}
