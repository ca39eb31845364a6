import Foundation
import PortalCore

/// The demo's own file, `demo.sqlite` beside her database: `make run` (`--demo-if-empty`) and the Welcome
/// screen's "Try the demo" open the demo there, so trying it never takes the place of her own record.
enum DemoFile {
    /// The demo file beside the database `--db` or `PORTAL_DB` names (or the default one).
    static func path(beside db: String?, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try StoreLocation.resolve(option: db, environment: env).deletingLastPathComponent().appendingPathComponent("demo.sqlite").path
    }

    /// Fills the demo file afresh (dated from today) and opens the full-screen portal on it; the title bar says
    /// DEMO. Returns the portal's exit status, and whether she chose "Start my own portal" (the demo's data
    /// is gone), so the caller opens her own file next. `content`: the content the portal already holds, so
    /// it is not decoded twice.
    static func run(beside db: String?, shareFolder: String?, content: ContentLibrary? = nil,
                    environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> (status: Int32, startOwn: Bool) {
        let demoPath = try path(beside: db, environment: env)
        let demoCtx = try Context(db: demoPath, create: true, content: content, environment: env)
        let demo = DemoPatient(content: demoCtx.content, today: demoCtx.today, time: demoCtx.clock.time)
        try demo.check()
        try demoCtx.store.eraseAll()
        try demo.load(into: demoCtx.store)
        let status = try FullScreen.run(demoCtx, shareFolder: Portal.sharingFolder(db: demoPath, shareFolder: shareFolder, environment: env), demo: true)
        let emptied = status == 0 ? try demoCtx.store.isEmpty() : false
        return (status, emptied)
    }
}
