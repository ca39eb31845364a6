import Foundation
import XCTest
@testable import PortalCore

/// The checkout's root folder (this file is Tests/PortalCLITests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A long note with accents, CJK, emoji, quotes, the characters calendars and CSV escape, a line break,
/// and a leading `=` a spreadsheet would run: 1000 characters, the most a pain note holds.
let awkwardNote: String = {
    let unit = "Après l’escalier — 痛い 😀 «ça tire», \"ok\"; a\\b\n"
    var s = "=SUM(A1) "
    while s.count + unit.count <= 1000 { s += unit }
    return s + String(repeating: "é", count: 1000 - s.count)
}()

/// Runs a program with nothing on its standard input and returns its status and both outputs; `environment`
/// nil: this process's own.
func runProgram(_ path: String, _ args: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

extension PortalRunner {
    /// The demo with visit 3 booked for next week and nothing left to record: the plan the booking tests
    /// were written for (`portal demo` itself also has visit 3 late, to show its question).
    func demoWithVisit3Ahead() throws {
        try demo(lateVisit: false)
    }

    /// The demo with a check-in and a pain entry carrying `awkwardNote`, yesterday evening.
    func demoWithAwkwardData() throws {
        try demo()
        _ = try store().saveQuizResult(QuizResult(date: CalendarDate(today)!.adding(days: -3),
                                                answers: ["leak-cough-sneeze": true, "urgency": false, "pelvic-pain": true]))
        // Logged in New York, so its offset (-05:00 in November) is the same wherever the tests run.
        let log = try run(["log", "5", "--site", "hip-side:left", "--site", "low-back", "--trigger", "stairs",
                           "--note", awkwardNote, "--date", CalendarDate(today)!.adding(days: -1).description, "--time", "20:45"],
                          env: ["TZ": "America/New_York"])
        XCTAssertEqual(log.status, 0, log.stderr)
    }

    /// Runs a command that writes a file, and returns the file's text.
    func export(_ args: [String], name: String, env: [String: String] = [:]) throws -> (path: String, text: String) {
        let path = folder.appendingPathComponent(name).path
        let r = try run(args + ["--output", path, "--force"], env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (path, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }
}

extension Array {
    /// The element at `index`, or an error that ends the case (a failure naming what was there) instead of
    /// the trap that would end every test in the process.
    func item(_ index: Int) throws -> Element {
        guard indices.contains(index) else { throw CaseError("no element \(index) in \(count): \(self)") }
        return self[index]
    }
}

/// A case that cannot go on: reported by name as a failure (`CommandCases.runEveryCase`).
struct CaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The bundled safety guide, read the way the commands read it.
let sharedGuide: SafetyGuide = try! ContentLibrary.bundled().safety
