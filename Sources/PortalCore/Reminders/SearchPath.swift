import Foundation

/// Finds a program on PATH as the shell would: the first folder that holds an executable of that name.
public enum SearchPath {
    /// `path` is PATH's value (folders separated by colons); without one, /usr/bin and /bin.
    public static func find(_ name: String, in path: String?) -> String? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
