import PortalCore

/// Placeholder until the screen is written.
public struct ReaderScreen: PortalScreen {
    public init() {}
    public var title: String { "Reading" }
    public func hints(_ ctx: ScreenContext) -> [KeyHint] { [] }
    public mutating func handle(_ key: Key, _ ctx: ScreenContext) -> Reaction { .unhandled }
    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        buffer.line("Coming soon.", area: area, row: 0)
    }
}
