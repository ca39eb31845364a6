import Foundation

extension FHIRExport.Builder {
    /// A visit as an Appointment whose status tells the truth: a visit not yet scheduled is `proposed`
    /// with no time, a missed one `noshow`. The therapist's notes after the visit are its comment.
    func appointment(_ v: Visit) -> FHIRJSON {
        let status = FHIRCodes.appointmentStatus(v.status)
        var r: FHIRJSON = ["resourceType": "Appointment", "id": .string(data.uuid("visit/\(v.number)")),
                           "status": .string(status), "description": .string(ICalendarExport.summary(v)),
                           "serviceType": [["text": "Physical therapy"]]]
        // Only a proposed or cancelled appointment may lack a time (FHIR invariant app-3).
        if let start = v.start, v.status != .toSchedule {
            let end = LocalDateTime(date: start.date, time: start.time).addingMinutes(v.durationMinutes, in: data)
            r = r.with("start", .string(dateTime(start))).with("end", .string(end)).with("minutesDuration", .int(v.durationMinutes))
        }
        var participants: [FHIRJSON] = [["actor": patientRef, "status": v.status == .toSchedule ? "needs-action" : "accepted"]]
        if !v.therapist.isEmpty {
            participants.append(["actor": ["display": .string(v.therapist)], "status": "accepted"])
        }
        let place = v.location.trimmingCharacters(in: .whitespaces)
        if v.mode == .inPerson, !place.isEmpty {
            participants.append(["actor": ["type": "Location", "display": .string(place)], "status": "accepted"])
        }
        r = r.with("participant", .array(participants))
        if v.mode == .virtual { r = r.with("patientInstruction", .string(place.isEmpty ? "Video visit." : "Video visit: \(place)")) }
        var comment: [String] = []
        if !v.focus.isEmpty { comment.append("Focus: \(v.focus)") }
        if !v.notes.isEmpty { comment.append("Notes after the visit: \(v.notes)") }
        return r.with("comment", .string(comment.joined(separator: "\n")))
    }

    var questionnaireURL: String { "urn:uuid:" + data.uuid("questionnaire/pelvic-floor") }

    /// The pelvic-floor check-in's questions, so each response can say which questionnaire it answers.
    func questionnaire() -> FHIRJSON {
        ["resourceType": "Questionnaire", "id": .string(data.uuid("questionnaire/pelvic-floor")),
         "url": .string(questionnaireURL), "name": "PelvicFloorCheckIn", "title": .string(data.quiz.title),
         "status": "active", "subjectType": ["Patient"],
         "item": .array(data.quiz.questions.map { ["linkId": .string($0.id), "text": .string($0.text), "type": "boolean"] })]
    }

    func questionnaireResponse(_ q: QuizResult) -> FHIRJSON {
        let items: [FHIRJSON] = data.quiz.questions.compactMap { question in
            guard let answer = q.answers[question.id] else { return nil }
            return ["linkId": .string(question.id), "text": .string(question.text), "answer": [["valueBoolean": .bool(answer)]]]
        }
        return ["resourceType": "QuestionnaireResponse", "id": .string(data.uuid(q.id.map { "checkin/\($0)" } ?? "checkin/\(q.date)")),
                "questionnaire": .string(questionnaireURL), "status": "completed", "subject": patientRef,
                "authored": .string(q.date.description), "item": .array(items)]
    }

    /// Each week's prescriptions as ServiceRequests: the exercise, the dose in words in `patientInstruction`,
    /// and the timing (how often, within the week's dates).
    func serviceRequests() -> [FHIRJSON] {
        let log = ExerciseLog(program: data.program, sessions: [])
        return data.program.weeks.flatMap { week -> [FHIRJSON] in
            let last = log.lastDay(of: week)
            let status = last < data.today ? "completed" : "active"
            return week.prescriptions.map { p in
                let d = p.dose
                let repeatPart: FHIRJSON = d.daysPerWeek == 7
                    ? ["boundsPeriod": ["start": .string(week.starts.description), "end": .string(last.description)],
                       "frequency": .int(d.timesPerDay), "period": 1, "periodUnit": "d"]
                    : ["boundsPeriod": ["start": .string(week.starts.description), "end": .string(last.description)],
                       "frequency": .int(d.timesPerDay * d.daysPerWeek), "period": 1, "periodUnit": "wk"]
                var instruction = "\(d.summary); \(d.frequency)"
                if d.restSeconds > 0 { instruction += "; rest \(d.restSeconds) s between sets" }
                if !p.note.isEmpty { instruction += ". \(p.note)" }
                if !p.therapistDecision.isEmpty { instruction += ". Therapist's decision: \(p.therapistDecision)" }
                var r: FHIRJSON = ["resourceType": "ServiceRequest", "id": .string(data.uuid("program/week/\(week.number)/\(p.exerciseID)")),
                                   "status": .string(status), "intent": "order",
                                   "category": [["coding": [["system": .string(FHIRCodes.snomed), "code": .string(FHIRCodes.exerciseTherapy),
                                                             "display": "Exercise therapy"]]]],
                                   "code": ["text": .string(data.exercises.name(p.exerciseID))],
                                   "subject": patientRef, "occurrenceTiming": ["repeat": repeatPart],
                                   "patientInstruction": .string(instruction)]
                if let therapist = data.patient?.therapist, !therapist.isEmpty { r = r.with("requester", ["display": .string(therapist)]) }
                return r
            }
        }
    }

    /// The program as a whole: its weeks' notes and an activity for every ServiceRequest.
    func carePlan(_ requests: [FHIRJSON]) -> FHIRJSON {
        let activities: [FHIRJSON] = requests.compactMap {
            guard case .object(let o) = $0, case .string(let id) = o["id"] else { return nil }
            return ["reference": ["reference": .string("urn:uuid:" + id)]]
        }
        let notes: [FHIRJSON] = data.program.weeks.filter { !$0.note.isEmpty }.map { ["text": .string("Week \($0.number): \($0.note)")] }
        let r: FHIRJSON = ["resourceType": "CarePlan", "id": .string(data.uuid("careplan")), "status": "active", "intent": "plan",
                           "title": "Home exercise program", "subject": patientRef,
                           "category": [["coding": [["system": .string(FHIRCodes.snomed), "code": .string(FHIRCodes.exerciseTherapy),
                                                     "display": "Exercise therapy"]]]],
                           "period": ["start": .string(data.program.weeks.first!.starts.description)],
                           "activity": .array(activities)]
        return r.with("note", .array(notes))
    }
}

extension LocalDateTime {
    /// The FHIR date-time `minutes` after this one, as the clock in the export's zone shows it.
    func addingMinutes(_ minutes: Int, in data: ExportData) -> String {
        let end = data.instant(self).addingTimeInterval(TimeInterval(minutes * 60))
        return FHIRExport.Builder(data: data).dateTime(LocalDateTime(date: CalendarDate(end, timeZone: data.timeZone),
                                                                     time: TimeOfDay(end, timeZone: data.timeZone)))
    }
}
