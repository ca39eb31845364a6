import Foundation
import XCTest

/// A content folder she cannot read (PORTAL_RESOURCES naming a folder closed to her, one of its folders
/// closed, a file where the folder should be, or the portal's own content missing beside an installed
/// program) is said in one plain line naming the folder and what is wrong, with a non-zero exit: never a
/// trap (exit 132, `Bundle.module`'s fatal error), never a Foundation error number, never content silently
/// left out. The built binary runs as a user would run it: as root the folder's mode would not stop it, so
/// a root test run runs it as `nobody`.
final class UnreadableContentTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("portal-content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
    }

    override func tearDownWithError() throws {
        // Open everything again so the folder can be removed.
        _ = try? runProgram("/bin/chmod", ["-R", "u+rwx", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    /// A copy of the shipped Resources/ in the test's folder.
    private func copyOfResources() throws -> URL {
        let copy = folder.appendingPathComponent("res")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Resources"), to: copy)
        _ = try runProgram("/bin/chmod", ["-R", "a+rX", copy.path])
        return copy
    }

    /// Runs `binary` with `args` as a user whom a folder's mode stops (`nobody` when the tests run as root).
    private func run(_ args: [String], binary: String = PortalRunner.binary.path, env extra: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        var env = ["HOME": folder.path, "PORTAL_DB": folder.appendingPathComponent("none.sqlite").path,
                   "PORTAL_TODAY": PortalRunner.pinnedDay, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        env.merge(extra) { $1 }
        guard getuid() == 0 else {
            let r = try runProgram(binary, args, environment: env)
            return (r.status, r.stderr)
        }
        let asNobody = { (a: [String]) in
            try runProgram("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + a, environment: env)
        }
        // A build in a folder only root may enter (a clone in `mktemp -d`, 0700, as CI makes) leaves nobody no
        // portal to run: nothing this test can say then about a content folder (DatabasePathTests skips alike).
        guard try asNobody(["--help"]).status == 0 else {
            throw XCTSkip("the portal's build folder is not readable by nobody (a clone in a folder only root enters)")
        }
        let r = try asNobody(args)
        return (r.status, r.stderr)
    }

    /// One line, "Error: " and the message, exit status 1.
    private func assertOneLine(_ r: (status: Int32, stderr: String), contains parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("Error: The portal cannot read its content: ") || r.stderr.hasPrefix("Error: The portal's content folder"),
                      r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(r.stderr)", file: file, line: line)
        for part in parts { XCTAssertTrue(r.stderr.contains(part), "\(part) in: \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("operation could not be completed"), r.stderr, file: file, line: line)
    }

    func testAFolderClosedToHerIsNamedWithWhatIsWrong() throws {
        let res = try copyOfResources()
        chmod(res.path, 0o000)
        for args in [["today"], ["exercises"], ["log", "3"], ["program", "template"]] {
            assertOneLine(try run(args, env: ["PORTAL_RESOURCES": res.path]),
                          contains: ["\(res.path) cannot be opened: permission denied.", "PORTAL_RESOURCES"])
        }
    }

    func testAClosedFolderInsideItIsNamedNotSilentlyLeftOut() throws {
        let res = try copyOfResources()
        chmod(res.appendingPathComponent("measures").path, 0o000)
        // Before: `portal today` ran (exit 0) and every questionnaire was silently gone.
        assertOneLine(try run(["today"], env: ["PORTAL_RESOURCES": res.path]),
                      contains: ["\(res.path)/measures cannot be opened: permission denied."])
    }

    func testAClosedFileIsNamed() throws {
        let res = try copyOfResources()
        chmod(res.appendingPathComponent("exercises.json").path, 0o000)
        assertOneLine(try run(["today"], env: ["PORTAL_RESOURCES": res.path]),
                      contains: ["\(res.path)/exercises.json cannot be read: permission denied."])
    }

    func testAFileOrNothingWhereTheFolderShouldBeIsSaidAsSuch() throws {
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        chmod(file.path, 0o644)
        assertOneLine(try run(["today"], env: ["PORTAL_RESOURCES": file.path]), contains: ["\(file.path) is a file, not a folder."])
        let missing = folder.appendingPathComponent("missing").path
        assertOneLine(try run(["today"], env: ["PORTAL_RESOURCES": missing]), contains: ["\(missing) does not exist."])
    }

    /// The installed layout (`make install`): the program with its content folder beside it. Without the
    /// folder, or with the folder closed to her, she is told so (`Bundle.module` trapped with exit 132 where
    /// it found no bundle).
    func testThePortalsOwnContentMissingOrClosedIsSaidNotATrap() throws {
        let installed = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: installed, withIntermediateDirectories: true)
        let binary = installed.appendingPathComponent("portal")
        try FileManager.default.copyItem(at: PortalRunner.binary, to: binary)
        _ = try runProgram("/bin/chmod", ["-R", "a+rX", folder.path])

        let missing = try run(["today"], binary: binary.path)
        XCTAssertNotEqual(missing.status, 132, "a trap: \(missing.stderr)")
        assertOneLine(missing, contains: ["portal_PortalContent.resources", "is missing; reinstall the portal."])

        let bundle = installed.appendingPathComponent("portal_PortalContent.resources")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Resources"), to: bundle.appendingPathComponent("Resources"))
        _ = try runProgram("/bin/chmod", ["-R", "a+rX", bundle.path])
        XCTAssertEqual(try run(["exercises", "--library"], binary: binary.path).status, 0, "the copy reads its own content")
        chmod(bundle.path, 0o000)
        let closed = try run(["today"], binary: binary.path)
        XCTAssertNotEqual(closed.status, 132, "a trap: \(closed.stderr)")
        assertOneLine(closed, contains: ["\(bundle.path) cannot be opened: permission denied.", "reinstall the portal"])
    }
}
