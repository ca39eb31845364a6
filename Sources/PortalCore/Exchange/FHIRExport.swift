import Foundation

/// A FHIR R4 Bundle (type `collection`) of the patient's data, part by part (`RecordPart`): the Patient, the
/// visits as Appointments, the program as a CarePlan whose activities are ServiceRequests, an Observation per
/// exercise she said hurt (0 counts: she said), per pain entry and per report of warning signs, and check-ins
/// as QuestionnaireResponses with their Questionnaire. Every resource has a `urn:uuid:` full URL made from a
/// name-based UUID, so a second export names every resource the same way.
public enum FHIRExport {
    /// The Bundle as JSON, written as it is built: each entry is made and written in turn, so the whole Bundle
    /// is never held as a tree (ten years of diaries are some 110,000 resources). The bytes are those
    /// `bundleJSON(data).prettyJSON()` writes (`FHIRGoldenTests`, `FHIRJSONTests`).
    public static func bundle(_ data: ExportData) throws -> Data {
        let sink = EntryWriter()
        let rest = forEachEntry(data) { sink.add($0) }
        return sink.finish(rest)
    }

    /// The Bundle as a JSON value, before it is written out.
    static func bundleJSON(_ data: ExportData) -> FHIRJSON {
        var entries: [FHIRJSON] = []
        let rest = forEachEntry(data) { entries.append($0) }
        return rest.with("entry", .array(entries))
    }

    /// Writes the Bundle's entries in order: its members sort by their keys and `entry` comes first, so each
    /// entry is written when it is made, then the Bundle's other members.
    final class EntryWriter {
        let out = JSONBytes(capacity: 1 << 20)
        var written = 0

        init() {
            out.raw("{\n")
            out.indent(1)
            out.key("entry")
            out.byte(UInt8(ascii: "["))
        }

        func add(_ entry: FHIRJSON) {
            if written > 0 { out.byte(UInt8(ascii: ",")) }
            out.byte(UInt8(ascii: "\n"))
            out.indent(2)
            entry.write(into: out, depth: 2)
            written += 1
        }

        /// The Bundle's other members (`rest`, whose keys all sort after `entry`), then its end.
        func finish(_ rest: FHIRJSON) -> Data {
            // An empty array is written as JSONEncoder writes it: "[", a line break, an empty line, "]".
            if written == 0 { out.byte(UInt8(ascii: "\n")) }
            out.byte(UInt8(ascii: "\n"))
            out.indent(1)
            out.byte(UInt8(ascii: "]"))
            if case .object(let members) = rest {
                for member in members.list {
                    precondition("entry".utf8.lexicographicallyPrecedes(member.key.utf8), "the Bundle's entries are written first")
                    out.raw(",\n")
                    out.indent(1)
                    out.key(member.key)
                    member.value.write(into: out, depth: 1)
                }
            }
            out.raw("\n}")
            return out.data()
        }
    }

    /// Makes each entry of the Bundle, part by part (`RecordPart`), and gives it to `emit` in the Bundle's
    /// order; returns the Bundle without its entries.
    static func forEachEntry(_ data: ExportData, _ emit: (FHIRJSON) -> Void) -> FHIRJSON {
        let b = Builder(data: data)
        for part in RecordPart.allCases {
            switch part {
            // The Patient is there even with the profile left out (anonymous then): every resource points to it.
            // (The profile is the record's first part, so the Patient is the first entry.)
            case .profile: emit(b.entry(b.patient()))
            case .carePlan: for v in data.plan?.visits ?? [] { emit(b.entry(b.appointment(v))) }
            case .program:
                if !data.program.weeks.isEmpty {
                    let requests = b.serviceRequests()
                    emit(b.entry(b.carePlan(requests)))
                    for r in requests { emit(b.entry(r)) }
                }
            case .exerciseLog: for s in data.sessions where s.pain != nil { emit(b.entry(b.exercisePain(s))) }
            case .painDiary:
                for e in data.painEntries { emit(b.entry(b.observation(e))) }
                // Her notes and signs from entries whose pain she left out.
                for e in data.unscoredEntries { emit(b.entry(b.withoutPain(e))) }
            case .signReports: for r in data.signReports { emit(b.entry(b.signReport(r))) }
            case .checkIns:
                if !data.quizResults.isEmpty {
                    emit(b.entry(b.questionnaire()))
                    for r in data.quizResults { emit(b.entry(b.questionnaireResponse(r))) }
                }
            case .bladderDiary: for e in data.bladderEvents { emit(b.entry(b.bladderEvent(e))) }
            case .bowelLog: for e in data.bowelEntries { emit(b.entry(b.bowelEntry(e))) }
            case .measures: b.measureEntries().forEach(emit)
            // What she reads is not a clinical record a health system takes in; the JSON export keeps it.
            case .reading: break
            // Her reminders are how she uses the portal, not a clinical record: the JSON export keeps them.
            case .reminderSettings, .reminderLog: break
            // Her therapist's reviews are the clinic's acts, not her health record: no export carries them.
            case .signReviews: break
            // Her questions for the visit are between her and her therapist: the JSON export and the report keep them.
            case .questions: break
            }
        }
        return ["resourceType": "Bundle", "id": .string(data.uuid("bundle/\(b.instant(data.generatedAt))")),
                "type": "collection", "timestamp": .string(b.instant(data.generatedAt))]
    }

    struct Builder {
        let data: ExportData
        /// Made once: every Observation, Appointment and response points to the Patient.
        let patientRef: FHIRJSON

        /// The export zone's offset on each day it has no change of clocks near, found once a day.
        let offsets: DayOffsets

        init(data: ExportData) {
            self.data = data
            patientRef = ["reference": .string("urn:uuid:" + data.uuid("patient"))]
            offsets = DayOffsets(data.timeZone)
        }

        func entry(_ resource: FHIRJSON) -> FHIRJSON {
            guard case .object(let o) = resource, case .string(let id) = o["id"] else { return ["resource": resource] }
            return ["fullUrl": .string("urn:uuid:" + id), "resource": resource]
        }

        /// The Patient. With `profile` left out it holds nothing but its id, so the other resources can still
        /// point to whom they are about.
        func patient() -> FHIRJSON {
            var r: FHIRJSON = ["resourceType": "Patient", "id": .string(data.uuid("patient"))]
            guard let p = data.patient else { return r }
            r = r.with("active", true).with("name", [["text": .string(p.name)]])
            if !p.therapist.isEmpty { r = r.with("generalPractitioner", [["display": .string(p.therapist)]]) }
            if !p.clinic.isEmpty { r = r.with("managingOrganization", ["display": .string(p.clinic)]) }
            return r
        }

        /// One pain score: LOINC 72514-3 as an integer, when (with its UTC offset), where (the first site as
        /// `bodySite`, any others as components), what made it worse, warning signs, and her note.
        func observation(_ e: PainEntry) -> FHIRJSON {
            var r: FHIRJSON = [
                "resourceType": "Observation", "id": .string(data.uuid(e.id.map { "pain/\($0)" } ?? "pain/\(e.date)T\(e.time)")),
                "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "survey", "display": "Survey"]]]],
                "code": ["coding": [["system": .string(FHIRCodes.loinc), "code": .string(FHIRCodes.painScore),
                                     "display": .string(FHIRCodes.painScoreDisplay)]],
                         "text": "Pain score (0 to 10)"],
                "subject": patientRef,
                "effectiveDateTime": .string(dateTime(LocalDateTime(date: e.date, time: e.time), utcOffset: e.utcOffset)),
                "valueInteger": .int(e.score),
            ]
            if let first = e.sites.first { r = r.with("bodySite", bodySite(first)) }
            var components: [FHIRJSON] = e.sites.dropFirst().map { ["code": ["text": "Also hurts at"], "valueCodeableConcept": bodySite($0)] }
            components += e.triggers.map { ["code": ["text": "Made worse by"], "valueCodeableConcept": ["text": .string($0.title)]] }
            components += e.warningSigns.map { id in
                ["code": ["text": "Warning sign reported"], "valueString": .string(data.safety.sign(id)?.text ?? id)]
            }
            r = r.with("component", .array(components))
            if !e.note.isEmpty { r = r.with("note", [["text": .string(e.note)]]) }
            return r
        }

        /// Warning signs she reported without a pain score: an Observation at the time she reported them, one
        /// component per sign in the words of safety.json (as a pain entry's signs are), and her note.
        func signReport(_ r: SignReport) -> FHIRJSON {
            var o: FHIRJSON = [
                "resourceType": "Observation", "id": .string(data.uuid(r.id.map { "signs/\($0)" } ?? "signs/\(r.date)T\(r.time)")),
                "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "survey", "display": "Survey"]]]],
                "code": ["text": "Warning signs reported"],
                "subject": patientRef,
                "effectiveDateTime": .string(dateTime(LocalDateTime(date: r.date, time: r.time), utcOffset: r.utcOffset)),
                "component": .array(r.signs.map { id in
                    ["code": ["text": "Warning sign reported"], "valueString": .string(data.safety.sign(id)?.text ?? id)]
                }),
            ]
            if !r.note.isEmpty { o = o.with("note", [["text": .string(r.note)]]) }
            return o
        }

        /// Her note and warning signs from a pain entry whose score she left out: an Observation of what she
        /// reported, with no value (the score is what she left out), the signs as components like a pain
        /// entry's, and her note.
        func withoutPain(_ r: SignReport) -> FHIRJSON {
            var res: FHIRJSON = [
                "resourceType": "Observation", "id": .string(data.uuid(r.id.map { "pain/\($0)" } ?? "pain/\(r.date)T\(r.time)")),
                "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "survey", "display": "Survey"]]]],
                "code": ["text": "Patient's note and warning signs (pain score left out by the patient)"],
                "subject": patientRef,
                "effectiveDateTime": .string(dateTime(LocalDateTime(date: r.date, time: r.time), utcOffset: r.utcOffset)),
            ]
            let components: [FHIRJSON] = r.signs.map { id in
                ["code": ["text": "Warning sign reported"], "valueString": .string(data.safety.sign(id)?.text ?? id)]
            }
            if !components.isEmpty { res = res.with("component", .array(components)) }
            if !r.note.isEmpty { res = res.with("note", [["text": .string(r.note)]]) }
            return res
        }

        /// The pain she felt during an exercise: the same LOINC pain score, on the day (no time was asked),
        /// based on the week's ServiceRequest for that exercise, with the exercise and the sets done as
        /// components, in the style of the pain entries' own.
        func exercisePain(_ s: ExerciseSession) -> FHIRJSON {
            var r: FHIRJSON = [
                "resourceType": "Observation",
                "id": .string(data.uuid(s.id.map { "exercise-pain/\($0)" } ?? "exercise-pain/\(s.date)/\(s.exerciseID)")),
                "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "survey", "display": "Survey"]]]],
                "code": ["coding": [["system": .string(FHIRCodes.loinc), "code": .string(FHIRCodes.painScore),
                                     "display": .string(FHIRCodes.painScoreDisplay)]],
                         "text": "Pain during an exercise (0 to 10)"],
                "subject": patientRef,
                "effectiveDateTime": .string(s.date.description),
                "valueInteger": .int(s.pain ?? 0),
                "component": [["code": ["text": "During exercise"], "valueString": .string(data.exercises.name(s.exerciseID))],
                              ["code": ["text": "Sets done"], "valueInteger": .int(s.setsDone)]],
            ]
            if data.program.week(number: s.week)?.prescription(for: s.exerciseID) != nil {
                r = r.with("basedOn", [["reference": .string("urn:uuid:" + data.uuid("program/week/\(s.week)/\(s.exerciseID)"))]])
            }
            return r
        }

        func bodySite(_ s: SiteSide) -> FHIRJSON {
            let (code, display) = FHIRCodes.bodySite(s.site)
            let coding: FHIRJSON
            if let side = FHIRCodes.laterality(s.side) {
                coding = ["system": .string(FHIRCodes.snomed), "code": .string("\(code):\(FHIRCodes.lateralityAttribute)=\(side)")]
            } else {
                coding = ["system": .string(FHIRCodes.snomed), "code": .string(code), "display": .string(display)]
            }
            return ["coding": [coding], "text": .string(s.title)]
        }

        /// `2026-11-20T08:15:00-05:00`: the stored local time with the offset stored with it (where she was
        /// when she saved it), or, for what has none (a visit), the offset it has in the export's zone.
        /// The clock reading is worked out from the instant and its offset with day numbers rather than a
        /// second pass through Calendar, which took most of an export's time per entry; a time that does not
        /// exist on that day (the hour skipped in spring) still comes out as the zone shows it.
        func dateTime(_ local: LocalDateTime, utcOffset: Int? = nil) -> String {
            if let utcOffset {
                return "\(local.date)T\(local.time):00" + Exporter.offsetText(utcOffset)
            }
            // A day with no change of clocks near it reads every time at the day's one offset: what the steps
            // below find, without asking the zone seven times a row (a ten-year export has 40,000 diary rows).
            if let offset = offsets.steady(on: local.date) {
                return "\(local.date)T\(local.time):00" + Exporter.offsetText(offset / 60)
            }
            let instant = data.instant(local)
            let offsetSeconds = data.timeZone.secondsFromGMT(for: instant)
            let localSeconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
            let days = Int((Double(localSeconds) / 86_400).rounded(.down))
            let second = localSeconds - days * 86_400
            let date = CalendarDate(dayNumber: days)
            let time = TimeOfDay(minutes: second / 60)
            let offset = offsetSeconds / 60
            let sign = offset < 0 ? "-" : "+"
            let zone = TimeOfDay(minutes: abs(offset))
            return "\(date)T\(time):" + (second % 60 < 10 ? "0" : "") + "\(second % 60)" + sign + "\(zone)"
        }

        /// The offset of a zone on the days that have only one, found once a day.
        final class DayOffsets {
            let timeZone: TimeZone
            private var days: [Int: Int?] = [:]

            init(_ timeZone: TimeZone) { self.timeZone = timeZone }

            /// The zone's offset in seconds on `date` when it is the same from three days before the day to three
            /// days after it with no change of clocks between (so every local time that day, and the instants
            /// `LocalZone` looks at either side of it, read at that offset); nil near a change.
            func steady(on date: CalendarDate) -> Int? {
                if let known = days[date.dayNumber] { return known }
                let from = Date(timeIntervalSince1970: TimeInterval((date.dayNumber - 3) * 86_400))
                let to = Date(timeIntervalSince1970: TimeInterval((date.dayNumber + 4) * 86_400))
                let offset = timeZone.secondsFromGMT(for: from)
                var steady: Int? = nil
                if offset == timeZone.secondsFromGMT(for: to) {
                    let change = timeZone.nextDaylightSavingTimeTransition(after: from)
                    if change.map({ $0 > to }) ?? true { steady = offset }
                }
                days[date.dayNumber] = steady
                return steady
            }
        }

        /// `2026-12-01T10:03:24Z`.
        func instant(_ date: Date) -> String {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: "UTC")!
            let p = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
        }
    }
}
