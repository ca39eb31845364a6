import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import XCTest

extension SSHEndToEndTests {
    /// qa-d D24: add-patient-login took an existing Unix account over without a word and never put it in
    /// portal-patients (so the login it announced was refused). Now an existing account is refused unless
    /// `--existing-account` says it is hers (then it joins the group, /bin/sh), a system account always (for the
    /// therapist's script too), and a failure puts an existing account back as it was.
    func testAddPatientLoginTakesAnExistingAccountOnlyWhenToldAndNeverASystemOne() throws {
        try install()
        let conn = "host=\(cluster.socketFolder.path) port=\(cluster.port) dbname=portal"
        let admin = "\(conn) user=postgres"
        let t = sshd.userName("t")
        try sshd.addUser(t)
        try sshd.run([portal, "clinic", "add-therapist", t, "--db", admin])
        let env = ["/usr/bin/env", "PORTAL=\(portal)", "PORTAL_ADMIN_DB=\(admin)", "AS_ADMIN=", "KEYS=\(sshd.keys.path)",
                   "HOMES=\(sshd.homes.path)", "GROUP=\(sshd.group)", "SHARES=\(sshd.shares.path)", "PORTAL_TODAY=2026-11-27"]
        let script = Self.repo.appendingPathComponent("deploy/add-patient-login").path
        let record = ["--name", "Zoe", "--therapist", t, "--due", "2027-03-01"]
        func inGroup(_ user: String) throws -> Bool {
            try sshd.run(["/usr/bin/id", "-nG", user]).output.split(whereSeparator: \.isWhitespace).contains { $0 == sshd.group }
        }
        func hasKey(_ user: String) -> Bool { FileManager.default.fileExists(atPath: sshd.keys.appendingPathComponent(user).path) }
        func shell(_ user: String) -> String? { getpwnam(user).map { String(cString: $0.pointee.pw_shell) } }

        // An existing account (locked, bash), no flag: refused, nothing changed, no record.
        let z = sshd.userName("z")
        try sshd.addUser(z)
        try cluster.allowOwnLogins([z])
        try sshd.run(["/usr/sbin/usermod", "-p", "!", "--shell", "/bin/bash", z])
        let zKey = try sshd.newKey(z)
        var r = try sshd.run(env + [script, z, zKey.path + ".pub"] + record, allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("exists already") && r.output.contains("--existing-account"), r.output)
        XCTAssertFalse(try inGroup(z))
        XCTAssertFalse(hasKey(z))
        XCTAssertEqual(shell(z), "/bin/bash")
        XCTAssertEqual(try ClinicWorld.everythingOf(role: z, in: cluster), [:], "no record made")

        // A system account, even with the flag (and for the therapist's script): refused, nothing changed.
        let daemonKey = try sshd.newKey("daemon-key")
        for argv in [[script, "daemon", daemonKey.path + ".pub", "--existing-account"] + record,
                     [Self.repo.appendingPathComponent("deploy/add-therapist-login").path, "daemon", daemonKey.path + ".pub"]] {
            r = try sshd.run(env + argv, allowFailure: true)
            XCTAssertNotEqual(r.status, 0, r.output)
            XCTAssertTrue(r.output.contains("is a system account"), r.output)
        }
        XCTAssertFalse(try inGroup("daemon"))
        XCTAssertFalse(hasKey("daemon"))
        XCTAssertEqual(try ClinicWorld.everythingOf(role: "daemon", in: cluster), [:])

        // The flag on a name with no account: refused.
        let nobody = sshd.userName("n")
        r = try sshd.run(env + [script, nobody, zKey.path + ".pub", "--existing-account"] + record, allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertNil(getpwnam(nobody))

        // With the flag, the database refusing (no such therapist): her account is put back as it was.
        r = try sshd.run(env + [script, z, zKey.path + ".pub", "--existing-account", "--name", "Zoe", "--therapist", "no_one",
                                "--due", "2027-03-01"], allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("her Unix login is as it was before"), r.output)
        XCTAssertFalse(try inGroup(z), "she left the group again")
        XCTAssertEqual(shell(z), "/bin/bash", "her shell as it was")
        XCTAssertEqual(try sshd.run(["/usr/bin/getent", "shadow", z]).output.split(separator: ":").dropFirst().first, "!")
        XCTAssertFalse(hasKey(z))

        // With the flag: it becomes her login, in the group, with /bin/sh, her key and her record.
        r = try sshd.run(env + [script, z, zKey.path + ".pub", "--existing-account"] + record)
        XCTAssertTrue(r.output.contains("Added \(z)"), r.output)
        XCTAssertTrue(try inGroup(z), "she is in portal-patients, which sshd allows")
        XCTAssertEqual(shell(z), "/bin/sh")
        XCTAssertEqual(try sshd.run(["/usr/bin/getent", "shadow", z]).output.split(separator: ":").dropFirst().first, "*")
        XCTAssertTrue(hasKey(z))
        XCTAssertEqual(try PostgresStore.open(cluster.conninfo(z)).patient()?.name, "Zoe")
    }
}
