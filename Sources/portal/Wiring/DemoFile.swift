import Foundation
import PortalCore

/// The demo's own file, `demo.sqlite` beside her database: `make run` (`--demo-if-empty`) and the Welcome
/// screen's "Try the demo" open the demo there, so trying it never takes the place of her own record.
enum DemoFile {
    /// The demo file beside the database `--db` or `PORTAL_DB` names (or the default one).
    static func path(beside db: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try StoreLocation.resolve(option: db, environment: env).deletingLastPathComponent().appendingPathComponent("demo.sqlite").path
    }

    /// The demo file beside the database at `databasePath`, when there is one (the full-screen portal made
    /// it: `make run`, or "Try the demo"): what a command on her empty file should point to, rather than
    /// `portal demo`, which would fill her own file with the demo.
    static func existing(beside databasePath: String) -> String? {
        guard databasePath.hasPrefix("/") else { return nil }  // a clinic's connection string has no folder
        let url = URL(fileURLWithPath: databasePath)
        let demo = url.deletingLastPathComponent().appendingPathComponent("demo.sqlite").path
        guard demo != url.standardizedFileURL.path, FileManager.default.fileExists(atPath: demo) else { return nil }
        return demo
    }

    /// What to do on a database with no patient: set up, or see the demo where it is.
    static func hint(forEmpty databasePath: String) -> String {
        guard let demo = existing(beside: databasePath) else {
            return "Run `portal` to set one up, or `portal demo` to load a demo."
        }
        let db = shellQuoted(demo)
        return "Run `portal` to set yourself up. The demo the full-screen portal opened is in a file of its own, \(demo): add --db \(db) to a command to see it, for example `portal today --db \(db)`."
    }

    /// `path` as a shell reads it back: quoted when it holds anything but plain path characters.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@%".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Fills the demo file afresh (dated from today) and opens the full-screen portal on it; the title bar says
    /// DEMO. Returns the portal's exit status, and whether she chose "Start my own portal" (the demo's data
    /// is gone), so the caller opens her own file next. `content`: the content the portal already holds, so
    /// it is not decoded twice.
    static func run(beside db: String?, shareFolder: String?, content: ContentLibrary? = nil,
                    environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> (status: Int32, startOwn: Bool) {
        let demoPath = try path(beside: db, environment: env)
        let demoCtx = try Context(db: demoPath, create: true, connections: .pool, content: content, environment: env)
        let demo = DemoPatient(content: demoCtx.content, today: demoCtx.today, time: demoCtx.clock.time)
        try demo.check()
        try demoCtx.store.eraseAll()
        try demo.load(into: demoCtx.store)
        let status = try FullScreen.run(demoCtx, shareFolder: Portal.sharingFolder(db: demoPath, shareFolder: shareFolder, environment: env), demo: true)
        let emptied = status == 0 ? try demoCtx.store.isEmpty() : false
        return (status, emptied)
    }
}
