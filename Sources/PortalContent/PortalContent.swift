import Foundation

/// Where the bundled content (the top-level `Resources/` folder) lives at run time.
public enum PortalContent {
    /// The copied `Resources/` folder inside this target's resource bundle.
    public static var resourcesURL: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Resources", isDirectory: true)
    }
}
