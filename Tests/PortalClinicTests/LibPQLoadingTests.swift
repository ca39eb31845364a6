import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// libpq is loaded with dlopen in clinic mode only: without it, the message names the library and its
/// package; with it, every function the portal calls resolves.
final class LibPQLoadingTests: XCTestCase {
    func testAMissingLibPQIsNamedWithItsPackage() throws {
        let error = try XCTUnwrap(PGConnection.probeLibPQ("libpq-not-installed.so.5"))
        let text = "\(error)"
        XCTAssertTrue(text.contains("libpq.so.5"), text)
        XCTAssertTrue(text.contains("libpq-not-installed.so.5"), "the loader's reason is kept: \(text)")
        XCTAssertTrue(text.contains("libpq5"), text)
    }

    func testTheInstalledLibPQHasEveryFunctionThePortalCalls() throws {
        XCTAssertNil(PGConnection.probeLibPQ("libpq.so.5"))
        XCTAssertNoThrow(try PGConnection.loadLibPQ())
    }

    func testALocalPortalDoesNotLinkLibPQ() throws {
        // The built portal beside the test bundle: its needed libraries (the ELF dynamic section, as ldd
        // lists them) must not include libpq.
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        let portal = dir.appendingPathComponent("portal")
        XCTAssertTrue(FileManager.default.fileExists(atPath: portal.path), "no portal binary at \(portal.path)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        p.arguments = [portal.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertTrue(out.contains("libsqlite3"), out)
        XCTAssertFalse(out.contains("libpq"), out)
    }
}
