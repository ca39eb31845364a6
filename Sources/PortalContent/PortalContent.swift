import Foundation

/// Where the bundled content (the top-level `Resources/` folder) lives at run time.
public enum PortalContent {
    /// The copied `Resources/` folder inside this target's resource bundle.
    public static var resourcesURL: URL? { found }

    private static let found: URL? = besideExecutable() ?? fromBundle()

    /// SwiftPM puts the bundle beside the binary as `<package>_<target>.resources` (and `make install` copies
    /// it there). Looking there first skips `Bundle.module`, whose Bundle objects cost about 2 M instructions
    /// of every start-up; tests and other layouts still find it through `Bundle.module`.
    private static func besideExecutable() -> URL? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = exe.lastIndex(of: "/") else { return nil }
        let folder = exe[..<slash] + "/portal_PortalContent.resources/Resources"
        guard access(folder + "/exercises.json", R_OK) == 0 else { return nil }
        return URL(fileURLWithPath: String(folder), isDirectory: true)
        #else
        return nil
        #endif
    }

    private static func fromBundle() -> URL? {
        // On Linux the bundle's resourceURL is already its `Resources` subfolder; on Apple platforms
        // the copied folder sits inside it.
        guard let base = Bundle.module.resourceURL else { return nil }
        let nested = base.appendingPathComponent("Resources", isDirectory: true)
        if FileManager.default.fileExists(atPath: nested.appendingPathComponent("exercises.json").path) { return nested }
        return base
    }
}
