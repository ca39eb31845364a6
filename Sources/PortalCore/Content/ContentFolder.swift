import Foundation

/// The content folder as the library reads it, piece by piece: each read either gives its value or keeps
/// the error (naming the file) in `problems`, so a piece decoded on first use never throws where a screen
/// reads it. Safe from any thread.
final class ContentFolder: @unchecked Sendable {
    let url: URL
    /// What she can do when the folder or one of its files cannot be read (`ContentLibrary.bundledRemedy` for
    /// the portal's own content).
    let remedy: String
    private let lock = NSLock()
    private var found: [PortalError] = []

    init(_ url: URL, remedy: String) {
        self.url = url
        self.remedy = remedy
    }

    /// The errors so far, in the order they were found (each file's once).
    var problems: [PortalError] { lock.withLock { found } }

    /// Runs `read`; its error is kept and nil returned.
    func attempt<T>(_ read: () throws -> T) -> T? {
        do {
            return try read()
        } catch {
            let problem = error as? PortalError ?? .storage("\(error)")
            lock.withLock { if !found.contains(where: { $0.description == problem.description }) { found.append(problem) } }
            return nil
        }
    }

    /// The file `name` (a path inside the folder), or a storage error naming the folder or file that cannot be
    /// read and why (`unreadable`).
    func data(_ name: String) throws -> Data {
        let file = url.appendingPathComponent(name)
        do {
            return try Data(contentsOf: file)
        } catch {
            throw unreadable(name, isFolder: false, error: error)
        }
    }

    /// Throws when the folder itself cannot be read (missing, a file, or closed to her): said once, naming
    /// the folder, rather than as its first file.
    func checkFolder() throws {
        if let (path, why) = Self.blocked(url.path) { throw problem(path, why) }
    }

    /// The first folder on the way to `path` (or `path` itself, as a folder) that keeps it from being read.
    static func blocked(_ path: String) -> (path: String, why: String)? {
        var info = stat()
        if stat(path, &info) != 0, errno == EACCES {
            // A folder above it is closed to her: name that one.
            var prefix = ""
            for part in path.split(separator: "/").dropLast() {
                prefix += "/" + part
                if access(prefix, X_OK) != 0 { return (prefix, "cannot be opened: permission denied") }
            }
        }
        return whyUnreadable(path, isFolder: true).map { (path, $0) }
    }

    /// The error for `name` (a path inside the folder) that could not be read: the first folder on its way,
    /// or the file itself, named with what is wrong in plain words ("cannot be opened: permission denied"),
    /// and what to do.
    func unreadable(_ name: String, isFolder: Bool, error: Error? = nil) -> PortalError {
        var path = url.path
        if let (folder, why) = Self.blocked(path) { return problem(folder, why) }
        let parts = name.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            path += "/" + part
            let last = i == parts.count - 1
            if let why = Self.whyUnreadable(path, isFolder: !last || isFolder) { return problem(path, why) }
        }
        let detail = error.map { e -> String in
            let ns = e as NSError
            return (ns.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? ns.localizedDescription
        }
        return problem(path, "cannot be read" + (detail.map { " (\($0))" } ?? ""))
    }

    private func problem(_ path: String, _ why: String) -> PortalError {
        .storage("The portal cannot read its content: \(path) \(why). \(remedy)")
    }

    /// What keeps `path` (a folder when `isFolder`) from being read, in words after its name, or nil when
    /// nothing does.
    static func whyUnreadable(_ path: String, isFolder: Bool) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be reached (\(String(cString: strerror(errno))))"
        }
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        if isFolder {
            guard isDirectory else { return "is a file, not a folder" }
            if access(path, R_OK | X_OK) != 0 { return "cannot be opened: permission denied" }
        } else {
            if isDirectory { return "is a folder, not a file" }
            if access(path, R_OK) != 0 { return "cannot be read: permission denied" }
        }
        return nil
    }

    /// The JSON file `name` decoded, or nil with the error kept.
    func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T? {
        attempt {
            let bytes = try data(name)
            do {
                return try JSONDecoder().decode(T.self, from: bytes)
            } catch let error as DecodingError {
                throw PortalError.invalidInput("Content file \(name) is broken: \(Self.describe(error)).")
            }
        }
    }

    /// The names in the subfolder `sub` that end in `suffix`, sorted (none when it is missing). A subfolder
    /// that is there but cannot be listed is a problem kept (`problems`), never an empty list said as the
    /// truth: her questionnaires would silently be gone.
    func files(in sub: String, ending suffix: String) -> [String] {
        let path = url.appendingPathComponent(sub).path
        var info = stat()
        guard stat(path, &info) == 0 || errno != ENOENT else { return [] }
        return attempt {
            if Self.whyUnreadable(path, isFolder: true) != nil { throw unreadable(sub, isFolder: true) }
            do {
                return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(suffix) }.sorted()
            } catch {
                throw unreadable(sub, isFolder: true, error: error)
            }
        } ?? []
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c)).\(key.stringValue) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
