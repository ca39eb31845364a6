import Foundation
import XCTest

/// Runs the built `portal` binary with a private database, home folder and pinned date.
struct PortalRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let folder: URL
    var today = "2026-11-27"

    var db: URL { folder.appendingPathComponent("portal.sqlite") }

    static var binary: URL {
        // The test bundle sits in the same products folder as the executable it depends on.
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir.appendingPathComponent("portal")
    }

    init(_ test: XCTestCase) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let f = folder
        test.addTeardownBlock { try? FileManager.default.removeItem(at: f) }
    }

    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        var env = ["HOME": folder.path, "PORTAL_DB": db.path, "PORTAL_TODAY": today, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        env.merge(extra) { $1 }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Every pain entry as CSV: a fingerprint of the data that must not change when input is refused.
    func painCSV() throws -> String { try run(["export", "--format", "csv"]).stdout }
}
