import ArgumentParser
import Foundation
@testable import PortalCore
@testable import portal
import XCTest

/// QA J5: an option that takes one value, given twice, is refused, naming it and both values, with nothing
/// written; a repeatable option stays repeatable. Every option of every command is taken from the parser's own
/// description of the command tree (`portal --experimental-dump-help`), so a new option is tested as it comes.
final class RepeatedOptionTests: XCTestCase {
    /// One option of one command, as the parser's dump describes it.
    struct OptionCase {
        var path: [String]
        var name: String
        var repeating: Bool
        var values: [String]
    }

    /// The lines that parse before an option is added, for the commands that need something on them (a file,
    /// a user, a required option); every other command parses with nothing after its name.
    static let bases: [String: [String]] = [
        "backup": ["b.sqlite"], "restore": ["b.sqlite"], "program import": ["week.json"],
        "exercises done": ["bridge"], "questions answer": ["1", "yes"], "remind set": ["pain", "09:00"], "remind off": ["pain"],
        "export": ["--format", "csv"],
        "clinic add-therapist": ["ana", "--name", "Ana Lee"], "clinic add-patient": ["eve", "--name", "Eve", "--therapist", "ana"],
        "clinic import-local": ["p.sqlite", "--patient", "eve"], "clinic report": ["--patient", "eve"],
        "clinic shared": ["--patient", "eve"], "clinic publish": ["--week", "2", "--patient", "eve"],
    ]

    /// Value pairs tried, in order, for an option whose values the parser does not list; the first pair that
    /// parses on the command is used.
    static let samples: [(String, String)] = [("2026-12-07", "2026-12-06"), ("2", "3"), ("09:00", "10:00"), ("Ana", "Bob"),
                                               ("text", "markdown"), ("csv", "json")]

    func parses(_ words: [String]) -> Bool { (try? Portal.parseAsRoot(words)) != nil }

    /// Every option of every command, from the parser's dump of the whole tree.
    func everyOption() throws -> [OptionCase] {
        let dump = try runProgram(PortalRunner.binary.path, ["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let root = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])?["command"] as? [String: Any])
        var cases: [OptionCase] = []
        func walk(_ command: [String: Any], path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
                guard let long = (argument["names"] as? [[String: Any]] ?? []).first(where: { $0["kind"] as? String == "long" })?["name"] as? String
                else { continue }
                cases.append(OptionCase(path: path, name: "--" + long, repeating: argument["isRepeating"] as? Bool ?? false,
                                        values: argument["allValueStrings"] as? [String] ?? []))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path: path + [name])
            }
        }
        walk(root, path: [])
        return cases
    }

    func testEveryOptionThatTakesOneValueIsRefusedTwiceAndEveryRepeatableOneIsNot() throws {
        let options = try everyOption()
        var single = Set<String>(), repeatable = Set<String>()
        for option in options {
            let key = option.path.joined(separator: " ")
            // The command's own line, without the option under test if the base has it.
            var base = option.path + (Self.bases[key] ?? [])
            let pairs = option.values.count > 1 ? [(option.values[0], option.values[1])] : Self.samples
            let a: String, b: String
            if let i = base.firstIndex(of: option.name) {
                // An option the command needs: its value in the base line is the first, another that parses the second.
                a = base[i + 1]
                let others = option.values + Self.samples.flatMap { [$0.0, $0.1] }
                guard let other = others.first(where: { v in v != a && parses(base.enumerated().map { $0.offset == i + 1 ? v : $0.element }) }) else {
                    XCTFail("no second value parses for `portal \(key) \(option.name)`: add one to `samples`")
                    continue
                }
                b = other
                base.removeSubrange(i...(i + 1))
            } else {
                guard parses(base) else { XCTFail("`portal \(key)` needs a line that parses in `bases`"); continue }
                guard let pair = pairs.first(where: { parses(base + [option.name, $0.0]) && parses(base + [option.name, $0.1]) }) else {
                    XCTFail("no sample value parses for `portal \(key) \(option.name)`: add one to `samples`")
                    continue
                }
                (a, b) = pair
            }
            let twice = base + [option.name, a, option.name, b]
            guard parses(twice) else { XCTFail("`portal \(twice.joined(separator: " "))` does not parse"); continue }
            let problem = RepeatedOption.problem(in: twice, parse: { try Portal.parseAsRoot($0) })
            if option.repeating {
                repeatable.insert(option.name)
                XCTAssertNil(problem, "\(twice): a repeatable option may be repeated")
            } else {
                single.insert(option.name)
                XCTAssertEqual(problem.map { "\($0)" },
                               "\(option.name) is given twice (“\(a)”, “\(b)”), but it takes one value: give it once. Nothing was done.",
                               "\(twice)")
                // The same value twice loses nothing, and `=` is the same option.
                XCTAssertNil(RepeatedOption.problem(in: base + [option.name, a, option.name + "=" + a], parse: { try Portal.parseAsRoot($0) }), "\(key) \(option.name)")
                XCTAssertNotNil(RepeatedOption.problem(in: base + [option.name + "=" + a, option.name, b], parse: { try Portal.parseAsRoot($0) }), "\(key) \(option.name)")
            }
        }
        // The dump was read whole: the options QA J5 named, and the repeatable ones, are among them.
        XCTAssertTrue(single.isSuperset(of: ["--delivery", "--date", "--name", "--format", "--where", "--db", "--time", "--output", "--since"]), "\(single.sorted())")
        XCTAssertTrue(repeatable.isSuperset(of: ["--condition", "--sign", "--site", "--trigger", "--leak"]), "\(repeatable.sorted())")
        XCTAssertGreaterThan(options.count, 100)
    }

    /// The lines of QA J5, run: each refused with its exit status, naming the option and both values, and
    /// nothing written (no database made, none changed, no export file).
    func testTheLinesOfQAJ5AreRefusedAndChangeNothing() throws {
        let portal = try PortalRunner(self)
        let setup = try portal.run(["setup", "--name", "Dee", "--born", "2026-11-20", "--delivery", "cesarean", "--delivery", "vaginal"])
        XCTAssertEqual(setup.status, 1)
        XCTAssertEqual(setup.stderr, "Error: --delivery is given twice (“cesarean”, “vaginal”), but it takes one value: give it once. Nothing was done.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: portal.db.path), "no database was made")

        try portal.demo()
        let before = try portal.run(["export", "--format", "json"]).stdout
        let files = try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted()
        let lines: [([String], String)] = [
            (["log", "3", "--date", "2026-11-26", "--date", "2026-11-25"], "--date is given twice (“2026-11-26”, “2026-11-25”)"),
            (["profile", "--name", "Ana", "--name", "Bob"], "--name is given twice (“Ana”, “Bob”)"),
            (["profile", "--delivery=cesarean", "--delivery", "vaginal", "--born", "2026-11-20"], "--delivery is given twice (“cesarean”, “vaginal”)"),
            (["export", "--format", "csv", "--format", "json", "--output", "x.json"], "--format is given twice (“csv”, “json”)"),
            (["visits", "book", "4", "2026-12-20", "10:00", "--where", "Room 1", "--where", "Room 9"], "--where is given twice (“Room 1”, “Room 9”)"),
            (["bowel", "4", "--pain", "2", "--pain", "7", "--time", "08:00", "--time", "09:00"], "--pain is given twice (“2”, “7”)"),
            (["signs", "fever", "--note", "a", "--note", "b", "--note", "c"], "--note is given 3 times (“a”, “b”, “c”)"),
        ]
        for (args, start) in lines {
            let r = try portal.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("Error: " + start + ", but it takes one value: give it once. Nothing was done."), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try portal.run(["export", "--format", "json"]).stdout, before, "nothing was written")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.folder.path).sorted(), files, "no file was made")
        // A warning sign's message still comes first on a refused line (SafetyFirst).
        let sign = try portal.run(["signs", "fever", "--note", "a", "--note", "b"])
        XCTAssertEqual(sign.status, 1)
        XCTAssertFalse(sign.stdout.isEmpty, "the sign's message is said before the refusal")
        // Repeatable options stay repeatable, and the same value twice is no conflict.
        XCTAssertEqual(try portal.run(["log", "4", "--site", "low-back", "--site", "hip-side:left", "--time", "08:00", "--time", "08:00"]).status, 0)
        XCTAssertEqual(try portal.run(["log", "5", "--trigger", "walking", "--trigger", "stairs"]).status, 0)
    }
}
