import XCTest
@testable import portal

/// The full-screen portal as a clinic's sshd runs it: what a login may ask for, and where sharing may write.
final class SSHLoginTests: XCTestCase {
    func testACommandSentOverSSHIsRefusedAndNeverRun() {
        XCTAssertThrowsError(try SSHLogin.check(["SSH_ORIGINAL_COMMAND": "rm -rf ~; portal export --output /etc/x", "SSH_CONNECTION": "x"],
                                                hasTerminal: true)) {
            XCTAssertTrue("\($0)".contains("does not run commands"), "\($0)")
        }
    }

    func testAnSSHLoginWithoutATerminalIsToldToUseSSHMinusT() {
        XCTAssertThrowsError(try SSHLogin.check(["SSH_CONNECTION": "127.0.0.1 1 127.0.0.1 22"], hasTerminal: false)) {
            XCTAssertTrue("\($0)".contains("needs a terminal"), "\($0)")
            XCTAssertTrue("\($0)".contains("ssh -t"), "\($0)")
        }
        XCTAssertNoThrow(try SSHLogin.check(["SSH_CONNECTION": "127.0.0.1 1 127.0.0.1 22"], hasTerminal: true))
        XCTAssertNoThrow(try SSHLogin.check([:], hasTerminal: false), "outside ssh the terminal check speaks")
    }

    func testAClinicLoginSharesOnlyIntoTheClinicsFolder() {
        let env = ["HOME": "/home/ana"]
        XCTAssertEqual(Portal.sharingFolder(db: "/h/p.sqlite", shareFolder: nil, environment: env)?.path, "/home/ana", "local: her home")
        XCTAssertNil(Portal.sharingFolder(db: "postgresql:///portal", shareFolder: nil, environment: env), "clinic: off unless configured")
        XCTAssertEqual(Portal.sharingFolder(db: "postgresql:///portal", shareFolder: "/var/lib/portal/shares/ana", environment: env)?.path,
                       "/var/lib/portal/shares/ana")
        XCTAssertNil(Portal.sharingFolder(db: nil, shareFolder: nil, environment: ["HOME": "/home/ana", "PORTAL_DB": "host=/run/postgresql dbname=portal"]),
                     "PORTAL_DB naming the clinic is clinic mode too")
    }
}
