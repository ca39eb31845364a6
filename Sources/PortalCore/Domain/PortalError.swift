/// Everything that can go wrong, in words written for the patient who will read them.
public enum PortalError: Error, Equatable, CustomStringConvertible {
    /// Input the portal cannot accept; the message names the field and the accepted values.
    case invalidInput(String)
    /// The file exists but is not a portal database (another program's SQLite file, or not SQLite at all).
    case notAPortalDatabase(path: String)
    /// The file is damaged.
    case corruptDatabase(path: String, detail: String)
    /// The file was written by a newer version of the portal.
    case newerDatabase(path: String)
    /// There is no database at this path yet, and the command may not create one.
    case noDatabase(path: String)
    /// The database could not be opened or written.
    case storage(String)
    /// A rule of the care plan or program would be broken.
    case rule(String)
    /// Something asked for does not exist.
    case notFound(String)

    public var description: String {
        switch self {
        case .invalidInput(let m), .rule(let m), .notFound(let m), .storage(let m):
            return m
        case .notAPortalDatabase(let path):
            return "\(path) is not a portal database. It was left unchanged. Choose another file with --db or PORTAL_DB."
        case .corruptDatabase(let path, let detail):
            return "\(path) is damaged and cannot be read (\(detail)). It was left unchanged; restore a backup or choose another file with --db."
        case .noDatabase(let path):
            return "There is no portal database at \(path) yet. Run `portal` to set one up, or `portal demo` to load a demo."
        case .newerDatabase(let path):
            return "\(path) was written by a newer version of the portal. It was left unchanged; please update the portal to open it."
        }
    }
}
