/// One terminal cell: the grapheme drawn there and its style. A wide grapheme occupies its cell and marks
/// the next one as a `continuation`, which the terminal layer skips when drawing.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style
    public var isContinuation: Bool

    public init(_ text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// A cell position.
public struct Point: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// A screen's worth of styled cells. Screens draw into a Buffer; the terminal layer copies it out.
/// Drawing outside the buffer is clipped, never a crash.
public struct Buffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a text field being edited), if anywhere.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var area: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * size.width + x] : .blank }
        set { if contains(x, y) { cells[y * size.width + x] = newValue } }
    }

    private func contains(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    /// Writes `text` from (x, y) without wrapping, clipped to `clip` (the whole buffer by default).
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY else { return x }
        var col = x
        for ch in text {
            if ch == "\n" || ch == "\r" || ch == "\t" {
                if col >= bounds.x, col < bounds.maxX { self[col, y] = Cell(" ", style: style) }
                col += 1
                continue
            }
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // A lone combining mark: attach it to the previous cell so it never takes a column.
                if col - 1 >= bounds.x, col - 1 < bounds.maxX { self[col - 1, y].text.append(ch) }
                continue
            }
            if col + w > bounds.maxX { break }
            if col >= bounds.x {
                put(Cell(String(ch), style: style), x: col, y: y)
                // A wide character, or a cluster of several letters (an Indic syllable: `DisplayWidth.cells`).
                for k in 1..<max(1, w) { put(Cell("", style: style, isContinuation: true), x: col + k, y: y) }
            }
            col += w
        }
        return col
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, with text: String = " ", style: Style = .plain) {
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX { put(Cell(text, style: style), x: x, y: y) }
        }
    }

    /// Sets one cell without leaving part of a wide character behind: overwriting any cell of a character
    /// that takes several (a wide one, an Indic syllable) blanks the others, so the terminal never draws a
    /// stray glyph or a cluster cut in two.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x, y) else { return }
        let old = self[x, y]
        if old.isContinuation, !cell.isContinuation {
            // Back to the cell that holds the character, and everything of it before this cell.
            var b = x - 1
            while b > 0, self[b, y].isContinuation { self[b, y] = Cell(" ", style: self[b, y].style); b -= 1 }
            if b >= 0 { self[b, y] = Cell(" ", style: self[b, y].style) }
        }
        // The rest of the character this cell held (or was part of), after it.
        var a = x + 1
        while a < size.width, self[a, y].isContinuation, !cell.isContinuation || !old.isContinuation {
            self[a, y] = Cell(" ", style: self[a, y].style)
            a += 1
        }
        self[x, y] = cell
    }

    /// Changes the style of every cell in `rect`, keeping its text (used for selection highlights).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX where contains(x, y) { change(&cells[y * size.width + x].style) }
        }
    }

    /// Copies another buffer in at (x, y).
    public mutating func blit(_ other: Buffer, x: Int, y: Int) {
        for oy in 0..<other.size.height {
            for ox in 0..<other.size.width { self[x + ox, y + oy] = other[ox, oy] }
        }
    }

    /// The text of row `y`, with trailing spaces removed: what a person reading the screen sees.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        var s = ""
        for x in 0..<size.width {
            let c = self[x, y]
            if !c.isContinuation { s += c.text }
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Every row as text: the form screen tests compare.
    public var lines: [String] { (0..<size.height).map(line) }

    /// True when any row contains `text`.
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursor == b.cursor
    }
}
