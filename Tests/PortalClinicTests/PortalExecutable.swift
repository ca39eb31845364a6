import ClinicTestSupport
import Foundation
import StoreTestSupport
import XCTest

/// The built `portal` executable, run as a clinic's administrator, therapist or patient would run it.
enum PortalExecutable {
    /// The executable built in the same products folder as this test bundle.
    static var path: String {
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir.appendingPathComponent("portal").path
    }

    /// Runs portal with `args` (PORTAL_TODAY pinned to `today`, 2026-11-27 unless said) and returns its exit status and its
    /// output (standard output and error together).
    /// `env`: more of the environment, as NAME=value.
    static func run(_ args: [String], in test: XCTestCase, today: String = "2026-11-27", env: [String] = []) throws -> (Int32, String) {
        let out = try makeTempFolder(test).appendingPathComponent("out").path
        let status = try PrivateCluster.spawn(["/usr/bin/env", "PORTAL_TODAY=\(today)"] + env + [path] + args, output: out)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }
}
