import Foundation

/// Writes the patient's data for other tools: CSV (RFC 4180) of pain entries, or JSON of everything.
public enum Exporter {
    public static let csvHeader = ["date", "time", "score", "sites", "triggers", "note", "warning_signs"]

    /// One row per pain entry, CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// Sites and triggers are `;`-separated lists of the command line's identifiers.
    public static func csv(_ entries: [PainEntry]) -> String {
        var out = csvHeader.joined(separator: ",") + "\r\n"
        for e in entries {
            let fields = [e.date.description, e.time.description, String(e.score),
                          e.sites.map(\.description).joined(separator: ";"),
                          e.triggers.map(\.rawValue).joined(separator: ";"),
                          e.note, e.warningSigns.joined(separator: ";")]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The path with symbolic links and `..` resolved (the folder's, when the file does not exist yet).
    static func resolved(_ url: URL) -> String {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().standardizedFileURL.path }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
            .appendingPathComponent(url.lastPathComponent).path
    }

    public struct Document: Codable {
        public struct PatientRecord: Codable {
            var name: String
            var stage: String
            var dueDate: CalendarDate?
            var birthDate: CalendarDate?
            var delivery: String?
            var conditions: [String]
            var therapist: String
            var clinic: String
        }

        public struct PainRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            var score: Int
            /// LOINC 72514-3: pain severity, 0–10 verbal numeric rating, reported.
            var loinc = "72514-3"
            var sites: [SiteSide]
            var triggers: [PainTrigger]
            var note: String
            var warningSigns: [String]
        }

        public struct WeekRecord: Codable {
            var week: Int
            var starts: CalendarDate
            var note: String
            var prescriptions: [PrescriptionRecord]
        }

        public struct PrescriptionRecord: Codable {
            var exercise: String
            var name: String
            var sets, reps, holdSeconds, restSeconds, timesPerDay, daysPerWeek: Int
            var side: String
            var note: String
        }

        public struct SessionRecord: Codable {
            var date: CalendarDate
            var exercise: String
            var week: Int
            var setsDone: Int
        }

        public var format = "portal.export"
        public var version = 1
        public var exportedOn: CalendarDate
        public var since: CalendarDate?
        public var patient: PatientRecord?
        public var visits: [Visit]
        public var programWeeks: [WeekRecord]
        public var exerciseLog: [SessionRecord]
        public var painEntries: [PainRecord]
        public var quizResults: [QuizResult]
    }

    /// Everything in the store as one JSON document (entries and sessions from `since` on, when given).
    public static func json(store: any PortalStoring, library: ExerciseLibrary, today: CalendarDate,
                            since: CalendarDate? = nil) throws -> Data {
        let patient = try store.patient().map { p -> Document.PatientRecord in
            var due: CalendarDate?, birth: CalendarDate?, delivery: String?
            switch p.stage {
            case .pregnant(let d): due = d
            case .postpartum(let b, let del): birth = b; delivery = del.rawValue
            }
            return .init(name: p.name, stage: p.stage.isPregnant ? "pregnant" : "postpartum", dueDate: due,
                         birthDate: birth, delivery: delivery, conditions: p.conditions.map(\.rawValue),
                         therapist: p.therapist, clinic: p.clinic)
        }
        let doc = Document(
            exportedOn: today, since: since, patient: patient,
            visits: try store.carePlan()?.visits ?? [],
            programWeeks: try store.program().weeks.map { w in
                .init(week: w.number, starts: w.starts, note: w.note, prescriptions: w.prescriptions.map { p in
                    .init(exercise: p.exerciseID, name: library.name(p.exerciseID), sets: p.dose.sets, reps: p.dose.reps,
                          holdSeconds: p.dose.holdSeconds, restSeconds: p.dose.restSeconds, timesPerDay: p.dose.timesPerDay,
                          daysPerWeek: p.dose.daysPerWeek, side: p.dose.side.rawValue, note: p.note)
                })
            },
            exerciseLog: try store.sessions(from: since).map { .init(date: $0.date, exercise: $0.exerciseID, week: $0.week, setsDone: $0.setsDone) },
            painEntries: try store.painEntries(from: since).map {
                .init(id: $0.id, date: $0.date, time: $0.time, score: $0.score, sites: $0.sites, triggers: $0.triggers,
                      note: $0.note, warningSigns: $0.warningSigns)
            },
            quizResults: try store.quizResults().filter { since == nil || $0.date >= since! })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }

    /// Writes `data` to `path` as a private file (0600), atomically. An existing file is replaced only with
    /// `overwrite`, and never when it is one of `protected` (the database and its companion files), so an
    /// export can never destroy the data it came from.
    public static func write(_ data: Data, to path: String, overwrite: Bool = false, protected: [String] = []) throws {
        guard !path.isEmpty else { throw PortalError.invalidInput(field: .exportFile, "The export needs a file name, for example pain.csv.") }
        let url = URL(fileURLWithPath: path)
        let target = resolved(url)
        for p in protected where resolved(URL(fileURLWithPath: p)) == target {
            throw PortalError.invalidInput(field: .exportFile, "\(path) is the portal's own database file; choose another file name for the export.")
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            if isDir.boolValue { throw PortalError.invalidInput(field: .exportFile, "\(path) is a folder; give a file name, for example \(path)/export.csv.") }
            if !overwrite { throw PortalError.fileExists(path: path) }
        }
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) else {
            throw PortalError.invalidInput(field: .exportFile, "The folder \(url.deletingLastPathComponent().path) does not exist.")
        }
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(temp.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw PortalError.storage("Cannot write \(path): \(String(cString: strerror(errno))).") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temp.path, url.path) == 0 else { throw PortalError.storage(String(cString: strerror(errno))) }
        } catch {
            unlink(temp.path)
            throw PortalError.storage("Cannot write \(path): \(error).")
        }
    }
}
