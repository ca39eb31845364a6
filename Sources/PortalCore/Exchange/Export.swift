import Foundation

/// Writes the patient's data for other tools: CSV (RFC 4180) tables, JSON of everything, and the files they go to.
public enum Exporter {
    public static let csvHeader = ["date", "time", "score", "sites", "triggers", "note", "warning_signs"]

    /// One row per pain entry, CRLF line ends, fields quoted when they hold a comma, quote or line break, a
    /// note that would run as a spreadsheet formula neutralised (`safeText`).
    /// Sites and triggers are `;`-separated lists of the command line's identifiers.
    /// `withoutPain`: her notes and warning signs from entries whose pain she left out, as rows with no
    /// score, sites or triggers, in time order among the others.
    public static func csv(_ entries: [PainEntry], withoutPain: [SignReport] = []) -> String {
        var rows: [(CalendarDate, TimeOfDay, [String])] = entries.map { e in
            (e.date, e.time, [e.date.description, e.time.description, String(e.score),
                              e.sites.map(\.description).joined(separator: ";"),
                              e.triggers.map(\.rawValue).joined(separator: ";"),
                              safeText(e.note), e.warningSigns.joined(separator: ";")])
        }
        if !withoutPain.isEmpty {
            rows += withoutPain.map { r in
                (r.date, r.time, [r.date.description, r.time.description, "", "", "", safeText(r.note), r.signs.joined(separator: ";")])
            }
            rows.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        }
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for row in rows { out += row.2.map(csvField).joined(separator: ",") + "\r\n" }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The path with symbolic links and `..` resolved (the folder's, when the file does not exist yet).
    static func resolved(_ url: URL) -> String {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().standardizedFileURL.path }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
            .appendingPathComponent(url.lastPathComponent).path
    }

    /// Writes `data` to `path` as a private file (0600), atomically. An existing file is replaced only with
    /// `overwrite`, and never when it is one of `protected` (the database and its companion files), so an
    /// export can never destroy the data it came from.
    public static func write(_ data: Data, to path: String, overwrite: Bool = false, protected: [String] = []) throws {
        // A link is written through to its file; a folder, pipe or device is refused (`OutputFile`).
        let url = try OutputFile.destination(path, protected: protected, overwrite: overwrite, what: "the export",
                                             example: "pain.csv", field: .exportFile)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw PortalError.storage("Cannot write \(path): \(String(cString: strerror(errno))).") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temp.path, url.path) == 0 else { throw PortalError.storage(String(cString: strerror(errno))) }
        } catch {
            unlink(temp.path)
            throw PortalError.storage("Cannot write \(path): \(error).")
        }
    }
}
