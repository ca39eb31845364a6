import Foundation

/// The weekly program update format (`portal.program-week`, version 1), documented in `Resources/README.md`.
/// Parsing is done by hand so every error names the field and where it is, e.g.
/// `prescriptions[2].sets is 0; it must be 1 to 10.`
public enum ProgramWeekFile {
    public static let format = "portal.program-week"
    public static let version = 1
    public static let maxPrescriptions = 12

    /// Reads a week from JSON. `requireHeader` is false for the weeks inside program templates,
    /// which carry no `format`, `version` or `starts`; `defaultStart` then supplies the date.
    public static func parse(_ data: Data, library: ExerciseLibrary, requireHeader: Bool = true,
                             defaultStart: CalendarDate? = nil) throws -> ProgramWeek {
        let object: Any
        do {
            // Fragments allowed: `null` or `3` alone is valid JSON, and the message says what it is instead.
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw PortalError.invalidInput("The file is not valid JSON" + (jsonErrorPosition(error).map { " (near character \($0))" } ?? "") + ".")
        }
        guard let dict = object as? [String: Any] else {
            throw PortalError.invalidInput("The file holds \(describe(object)), not a program week: it must hold one JSON object ({ … }).")
        }
        if let key = JSONKeys.firstDuplicate(in: data) {
            throw PortalError.invalidInput("The key \(PlainText.quoted(key)) appears twice in one object of the file; each key may appear once, so it is unclear which one is meant.")
        }
        return try parse(dict, library: library, requireHeader: requireHeader, defaultStart: defaultStart)
    }

    /// Reads the bytes of a week file at `path` (as the user typed it, which the errors repeat):
    /// "Cannot read week5.json: no such file.", "week5.json is a folder, not a file."
    public static func read(path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw PortalError.invalidInput("Cannot read \(path): no such file.")
        }
        guard !isDir.boolValue else { throw PortalError.invalidInput("\(path) is a folder, not a file.") }
        // A device or a pipe (/dev/zero, /dev/stdin) is not a week file, and /dev/zero would never end.
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw PortalError.invalidInput("\(path) is not a regular file (a device or a pipe, perhaps); give the week's JSON file.")
        }
        guard Int(st.st_size) <= maxFileSize else {
            throw PortalError.invalidInput("\(path) is \(Int(st.st_size) / 1024) KB; a week's program file is at most \(maxFileSize / 1024) KB, so this is not one.")
        }
        guard access(path, R_OK) == 0 else { throw PortalError.invalidInput("Cannot read \(path): permission denied.") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PortalError.invalidInput("Cannot read \(path): \(String(cString: strerror(errno))).")
        }
        return data
    }

    /// The largest file taken as a week: a week of even 20 exercises with long notes is a few KB.
    public static let maxFileSize = 1 << 20

    /// The character JSONSerialization stopped at, counted from 1 as a person would (its error message,
    /// "Invalid value around character 0.", counts from 0).
    private static func jsonErrorPosition(_ error: Error) -> Int? {
        let info = (error as NSError).userInfo
        if let text = info[NSDebugDescriptionErrorKey] as? String,
           let range = text.range(of: #"character \d+"#, options: .regularExpression) {
            return Int(text[range].dropFirst("character ".count)).map { $0 + 1 }
        }
        return (info["NSJSONSerializationErrorIndex"] as? Int).map { $0 + 1 }
    }

    public static func parse(_ dict: [String: Any], library: ExerciseLibrary, requireHeader: Bool = true,
                             defaultStart: CalendarDate? = nil, location: String = "") throws -> ProgramWeek {
        let at = { (field: String) in location.isEmpty ? field : "\(location).\(field)" }
        if requireHeader {
            guard dict["format"] as? String == format else {
                throw PortalError.invalidInput("\(at("format")) must be \"\(format)\".")
            }
            guard try int(dict, "version", at) == version else {
                throw PortalError.invalidInput("\(at("version")) must be \(version); this portal reads version \(version).")
            }
        }
        let known: Set<String> = ["format", "version", "week", "starts", "note", "prescriptions"]
        if let extra = dict.keys.sorted().first(where: { !known.contains($0) }) {
            throw PortalError.invalidInput("\(at(extra)) is not a field of a program week. Fields: \(known.sorted().joined(separator: ", ")).")
        }
        let number = try int(dict, "week", at)
        guard (1...52).contains(number) else { throw PortalError.invalidInput("\(at("week")) is \(number); it must be 1 to 52.") }
        let starts: CalendarDate
        if let s = dict["starts"] {
            guard let text = s as? String, let d = CalendarDate(text) else {
                throw PortalError.invalidInput("\(at("starts")) must be a date in the form YYYY-MM-DD.")
            }
            starts = d
        } else if let d = defaultStart {
            starts = d
        } else {
            throw PortalError.invalidInput("\(at("starts")) is missing; give the week's first day as YYYY-MM-DD.")
        }
        let note = try string(dict, "note", at) ?? ""
        guard let list = dict["prescriptions"] as? [Any] else {
            throw PortalError.invalidInput("\(at("prescriptions")) is missing or not a list.")
        }
        guard (1...maxPrescriptions).contains(list.count) else {
            throw PortalError.invalidInput("\(at("prescriptions")) has \(list.count) exercises; a week has 1 to \(maxPrescriptions).")
        }
        var prescriptions: [Prescription] = []
        for (i, item) in list.enumerated() {
            let here = at("prescriptions[\(i)]")
            guard let p = item as? [String: Any] else { throw PortalError.invalidInput("\(here) must be an object.") }
            prescriptions.append(try prescription(p, at: here, library: library))
        }
        // A week in a file is the therapist's (templates are marked generated when they are read).
        let week = ProgramWeek(number: number, starts: starts, note: note, prescriptions: prescriptions, origin: .therapist)
        try validate(week, library: library, location: location)
        return week
    }

    /// Checks a week built in code or read from a file: known exercises, each once, doses within limits,
    /// notes in plain text.
    public static func validate(_ week: ProgramWeek, library: ExerciseLibrary, location: String = "") throws {
        let at = { (field: String) in location.isEmpty ? field : "\(location).\(field)" }
        try week.validateText(location: location)
        var seen = Set<String>()
        for (i, p) in week.prescriptions.enumerated() {
            let here = at("prescriptions[\(i)]")
            guard library.knows(p.exerciseID) else {
                throw PortalError.invalidInput(field: .programExercise, "\(here).exercise: \(PlainText.quoted(p.exerciseID)) is not in the exercise library.")
            }
            guard seen.insert(p.exerciseID).inserted else {
                throw PortalError.invalidInput("\(here).exercise: \(PlainText.quoted(p.exerciseID)) appears twice in week \(week.number).")
            }
            try p.dose.validate(at: here)
        }
    }

    private static let prescriptionFields: Set<String> = ["exercise", "sets", "reps", "holdSeconds", "restSeconds",
                                                          "timesPerDay", "daysPerWeek", "side", "note", "therapistDecision"]

    private static func prescription(_ p: [String: Any], at here: String, library: ExerciseLibrary) throws -> Prescription {
        let at = { (f: String) in "\(here).\(f)" }
        if let extra = p.keys.sorted().first(where: { !prescriptionFields.contains($0) }) {
            throw PortalError.invalidInput("\(at(extra)) is not a field of a prescription. Fields: \(prescriptionFields.sorted().joined(separator: ", ")).")
        }
        guard let id = p["exercise"] as? String, !id.isEmpty else {
            throw PortalError.invalidInput("\(at("exercise")) is missing; give an exercise id such as \"clamshell\".")
        }
        let sideText = try string(p, "side", at) ?? Side.none.rawValue
        guard let side = Side(rawValue: sideText) else {
            throw PortalError.invalidInput("\(at("side")) is \(PlainText.quoted(sideText)); it must be one of \(Side.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let dose = Dose(sets: try int(p, "sets", at), reps: try int(p, "reps", at),
                        holdSeconds: try int(p, "holdSeconds", at, default: 0),
                        restSeconds: try int(p, "restSeconds", at, default: 30),
                        timesPerDay: try int(p, "timesPerDay", at, default: 1),
                        daysPerWeek: try int(p, "daysPerWeek", at, default: 7), side: side)
        // The therapist's reason for prescribing an exercise against one of its rules, shown to the patient.
        // Given but empty, or only spaces and line breaks, is no reason (`Prescription.checkDecision`).
        let written = try string(p, "therapistDecision", at)
        if let written, PlainText.blankAsEmpty(written).isEmpty { throw Prescription.blankDecision(at("therapistDecision")) }
        let decision = (written ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return Prescription(exerciseID: id, dose: dose, note: try string(p, "note", at) ?? "", therapistDecision: decision)
    }

    private static func int(_ d: [String: Any], _ key: String, _ at: (String) -> String, default value: Int? = nil) throws -> Int {
        guard let raw = d[key] else {
            if let value { return value }
            throw PortalError.invalidInput("\(at(key)) is missing; it must be a whole number.")
        }
        // JSONSerialization gives NSNumber for numbers and booleans alike: refuse booleans and fractions.
        guard let n = raw as? NSNumber, !isBool(n),
              n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e9 else {
            throw PortalError.invalidInput("\(at(key)) must be a whole number, not \(describe(raw)).")
        }
        return n.intValue
    }

    private static func string(_ d: [String: Any], _ key: String, _ at: (String) -> String) throws -> String? {
        guard let raw = d[key] else { return nil }
        guard let s = raw as? String else { throw PortalError.invalidInput("\(at(key)) must be text, not \(describe(raw)).") }
        guard PlainText.length(s) <= 1000 else { throw PortalError.invalidInput("\(at(key)) is longer than 1000 characters.") }
        return s
    }

    /// JSON booleans arrive as NSNumber too; their Objective-C type code is "c".
    private static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    private static func describe(_ v: Any) -> String {
        if let n = v as? NSNumber { return isBool(n) ? (n.boolValue ? "true" : "false") : "\(n)" }
        if v is String { return "text" }
        if v is [Any] { return "a list" }
        if v is [String: Any] { return "an object" }
        return "null"
    }

    /// Writes a week in the import format, keys sorted, so a file round-trips.
    public static func encode(_ week: ProgramWeek) throws -> Data {
        let object: [String: Any] = [
            "format": format, "version": version, "week": week.number, "starts": week.starts.description, "note": week.note,
            "prescriptions": week.prescriptions.map { p -> [String: Any] in
                var d: [String: Any] = ["exercise": p.exerciseID, "sets": p.dose.sets, "reps": p.dose.reps,
                                        "holdSeconds": p.dose.holdSeconds, "restSeconds": p.dose.restSeconds,
                                        "timesPerDay": p.dose.timesPerDay, "daysPerWeek": p.dose.daysPerWeek,
                                        "side": p.dose.side.rawValue]
                if !p.note.isEmpty { d["note"] = p.note }
                if !p.therapistDecision.isEmpty { d["therapistDecision"] = p.therapistDecision }
                return d
            },
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
