import Foundation

/// Where the bundled content (the top-level `Resources/` folder) lives at run time.
public enum PortalContent {
    /// The copied `Resources/` folder inside this target's resource bundle.
    public static var resourcesURL: URL? { found }

    private static let found: URL? = besideExecutable() ?? fromBundle()

    /// SwiftPM puts the bundle beside the binary as `<package>_<target>.resources` (and `make install` copies
    /// it there). Looking there first skips `Bundle.module`, whose Bundle objects cost about 2 M instructions
    /// of every start-up. On Linux the bundle is looked for only where `Bundle.module` would look that this
    /// process can name (beside the binary, which is the test bundle's own folder in tests, and beside
    /// `Bundle.main`): `Bundle.module` itself traps (`fatalError`, exit 132) when it finds no bundle, as for an
    /// installed portal whose content folder is missing, where she must be told so instead. A folder found
    /// counts whether or not it can be read: reading it then says what is wrong with it (`ContentFolder`).
    private static func besideExecutable() -> URL? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var folders: [String] = []
        if n > 0 {
            let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = exe.lastIndex(of: "/") { folders.append(String(exe[..<slash])) }
        }
        folders.append(Bundle.main.bundleURL.path)
        for folder in folders {
            let bundle = folder + "/" + bundleName
            var info = stat()
            guard stat(bundle, &info) == 0 else { continue }
            return URL(fileURLWithPath: bundle + "/Resources", isDirectory: true)
        }
        return nil
        #else
        return nil
        #endif
    }

    /// The resource bundle's folder name, as SwiftPM makes it.
    public static let bundleName = "portal_PortalContent.resources"

    private static func fromBundle() -> URL? {
        #if os(Linux)
        return nil
        #else
        // On Apple platforms the copied folder sits inside the bundle's resources.
        guard let base = Bundle.module.resourceURL else { return nil }
        let nested = base.appendingPathComponent("Resources", isDirectory: true)
        if FileManager.default.fileExists(atPath: nested.appendingPathComponent("exercises.json").path) { return nested }
        return base
        #endif
    }
}
