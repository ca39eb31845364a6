import Foundation

/// Where the bundled content (the top-level `Resources/` folder) lives at run time.
public enum PortalContent {
    /// The copied `Resources/` folder inside this target's resource bundle.
    public static var resourcesURL: URL? {
        // On Linux the bundle's resourceURL is already its `Resources` subfolder; on Apple platforms
        // the copied folder sits inside it.
        guard let base = Bundle.module.resourceURL else { return nil }
        let nested = base.appendingPathComponent("Resources", isDirectory: true)
        if FileManager.default.fileExists(atPath: nested.appendingPathComponent("exercises.json").path) { return nested }
        return base
    }
}
