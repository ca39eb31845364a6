import Foundation
import PortalCore

/// A patient's local portal file, read whole to be moved into the clinic database once
/// (`ClinicAdmin.importLocal`): every part of her record (`RecordPart`), as the file's own portal reads it.
public enum LocalRecord {
    /// Reads the portal file at `path` and leaves it exactly as it was: the file (and its `-wal`, which may
    /// hold the last saves) is copied into a private folder, and the copy is what the portal opens, checks
    /// (every page) and brings up to date. The copy is removed afterwards, whatever happens.
    public static func read(file path: String) throws -> PatientRecord {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PortalError.notFound("There is no file at \(path), so nothing was imported.")
        }
        guard !isDir.boolValue else { throw PortalError.invalidInput("\(path) is a folder; give the patient's portal file (portal.sqlite).") }
        let folder = fm.temporaryDirectory.appendingPathComponent("portal-import-\(UUID().uuidString)", isDirectory: true)
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PortalError.storage("Cannot make a private folder to read \(path) in: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("portal.sqlite")
        do {
            try fm.copyItem(atPath: path, toPath: copy.path)
            if fm.fileExists(atPath: path + "-wal") { try fm.copyItem(atPath: path + "-wal", toPath: copy.path + "-wal") }
        } catch {
            throw PortalError.storage("Cannot read \(path): \(error.localizedDescription). It was left unchanged.")
        }
        do {
            let record = try SQLiteStore.open(url: copy, mode: .existingOnly, check: .full).record(.whole)
            guard record.patient != nil else {
                throw PortalError.notFound("\(path) has no patient set up, so there is nothing to import. It was left unchanged.")
            }
            return record
        } catch let error as PortalError {
            // The messages name the copy; the administrator gave the original.
            switch error {
            case .notAPortalDatabase: throw PortalError.notAPortalDatabase(path: path)
            case .corruptDatabase(_, let detail): throw PortalError.corruptDatabase(path: path, detail: detail)
            case .newerDatabase: throw PortalError.newerDatabase(path: path)
            case .noDatabase:
                throw PortalError.notFound("\(path) holds no portal record yet, so there is nothing to import. It was left unchanged.")
            default: throw error
            }
        }
    }
}
