import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// The clinic as patients meet it: a private PostgreSQL and a private sshd configured from deploy/sshd_config,
/// patients added by deploy/add-patient-login as real Unix users, each logging in with `ssh -tt` inside tmux.
final class SSHEndToEndTests: XCTestCase {
    var sshd: PrivateSSHD!
    var cluster: PrivateCluster!
    var tmuxSocket = ""

    /// The package's folder (where `deploy/` is): this file is `Tests/PortalClinicTests/SSHEndToEndTests.swift`.
    static var repo: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent() }
    private var builtPortal: URL {
        var dir = Bundle.main.bundleURL
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("portal").path) {
            dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        }
        return dir
    }

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd"), geteuid() == 0 else {
            XCTFail("The ssh end-to-end test needs openssh-server (make test installs it) and root, to add its users.")
            throw XCTSkip("no sshd")
        }
        tmuxSocket = "portal-ssh-\(getpid())-\(UUID().uuidString.prefix(6))"
        let socket = tmuxSocket
        sshd = try PrivateSSHD()
        cluster = try PrivateCluster.start()
        let (s, c) = (sshd!, cluster!)
        // Last in, first out: tmux's sessions end before the server and the users go.
        addTeardownBlock { c.stop() }
        addTeardownBlock { s.stop() }
        addTeardownBlock {
            _ = try? PrivateCluster.spawn(["/usr/bin/tmux", "-L", socket, "kill-server"], output: "/dev/null")
            unlink("/tmp/tmux-\(getuid())/\(socket)")  // tmux leaves its socket file behind
        }
    }

    var portal: String { sshd.bin.appendingPathComponent("portal").path }
    var today: URL { sshd.root.appendingPathComponent("today") }

    /// The portal and its content, copied where every test user may run them.
    func install() throws {
        try sshd.run(["/bin/cp", builtPortal.appendingPathComponent("portal").path, portal])
        try sshd.run(["/bin/cp", "-R", builtPortal.appendingPathComponent("portal_PortalContent.resources").path, sshd.bin.path])
        try sshd.run(["/bin/chmod", "-R", "a+rX", sshd.bin.path])
    }

    func tmux(_ args: [String]) throws -> String {
        try sshd.run(["/usr/bin/tmux", "-L", tmuxSocket, "-f", "/dev/null"] + args).output
    }
    func screen(_ w: String) throws -> String { try tmux(["capture-pane", "-p", "-t", w]) }
    /// The screen with what scrolled above it (after a crash the message may start above the visible rows).
    private func screenAndHistory(_ w: String) throws -> String { try tmux(["capture-pane", "-p", "-S", "-100", "-t", w]) }
    func keys(_ w: String, _ k: String...) throws {
        for key in k { _ = try tmux(["send-keys", "-t", w, key]); usleep(80_000) }
    }
    func waitFor(_ text: String, in w: String, seconds: Int = 20, history: Bool = false,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        for _ in 0..<(seconds * 20) {
            if try (history ? screenAndHistory(w) : screen(w)).contains(text) { return }
            usleep(50_000)
        }
        XCTFail("“\(text)” never appeared. The screen:\n\(try screen(w))\nsshd:\n\(sshd.log.suffix(1500))", file: file, line: line)
        throw XCTSkip("stopping this test")
    }
    /// Opens `user`'s portal over ssh in a new tmux window named `w`.
    func login(_ user: String, window w: String) throws {
        let command = sshd.ssh(user, ["-tt"]).map { "'\($0)'" }.joined(separator: " ")
        if tmuxSocket.isEmpty { return }
        if (try? tmux(["has-session"])) == nil {
            _ = try tmux(["new-session", "-d", "-x", "80", "-y", "24", "-n", w, "env TERM=tmux-256color " + command])
        } else {
            _ = try tmux(["new-window", "-n", w, "env TERM=tmux-256color " + command])
        }
    }

    func testPatientsLogInOverSSHSeeOnlyTheirOwnRecordAndGetNoTunnels() throws {
        try install()
        let conn = "host=\(cluster.socketFolder.path) port=\(cluster.port) dbname=portal"
        // The commands' day is pinned (PORTAL_TODAY): the server's too, since it refuses a week before its tomorrow.
        try cluster.pinClinicDay("2026-11-27")
        defer { try? cluster.unpinClinicDay() }
        let admin = "\(conn) user=postgres"
        let (a, b, t) = (sshd.userName("a"), sshd.userName("b"), sshd.userName("t"))
        try sshd.addUser(t)
        try cluster.allowOwnLogins([a, b, t])
        try sshd.run([portal, "clinic", "add-therapist", t, "--db", admin])
        // At noon: week 1 is hers from her first visit (09:00 that day) whatever the hour the tests run.
        try "2026-11-30T12:00".write(to: today, atomically: true, encoding: .utf8)

        // The administrator's script adds each patient: account, role and record, key.
        let script = Self.repo.appendingPathComponent("deploy/add-patient-login").path
        for (user, name) in [(a, "Ana Example"), (b, "Bea Example")] {
            let key = try sshd.newKey(user)
            sshd.adopt(user)
            let out = try sshd.run(["/usr/bin/env", "PORTAL=\(portal)", "PORTAL_ADMIN_DB=\(admin)", "AS_ADMIN=", "SHARES=\(sshd.shares.path)",
                                    "KEYS=\(sshd.keys.path)", "HOMES=\(sshd.homes.path)", "GROUP=\(sshd.group)", "PORTAL_TODAY=2026-11-27",
                                    script, user, key.path + ".pub", "--name", name, "--therapist", t, "--due", "2027-03-01",
                                    "--condition", "low-back", "--first-visit", "2026-11-30T09:00", "--clinic", "1 Main St"])
            XCTAssertTrue(out.output.contains("Added \(user)"), out.output)
            let keyFile = try FileManager.default.attributesOfItem(atPath: sshd.keys.appendingPathComponent(user).path)
            XCTAssertEqual(keyFile[.ownerAccountID] as? NSNumber, 0, "root owns her key file")
            XCTAssertTrue(try String(contentsOf: sshd.keys.appendingPathComponent(user), encoding: .utf8).hasPrefix("restrict,pty ssh-ed25519 "))
            XCTAssertEqual(getpwnam(user).map { String(cString: $0.pointee.pw_shell) }, "/bin/sh")
        }

        let deploy = try String(contentsOf: Self.repo.appendingPathComponent("deploy/sshd_config"), encoding: .utf8)
        try sshd.start(config: deploy, forceCommand: "exec env LC_ALL=C.UTF-8 PORTAL_TODAY=$(cat \(today.path)) \(portal) --db '\(conn)' --share-folder \"\(sshd.shares.path)/$USER\"")

        // Without a terminal, or asking for a command: a clear message, and nothing runs.
        var r = try sshd.run(sshd.ssh(a, ["-T"]), allowFailure: true)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.output.contains("needs a terminal"), r.output + sshd.log)
        r = try sshd.run(sshd.ssh(a, ["-T"]) + ["cat /etc/passwd"], allowFailure: true)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.output.contains("does not run commands"), r.output)
        XCTAssertFalse(r.output.contains("root:"), r.output)

        // No tunnels: a stdio forward and a remote forward are refused by the server.
        r = try sshd.run(sshd.ssh(a, ["-W", "127.0.0.1:\(sshd.port)"]), allowFailure: true)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.output.contains("SSH-2.0"), r.output)
        r = try sshd.run(sshd.ssh(a, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:\(sshd.port)"]), allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.lowercased().contains("forwarding failed"), r.output)
        // A local forward: the client listens, but the server opens nothing behind it (no ssh banner comes back).
        let local = Int.random(in: 20000...60000)
        let forward = Process()
        forward.executableURL = URL(fileURLWithPath: "/usr/bin/ssh")
        forward.arguments = Array(sshd.ssh(a, ["-N", "-L", "127.0.0.1:\(local):127.0.0.1:\(sshd.port)"]).dropFirst())
        forward.standardOutput = FileHandle.nullDevice
        forward.standardError = FileHandle.nullDevice
        try forward.run()
        addTeardownBlock { if forward.isRunning { forward.terminate(); forward.waitUntilExit() } }
        usleep(1_500_000)
        r = try sshd.run(["/usr/bin/timeout", "5", "/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\(local) && head -c 7 <&3"], allowFailure: true)
        XCTAssertFalse(r.output.contains("SSH-2.0"), "the forward reached the server: \(r.output)")
        XCTAssertTrue(forward.isRunning, "the client was listening, so the refusal came from the server")
        forward.terminate()
        forward.waitUntilExit()

        // A logs pain and marks an exercise done over ssh.
        try login(a, window: "a1")
        try waitFor("Pain today", in: "a1")
        try keys("a1", "l")
        try waitFor("Pain score", in: "a1")
        try keys("a1", "3", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
        _ = try tmux(["send-keys", "-t", "a1", "-l", "over ssh"])
        try keys("a1", "Enter")
        try waitFor("Saved: pain 3/10", in: "a1")
        try keys("a1", "Escape", "e")
        try waitFor("done today", in: "a1")
        // Her session is dated her day (30 Nov, week 1's first): the server logs it only once its own day has
        // come (change 29), so the clinic's day is hers while she marks it, then the commands' day again.
        try cluster.pinClinicDay("2026-11-30")
        try keys("a1", "Space")
        try waitFor("Marked done:", in: "a1")
        try cluster.pinClinicDay("2026-11-27")
        try keys("a1", "Escape", "q")

        // The therapist publishes A's next week with an exercise added.
        let asT = ["/usr/sbin/runuser", "-u", t, "--", "/usr/bin/env", "PORTAL_TODAY=2026-11-27", portal]
        let template = try sshd.run(asT + ["program", "template", "--patient", a, "--db", conn])
        let library = sharedContent.exercises
        var week = try ProgramWeekFile.parse(Data(template.output.utf8), library: library)
        let number = week.number
        let present = Set(week.prescriptions.map(\.exerciseID))
        // The first exercise of the library the week lacks whose dose the first one's fits.
        let added = try XCTUnwrap(library.exercises.lazy.filter { !present.contains($0.id) }.compactMap { exercise -> ProgramWeek? in
            var w = week
            w.prescriptions.append(Prescription(exerciseID: exercise.id, dose: week.prescriptions[0].dose))
            return (try? ProgramWeekFile.validate(w, library: library)) == nil ? nil : w
        }.first)
        week = added
        let newName = library.name(try XCTUnwrap(added.prescriptions.last).exerciseID)
        let file = sshd.root.appendingPathComponent("week.json")
        try ProgramWeekFile.encode(week).write(to: file)
        chmod(file.path, 0o644)
        try sshd.run(asT + ["program", "import", file.path, "--patient", a, "--db", conn])
        try sshd.run(asT + ["clinic", "publish", "--patient", a, "--week", "\(number)", "--db", conn])

        // In that week, A sees what is new.
        let store = try PostgresStore.open("\(conn) user=\(t)", patient: a)
        let start = try XCTUnwrap(store.program().weeks.first { $0.number == number }?.starts, "published week \(number)")
        try start.description.write(to: today, atomically: true, encoding: .utf8)
        try login(a, window: "a2")
        // Home's "New" line: what her therapist added this week.
        try waitFor("Week \(number): + \(newName)", in: "a2")
        XCTAssertEqual(try store.painEntries().filter { $0.note == "over ssh" && $0.score == 3 }.count, 1, "saved once, in the clinic database")

        // B sees her own record and nothing of A's.
        try login(b, window: "b1")
        try waitFor("Pain today", in: "b1")
        let bScreen = try screen("b1")
        XCTAssertFalse(bScreen.contains("Ana") || bScreen.contains("3/10") || bScreen.contains("over ssh"), bScreen)
        let bStore = try PostgresStore.open("\(conn) user=\(b)")
        XCTAssertTrue(try bStore.painEntries().isEmpty)
        try keys("b1", "q")

        // A connection cut mid-use (the client's window closed while she types a note) ends her portal on the
        // server promptly, and the half-typed entry is not saved.
        try keys("a2", "l")
        try waitFor("Pain score", in: "a2")
        try keys("a2", "7")
        XCTAssertTrue(processes(of: a).contains("portal"), "her portal runs on the server: \(processes(of: a))")
        _ = try tmux(["kill-window", "-t", "a2"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !processes(of: a).isEmpty { usleep(100_000) }
        XCTAssertEqual(processes(of: a), [], "nothing of hers keeps running on the server")
        XCTAssertFalse(try store.painEntries().contains { $0.score == 7 })
    }

    /// The administrator's scripts as README runs them (clinic QA R2, R5): add-therapist-login gives the therapist
    /// an account sshd accepts (no password, not locked: `UsePAM no` refuses a locked one) and a root-owned key;
    /// add-patient-login --existing gives a patient already in the database (moved in, or added) her login and
    /// key without touching her record, and refuses a name the database has no patient for.
    func testTheAdministratorsScriptsAddATherapistAndAnExistingPatientsLogin() throws {
        try install()
        let conn = "host=\(cluster.socketFolder.path) port=\(cluster.port) dbname=portal"
        let admin = "\(conn) user=postgres"
        let (a, t, nobody) = (sshd.userName("a"), sshd.userName("t"), sshd.userName("n"))
        try cluster.allowOwnLogins([a, t])
        let env = ["/usr/bin/env", "PORTAL=\(portal)", "PORTAL_ADMIN_DB=\(admin)", "AS_ADMIN=", "KEYS=\(sshd.keys.path)",
                   "HOMES=\(sshd.homes.path)", "GROUP=\(sshd.group)", "PORTAL_TODAY=2026-11-27"]
        // An existing Unix user (locked, in no portal group) whose database role cannot be made (the database
        // is not there): the script undoes what it changed, her group and her password field, and adds no key.
        let x = sshd.userName("x")
        try sshd.addUser(x)
        try sshd.run(["/usr/sbin/usermod", "-p", "!", "--shell", "/bin/bash", x])
        let xKey = try sshd.newKey(x)
        let refused = try sshd.run(env.map { $0 == "PORTAL_ADMIN_DB=\(admin)" ? "PORTAL_ADMIN_DB=\(conn) user=postgres dbname=no_such_db" : $0 }
                                   + [Self.repo.appendingPathComponent("deploy/add-therapist-login").path, x, xKey.path + ".pub"], allowFailure: true)
        XCTAssertNotEqual(refused.status, 0, refused.output)
        XCTAssertTrue(refused.output.contains("her Unix login is as it was"), refused.output)
        XCTAssertFalse(try sshd.run(["/usr/bin/id", "-nG", x]).output.contains(sshd.group), "she left the group again")
        XCTAssertEqual(try sshd.run(["/usr/bin/getent", "shadow", x]).output.split(separator: ":").dropFirst().first, "!", "her password field as it was")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sshd.keys.appendingPathComponent(x).path), "no key")
        XCTAssertEqual(getpwnam(x).map { String(cString: $0.pointee.pw_shell) }, "/bin/bash", "her login shell as it was")

        // A failure after the database took her (her key cannot be written: the keys' folder is under a file) undoes
        // the Unix changes too, for an existing account (x) and for one the script made (y), and says her database
        // role stays; running it again once the problem is fixed finishes the job.
        let notAFolder = sshd.root.appendingPathComponent("not-a-folder")
        try Data().write(to: notAFolder)
        let y = sshd.userName("y")
        sshd.adopt(y)
        let yKey = try sshd.newKey(y)
        for (user, key) in [(x, xKey), (y, yKey)] {
            let failed = try sshd.run(env.map { $0.hasPrefix("KEYS=") ? "KEYS=\(notAFolder.path)/keys" : $0 }
                                      + [Self.repo.appendingPathComponent("deploy/add-therapist-login").path, user, key.path + ".pub"], allowFailure: true)
            XCTAssertNotEqual(failed.status, 0, failed.output)
            XCTAssertTrue(failed.output.contains("her Unix login is as it was before (her database role stays"), failed.output)
        }
        XCTAssertFalse(try sshd.run(["/usr/bin/id", "-nG", x]).output.contains(sshd.group), "x left the group again")
        XCTAssertEqual(try sshd.run(["/usr/bin/getent", "shadow", x]).output.split(separator: ":").dropFirst().first, "!", "x's password field as it was")
        XCTAssertEqual(getpwnam(x).map { String(cString: $0.pointee.pw_shell) }, "/bin/bash", "x's login shell as it was")
        XCTAssertNil(getpwnam(y), "the account made for y is removed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sshd.homes.appendingPathComponent(y).path), "and its home")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sshd.keys.path).filter { $0.hasPrefix(x) || $0.hasPrefix(y) }, [], "no key")

        // The therapist: her Unix account, her database role, her key.
        let tKey = try sshd.newKey(t)
        sshd.adopt(t)
        var r = try sshd.run(env + [Self.repo.appendingPathComponent("deploy/add-therapist-login").path, t, tKey.path + ".pub", "--name", "Maria Example"])
        XCTAssertTrue(r.output.contains("Added \(t)") && r.output.contains("portal"), r.output)
        // The name her patients see (`clinic add-therapist --name`, change 26), passed through.
        XCTAssertEqual(try PGConnection(cluster.conninfo("postgres")).query("SELECT display_name FROM therapist_account WHERE role_name = $1", [t])
            .rows.first?.text("display_name"), "Maria Example")
        XCTAssertEqual(try sshd.run(["/usr/bin/getent", "shadow", t]).output.split(separator: ":").dropFirst().first, "*", "no password, not locked")
        let tKeyFile = try FileManager.default.attributesOfItem(atPath: sshd.keys.appendingPathComponent(t).path)
        XCTAssertEqual(tKeyFile[.ownerAccountID] as? NSNumber, 0, "root owns her key file")
        XCTAssertTrue(try String(contentsOf: sshd.keys.appendingPathComponent(t), encoding: .utf8).hasPrefix("restrict,pty ssh-ed25519 "))
        XCTAssertTrue(try sshd.run(["/usr/bin/id", "-nG", t]).output.contains(sshd.group))
        // Her login shell reads no start-up file of hers before the forced portal (Debian's bash run by sshd reads
        // ~/.bashrc first); checked at her ssh login below.
        XCTAssertEqual(getpwnam(t).map { String(cString: $0.pointee.pw_shell) }, "/bin/sh")
        for rc in [".bashrc", ".profile", ".bash_profile"] {
            try "echo RC-FILE-RAN-\(rc)\n".write(to: sshd.homes.appendingPathComponent(t).appendingPathComponent(rc), atomically: true, encoding: .utf8)
        }

        // A patient the administrator added (as import-local does): only her login and key are made.
        try sshd.run([portal, "clinic", "add-patient", a, "--name", "Ana Example", "--therapist", t, "--due", "2027-03-01", "--db", admin])
        let before = try ClinicWorld.everythingOf(role: a, in: cluster)
        let script = Self.repo.appendingPathComponent("deploy/add-patient-login").path
        let aKey = try sshd.newKey(a)
        sshd.adopt(a)
        r = try sshd.run(env + ["SHARES=\(sshd.shares.path)", script, a, aKey.path + ".pub", "--existing"])
        XCTAssertTrue(r.output.contains("Added \(a)"), r.output)
        XCTAssertEqual(try ClinicWorld.everythingOf(role: a, in: cluster), before, "her record is as it was")
        XCTAssertTrue(try String(contentsOf: sshd.keys.appendingPathComponent(a), encoding: .utf8).hasPrefix("restrict,pty ssh-ed25519 "))
        XCTAssertEqual(getpwnam(a).map { String(cString: $0.pointee.pw_shell) }, "/bin/sh")
        // Without --existing, her name is refused as before; a name the database does not know, with it.
        r = try sshd.run(env + ["SHARES=\(sshd.shares.path)", script, a, aKey.path + ".pub", "--name", "X", "--therapist", t, "--due", "2027-03-01"],
                         allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        let nKey = try sshd.newKey(nobody)
        r = try sshd.run(env + ["SHARES=\(sshd.shares.path)", script, nobody, nKey.path + ".pub", "--existing"], allowFailure: true)
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("has no patient"), r.output)
        XCTAssertNil(getpwnam(nobody), "no Unix user made for her")

        // Both keys let them in: sshd accepts the therapist's account (the test's sshd forces the portal on its
        // one group, so she is told it runs no commands, after logging in).
        let deploy = try String(contentsOf: Self.repo.appendingPathComponent("deploy/sshd_config"), encoding: .utf8)
        try sshd.start(config: deploy, forceCommand: "exec env LC_ALL=C.UTF-8 \(portal) --db '\(conn)'")
        for user in [t, a] {
            r = try sshd.run(sshd.ssh(user, ["-T"]) + ["true"], allowFailure: true)
            XCTAssertTrue(r.output.contains("does not run commands"), "\(user): \(r.output)\n\(sshd.log.suffix(800))")
            XCTAssertFalse(r.output.contains("RC-FILE-RAN"), "\(user): no start-up file ran before the portal: \(r.output)")
            XCTAssertFalse(sshd.log.contains("account is locked"), sshd.log)
        }
    }

    func testCtrlBackslashAndAFailureOverSSHShowNoMachinery() throws {
        try install()
        let conn = "host=\(cluster.socketFolder.path) port=\(cluster.port) dbname=portal"
        let admin = "\(conn) user=postgres"
        let (a, t) = (sshd.userName("a"), sshd.userName("t"))
        try sshd.addUser(t)
        try cluster.allowOwnLogins([a, t])
        try sshd.run([portal, "clinic", "add-therapist", t, "--db", admin])
        try "2026-11-30".write(to: today, atomically: true, encoding: .utf8)
        let crash = sshd.root.appendingPathComponent("crash")
        try "0".write(to: crash, atomically: true, encoding: .utf8)
        let key = try sshd.newKey(a)
        sshd.adopt(a)
        try sshd.run(["/usr/bin/env", "PORTAL=\(portal)", "PORTAL_ADMIN_DB=\(admin)", "AS_ADMIN=", "SHARES=\(sshd.shares.path)",
                      "KEYS=\(sshd.keys.path)", "HOMES=\(sshd.homes.path)", "GROUP=\(sshd.group)", "PORTAL_TODAY=2026-11-27",
                      Self.repo.appendingPathComponent("deploy/add-patient-login").path, a, key.path + ".pub",
                      "--name", "Ana Example", "--therapist", t, "--due", "2027-03-01"])
        let deploy = try String(contentsOf: Self.repo.appendingPathComponent("deploy/sshd_config"), encoding: .utf8)
        // The debug build fails its own check at the first key when PORTAL_TEST_CRASH=1 (compiled out of releases).
        try sshd.start(config: deploy, forceCommand: "exec env LC_ALL=C.UTF-8 PORTAL_TODAY=$(cat \(today.path)) PORTAL_TEST_CRASH=$(cat \(crash.path)) \(portal) --db '\(conn)' --share-folder \"\(sshd.shares.path)/$USER\"")

        // Ctrl-\ (SIGQUIT on a terminal that makes signals of keys) and Ctrl-Z are keys to her portal: it goes on.
        try login(a, window: "a1")
        _ = try tmux(["set-option", "-w", "-t", "a1", "remain-on-exit", "on"])
        try waitFor("Pain today", in: "a1")
        try keys("a1", "C-\\", "C-\\", "C-z")
        usleep(500_000)
        try keys("a1", "l")
        try waitFor("Pain score", in: "a1")
        assertNoMachinery(try screenAndHistory("a1"))
        // Her portal on the server gets a fault: one plain line reaches her, then the login ends.
        let pid = try XCTUnwrap(portalProcess(of: a))
        kill(pid, SIGSEGV)
        try waitFor("the portal stopped because of an error of its own", in: "a1", history: true)
        assertNoMachinery(try screenAndHistory("a1"))

        // A real failure of the Swift runtime inside her portal (a failed check): the same one line, nothing else.
        try "1".write(to: crash, atomically: true, encoding: .utf8)
        try login(a, window: "a2")
        _ = try tmux(["set-option", "-w", "-t", "a2", "remain-on-exit", "on"])
        try waitFor("Pain today", in: "a2")
        try keys("a2", "j")
        try waitFor("the portal stopped because of an error of its own", in: "a2", history: true)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !processes(of: a).isEmpty { usleep(100_000) }
        XCTAssertEqual(processes(of: a), [], "nothing of hers keeps running on the server")
        assertNoMachinery(try screenAndHistory("a2"))
    }

    /// What the Swift runtime's crash reporter and failed checks print: none of it may reach her terminal.
    private func assertNoMachinery(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for word in ["Backtrace", "backtrace", "stack trace", "Crashed", "crashed", ".swift", "lldb", "to debug", "interact",
                     "Fatal error", "Thread 0", "Registers", "0x0"] {
            XCTAssertFalse(text.contains(word), "“\(word)” on her terminal:\n\(text)", file: file, line: line)
        }
    }

    /// The pid of `user`'s portal on the server.
    private func portalProcess(of user: String) -> pid_t? {
        guard let pw = getpwnam(user) else { return nil }
        let uid = pw.pointee.pw_uid
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).lazy.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let attrs = try? FileManager.default.attributesOfItem(atPath: "/proc/\(entry)"),
                  (attrs[.ownerAccountID] as? NSNumber)?.uint32Value == uid,
                  (try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8))?.hasPrefix("portal") == true else { return nil }
            return pid
        }.first
    }

    /// The processes running as `user`, with their names.
    private func processes(of user: String) -> [String] {
        guard let pw = getpwnam(user) else { return [] }
        let uid = pw.pointee.pw_uid
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard pid_t(entry) != nil, let attrs = try? FileManager.default.attributesOfItem(atPath: "/proc/\(entry)"),
                  (attrs[.ownerAccountID] as? NSNumber)?.uint32Value == uid,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")"), !stat[stat.index(after: close)...].hasPrefix(" Z") else { return nil }
            return ((try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
