import Foundation

/// The size of the area a screen was last drawn in, so `handle` can page and clamp a scroll position
/// (PgDn, End, the reader's offset) by the rows the patient actually sees.
///
/// Why a side channel: `handle` gets no size and `view` cannot change the screen, and the app keeps the
/// terminal size to itself. Until the app passes the area to screens, `view` records it here. Copies of a
/// screen share the record, and it takes no part in equality, so screen states still compare by what
/// they show. Before the first draw it assumes the area of an 80×24 terminal.
struct LastDrawnArea: Sendable, Equatable {
    /// The content area of an 80×24 terminal: the app's chrome takes three rows and two columns.
    static let assumed = Size(width: 78, height: 21)

    private final class Record: @unchecked Sendable {
        let lock = NSLock()
        var size: Size?
    }

    private let record = Record()

    init() {}

    /// Remembers `area`'s size. Called from `view`, which is otherwise pure.
    func remember(_ area: Rect) {
        record.lock.lock()
        record.size = Size(width: area.width, height: area.height)
        record.lock.unlock()
    }

    var size: Size {
        record.lock.lock()
        defer { record.lock.unlock() }
        return record.size ?? Self.assumed
    }

    static func == (a: LastDrawnArea, b: LastDrawnArea) -> Bool { true }
}
