/// A grid of dots drawn with braille characters: each cell holds 2 columns × 4 rows of dots, so a chart
/// gets four times the rows a cell-per-point chart has. The character for a cell is U+2800 plus one bit
/// per dot that is set (dots 1–3 and 7 down the left column, 4–6 and 8 down the right).
public struct BrailleCanvas: Sendable, Hashable {
    /// Size in cells; the dot grid is twice as wide and four times as tall.
    public let width: Int
    public let height: Int
    private var bits: [UInt8]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bits = Array(repeating: 0, count: self.width * self.height)
    }

    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// The bit for the dot at column `dx` (0 or 1) and row `dy` (0–3) inside a cell.
    static func bit(dx: Int, dy: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? left[dy] : right[dy]
    }

    /// Sets the dot at (x, y), counted from the top left; outside the grid does nothing.
    public mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        bits[(y / 4) * width + x / 2] |= Self.bit(dx: x % 2, dy: y % 4)
    }

    /// True when the dot at (x, y) is set.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return bits[(y / 4) * width + x / 2] & Self.bit(dx: x % 2, dy: y % 4) != 0
    }

    /// A straight line of dots from one point to another, both ends included (Bresenham's walk).
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int)) {
        var (x, y) = a
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x, y: y)
            if x == b.x && y == b.y { return }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// The character for cell (column, row), or nil when none of its dots is set.
    public func character(column: Int, row: Int) -> String? {
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        let b = bits[row * width + column]
        guard b != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(b)) else { return nil }
        return String(Character(scalar))
    }

    /// The dots of one braille character as (dx, dy) pairs, for reading a drawn chart back.
    public static func dots(in text: String) -> [(dx: Int, dy: Int)] {
        guard let s = text.unicodeScalars.first, (0x2800...0x28FF).contains(s.value) else { return [] }
        let b = UInt8(s.value - 0x2800)
        return (0..<2).flatMap { dx in (0..<4).compactMap { dy in b & bit(dx: dx, dy: dy) != 0 ? (dx, dy) : nil } }
    }
}
