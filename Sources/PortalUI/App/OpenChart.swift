import PortalCore

/// The patient whose chart a therapist has open: her login and her name. The runtime answers
/// `Effect.openChart` with it (`Saved.chart`), after her snapshot (`Message.loaded`).
public struct OpenChart: Sendable, Equatable {
    /// Her login (her database role).
    public var login: String
    public var name: String

    public init(login: String, name: String) {
        self.login = login
        self.name = name
    }
}
