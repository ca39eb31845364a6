import Foundation

/// A FHIR R4 Bundle (type `collection`) of the patient's data, part by part (`RecordPart`): the Patient, the
/// visits as Appointments, the program as a CarePlan whose activities are ServiceRequests, an Observation per
/// exercise she said hurt (0 counts: she said), per pain entry and per report of warning signs, and check-ins
/// as QuestionnaireResponses with their Questionnaire. Every resource has a `urn:uuid:` full URL made from a
/// name-based UUID, so a second export names every resource the same way.
public enum FHIRExport {
    public static func bundle(_ data: ExportData) throws -> Data {
        bundleJSON(data).prettyJSON()
    }

    /// The Bundle as a JSON value, before it is written out.
    static func bundleJSON(_ data: ExportData) -> FHIRJSON {
        let b = Builder(data: data)
        var entries: [FHIRJSON] = []
        for part in RecordPart.allCases {
            switch part {
            // The Patient is there even with the profile left out (anonymous then): every resource points to it.
            case .profile: entries.insert(b.entry(b.patient()), at: 0)
            case .carePlan: entries += (data.plan?.visits ?? []).map { b.entry(b.appointment($0)) }
            case .program:
                if !data.program.weeks.isEmpty {
                    let requests = b.serviceRequests()
                    entries.append(b.entry(b.carePlan(requests)))
                    entries += requests.map { b.entry($0) }
                }
            case .exerciseLog: entries += data.sessions.filter { $0.pain != nil }.map { b.entry(b.exercisePain($0)) }
            case .painDiary:
                entries += data.painEntries.map { b.entry(b.observation($0)) }
                // Her notes and signs from entries whose pain she left out.
                entries += data.unscoredEntries.map { b.entry(b.withoutPain($0)) }
            case .signReports: entries += data.signReports.map { b.entry(b.signReport($0)) }
            case .checkIns:
                if !data.quizResults.isEmpty {
                    entries.append(b.entry(b.questionnaire()))
                    entries += data.quizResults.map { b.entry(b.questionnaireResponse($0)) }
                }
            case .bladderDiary: entries += data.bladderEvents.map { b.entry(b.bladderEvent($0)) }
            case .bowelLog: entries += data.bowelEntries.map { b.entry(b.bowelEntry($0)) }
            case .measures: entries += b.measureEntries()
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
        let bundle: FHIRJSON = ["resourceType": "Bundle", "id": .string(data.uuid("bundle/\(b.instant(data.generatedAt))")),
                                "type": "collection", "timestamp": .string(b.instant(data.generatedAt)), "entry": .array(entries)]
        return bundle
    }

    struct Builder {
        let data: ExportData
        /// Made once: every Observation, Appointment and response points to the Patient.
        let patientRef: FHIRJSON

        init(data: ExportData) {
            self.data = data
            patientRef = ["reference": .string("urn:uuid:" + data.uuid("patient"))]
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

        /// `2026-12-01T10:03:24Z`.
        func instant(_ date: Date) -> String {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: "UTC")!
            let p = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
        }
    }
}
