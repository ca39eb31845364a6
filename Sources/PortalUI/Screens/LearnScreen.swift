import PortalCore

/// The articles: the ones the therapist prescribed first, in her order, then everything else with the
/// articles about the patient's own conditions at the top. Each row says how long it takes to read and,
/// in words as well as a mark, whether it has been read.
public struct LearnScreen: PortalScreen {
    /// A row of the list: a section heading (never selected), a blank line between sections, or an article.
    enum Row: Equatable {
        case heading(String)
        case gap
        case article(Article)

        var article: Article? {
            if case .article(let a) = self { return a }
            return nil
        }
    }

    /// The selected article, counted over articles only (headings are skipped).
    public internal(set) var selected = 0
    /// The first row shown; moves only as far as the selection needs.
    var offset = 0

    public init() {}

    public var title: String { "Learn" }
    /// Text to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<LearnScreen> {
        let hasArticles = Self.rows(ctx).contains { $0.article != nil }
        let move: (inout LearnScreen, Key, ScreenContext) -> Reaction = { s, key, ctx in s.move(key, ctx) }
        return KeyTable([
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(ctx.glyphs), active: hasArticles, action: move),
            KeyBinding([.enter], KeyHint("Enter", "read"), active: hasArticles) { s, _, ctx in s.read(ctx) },
            KeyBinding([.pageUp, .pageDown], KeyHint("PgUp/PgDn", "page"), active: hasArticles, action: move),
            KeyBinding([.home, .end], KeyHint("Home/End", "first/last"), active: hasArticles, action: move),
        ])
    }

    /// The articles in the order shown: prescribed first, then the rest.
    static func sections(_ ctx: ScreenContext) -> (prescribed: [Article], more: [Article]) {
        let prescribed = ctx.snapshot.readingList.compactMap { ctx.content.article($0) }
        let ids = Set(prescribed.map(\.id))
        let more = ctx.content.readingList(for: ctx.patient?.conditions ?? []).filter { !ids.contains($0.id) }
        return (prescribed, more)
    }

    static func rows(_ ctx: ScreenContext) -> [Row] {
        let (prescribed, more) = sections(ctx)
        var rows: [Row] = []
        if !prescribed.isEmpty {
            let read = prescribed.filter { ctx.snapshot.articlesRead[$0.id] != nil }.count
            rows.append(.heading("Prescribed for \(ctx.viewer.words.you) (\(read) of \(prescribed.count) read)"))
            rows += prescribed.map(Row.article)
        }
        if !more.isEmpty {
            if !rows.isEmpty { rows.append(.gap) }
            rows.append(.heading(prescribed.isEmpty ? "Articles" : "More to read"))
            rows += more.map(Row.article)
        }
        return rows
    }

    /// The row index of the `index`th article.
    static func rowIndex(ofArticle index: Int, in rows: [Row]) -> Int? {
        rows.indices.filter { rows[$0].article != nil }.dropFirst(index).first
    }

    /// The rows the list takes in `height` lines: one fewer when it scrolls, for the line that says how many
    /// articles are above and below (QA-i I6: seven articles sat below the window without a word).
    static func listHeight(rows: Int, height: Int) -> Int {
        rows > height ? max(1, height - 1) : height
    }

    /// The first row to show: the selection stays in view, and the first article of a section brings its
    /// heading with it.
    static func scroll(rows: [Row], selectedRow: Int?, height: Int, previous: Int) -> Int {
        var first = ListView.scrollOffset(selected: selectedRow, count: rows.count, height: height, previous: previous)
        if let s = selectedRow {
            var top = s
            while top > 0, rows[top - 1].article == nil, s - (top - 1) < height { top -= 1 }
            if top < first { first = top }
        }
        return first
    }

    /// Opens the selected article, marking it read the first time.
    private mutating func read(_ ctx: ScreenContext) -> Reaction {
        let articles = Self.rows(ctx).compactMap(\.article)
        selected = min(max(0, selected), articles.count - 1)
        let article = articles[selected]
        let reader = ReaderScreen(articleID: article.id, title: article.title)
        // Only her own reading marks an article read: her therapist opening it changes nothing.
        let unread = ctx.may(.articlesRead) && ctx.snapshot.articlesRead[article.id] == nil
        return Reaction(.push(.reader(reader)), effects: unread ? [.markArticleRead(article.id)] : [])
    }

    /// Moves the selection for one of the moving keys above and scrolls to keep it in view.
    private mutating func move(_ key: Key, _ ctx: ScreenContext) -> Reaction {
        let rows = Self.rows(ctx)
        let articles = rows.compactMap(\.article)
        let height = Self.listHeight(rows: rows.count, height: max(1, ctx.area.height))
        switch key {
        case .up, .character("k"): selected -= 1
        case .down, .character("j"): selected += 1
        case .pageUp: selected -= max(1, height - 2)
        case .pageDown: selected += max(1, height - 2)
        case .home: selected = 0
        case .end: selected = articles.count - 1
        default: return .unhandled
        }
        selected = min(max(0, selected), articles.count - 1)
        offset = Self.scroll(rows: rows, selectedRow: Self.rowIndex(ofArticle: selected, in: rows), height: height, previous: offset)
        return .stay
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let g = ctx.glyphs
        let rows = Self.rows(ctx)
        guard !rows.isEmpty else {
            buffer.write(DisplayWidth.truncate("There are no articles yet.", to: area.width, ellipsis: g.ellipsis),
                         x: area.x, y: area.y, style: .muted, clip: area)
            return
        }
        let articleCount = rows.filter { $0.article != nil }.count
        let selectedRow = Self.rowIndex(ofArticle: min(max(0, selected), articleCount - 1), in: rows)
        let height = Self.listHeight(rows: rows.count, height: area.height)
        let first = Self.scroll(rows: rows, selectedRow: selectedRow, height: height, previous: offset)
        if height < area.height {
            let above = rows.prefix(first).filter { $0.article != nil }.count
            let below = rows.dropFirst(first + height).filter { $0.article != nil }.count
            let mark = [above > 0 ? "\(g.up) \(above) more above" : nil, below > 0 ? "\(g.down) \(below) more below" : nil]
                .compactMap { $0 }.joined(separator: "  ")
            buffer.write(DisplayWidth.truncate(mark, to: max(1, area.width - 2), ellipsis: g.ellipsis), x: area.x + 2, y: area.maxY - 1, style: .muted, clip: area)
        }
        for i in 0..<height where first + i < rows.count {
            let index = first + i
            let rowArea = area.row(i)
            switch rows[index] {
            case .heading(let text):
                buffer.write(DisplayWidth.truncate(text, to: area.width, ellipsis: g.ellipsis),
                             x: rowArea.x, y: rowArea.y, style: .label, clip: rowArea)
            case .gap:
                break
            case .article(let article):
                let read = ctx.snapshot.articlesRead[article.id] != nil
                let detail = (read ? "\(g.check) read  " : "") + "\(article.minutes) min"
                let item = ListItem(article.title, detail: detail)
                buffer.render(ListView(items: [item], selected: index == selectedRow ? 0 : nil, glyphs: g), in: rowArea)
            }
        }
    }
}
