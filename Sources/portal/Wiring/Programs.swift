import Foundation
import PortalCore

/// Another program on her PATH (`systemctl`, `crontab`), run to its end with what it said. The reminder
/// timer is installed through these, never by writing their files behind their backs.
struct Program {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var succeeded: Bool { status == 0 }
        /// Its first line on standard error, safe to print: what to quote when it failed.
        var complaint: String {
            stderr.split(separator: "\n").first.map { PlainText.removingControls(String($0)) } ?? "exit status \(status)"
        }
    }

    let name: String
    let path: String?
    let environment: [String: String]

    init(_ name: String, environment: [String: String]) {
        self.name = name
        self.environment = environment
        path = SearchPath.find(name, in: environment["PATH"])
    }

    var exists: Bool { path != nil }

    /// Runs it with `arguments` and `input` on its standard input; a program missing from PATH is a result
    /// too (status 127, as the shell says), so callers treat "not there" and "failed" alike.
    func run(_ arguments: [String], input: String? = nil) -> Result {
        guard let path else { return Result(status: 127, stdout: "", stderr: "\(name): not found on PATH") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do { try p.run() } catch {
            return Result(status: 126, stdout: "", stderr: "\(name) could not be started: \(error.localizedDescription)")
        }
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        // Standard error is read beside standard output, so neither pipe can fill and stop the program.
        let errors = Collected()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// What the reading thread collected; read only after `reading.wait()`, so never at the same time.
    private final class Collected: @unchecked Sendable { var data = Data() }
}
