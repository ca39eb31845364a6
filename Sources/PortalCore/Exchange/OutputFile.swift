import Foundation

/// Where a file the portal writes for her (an export, a report, a backup) may go: one rule for every writer.
///
/// - A new name in an existing folder: written there.
/// - An existing regular file: replaced, only when she asked (`--force`, the Share screen's `o`).
/// - A symbolic link: followed; the file it points to is what is written or replaced, under the same rules (the
///   link stays a link), because "replace pain.csv" means the file she sees through it.
/// - Anything else (a folder, a named pipe, a device, a socket): never written, with or without `--force`: the
///   message names what it is and that only a file is accepted. The write itself is a temporary file renamed
///   over the destination, and a rename would put a new file in place of the pipe or device.
/// - The database and its companion files: never, even through a link.
public enum OutputFile {
    /// What is at a path, in words for her message; nil for a regular file or nothing at all.
    static func describe(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// The file to rename onto for `path` (the link's target when `path` is a symbolic link), after the checks
    /// above. `what` names the file in messages ("the export", "the backup"); `example` is a file name to
    /// suggest; `field` is the field a screen shows the message beside.
    public static func destination(_ path: String, protected: [String], overwrite: Bool, what: String,
                                   example: String, field: PortalError.Field? = nil) throws -> URL {
        guard !path.isEmpty else { throw PortalError.invalidInput(field: field, "Give \(what) a file name, for example \(example).") }
        let url = URL(fileURLWithPath: path)
        let target = Exporter.resolved(url)
        for p in protected where Exporter.resolved(URL(fileURLWithPath: p)) == target {
            throw PortalError.invalidInput(field: field, "\(path) is the portal's own database file; choose another file name for \(what).")
        }
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return try inExistingFolder(url, field: field) }
        if st.st_mode & S_IFMT == S_IFLNK {
            // Every link on the way resolved: the file she means. A link to a link to a pipe is still a pipe.
            guard let resolved = realpath(url.path, nil) else {
                let points = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "nothing"
                throw PortalError.invalidInput(field: field, "\(path) is a link to \(points), which does not exist; "
                                               + "give the file's own name, for example \(example).")
            }
            let real = URL(fileURLWithPath: String(cString: resolved))
            free(resolved)
            var rs = stat()
            guard stat(real.path, &rs) == 0 else { throw PortalError.storage("Cannot write \(path): \(String(cString: strerror(errno))).") }
            if let kind = describe(mode: rs.st_mode) {
                throw PortalError.invalidInput(field: field, "\(path) is a link to \(real.path), which is \(kind), not a file; "
                                               + "\(what) is written only to a file. Choose a file name, for example \(example).")
            }
            if !overwrite { throw PortalError.fileExists(path: path) }
            return real
        }
        if let kind = describe(mode: st.st_mode) {
            if st.st_mode & S_IFMT == S_IFDIR {
                throw PortalError.invalidInput(field: field, "\(path) is a folder; give a file name, for example \(url.appendingPathComponent(example).path).")
            }
            throw PortalError.invalidInput(field: field, "\(path) is \(kind), not a file; \(what) is written only to a file. "
                                           + "Choose a file name, for example \(example).")
        }
        if !overwrite { throw PortalError.fileExists(path: path) }
        return url
    }

    private static func inExistingFolder(_ url: URL, field: PortalError.Field?) throws -> URL {
        let folder = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw PortalError.invalidInput(field: field, "The folder \(folder) does not exist.")
        }
        return url
    }
}
