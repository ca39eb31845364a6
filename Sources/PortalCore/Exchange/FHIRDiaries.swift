import Foundation

/// The bladder diary and the bowel log in FHIR: one Observation per entry, in the style of the warning-sign
/// reports (a survey Observation with a plain `code.text`, no code system claimed where none was found), with
/// the details as components; and the questionnaires she filled in (`FHIRMeasures.swift`).
extension FHIRExport.Builder {
    /// "Bladder diary: leak", when (with its UTC offset), and what she said about it.
    func bladderEvent(_ e: BladderEvent) -> FHIRJSON {
        var components: [FHIRJSON] = []
        if let v = e.volumeML {
            components.append(["code": ["text": "Volume"],
                               "valueQuantity": ["value": .int(v), "unit": "mL", "system": .string(FHIRCodes.ucum), "code": "mL"]])
        }
        if let u = e.urgency { components.append(["code": ["text": "Urgency (0 to 4)"], "valueInteger": .int(u)]) }
        if e.kind == .pee { components.append(["code": ["text": "Woke from sleep"], "valueBoolean": .bool(e.wokeAtNight)]) }
        if let a = e.amount { components.append(["code": ["text": "Amount leaked"], "valueString": .string(a.title)]) }
        if let a = e.activity { components.append(["code": ["text": "Doing at the time"], "valueString": .string(a.title)]) }
        if let k = e.leakKind { components.append(["code": ["text": "Kind of leak"], "valueString": .string(k.rawValue)]) }
        if let d = e.drink { components.append(["code": ["text": "Drink"], "valueString": .string(d.title)]) }
        var o: FHIRJSON = [
            "resourceType": "Observation", "id": .string(data.uuid(e.id.map { "bladder/\($0)" } ?? "bladder/\(e.date)T\(e.time)/\(e.kind.rawValue)")),
            "status": "final",
            "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "survey", "display": "Survey"]]]],
            "code": ["text": .string("Bladder diary: \(e.kind.title.lowercased())")],
            "subject": patientRef,
            "effectiveDateTime": .string(dateTime(LocalDateTime(date: e.date, time: e.time))),
        ]
        if !components.isEmpty { o = o.with("component", .array(components)) }
        if !e.note.isEmpty { o = o.with("note", [["text": .string(e.note)]]) }
        return o
    }

    /// "Bowel log: stool form (Bristol scale)" with the type as its value, and straining, rushing, leaks and pain.
    func bowelEntry(_ e: BowelEntry) -> FHIRJSON {
        var components: [FHIRJSON] = [
            ["code": ["text": "Stool form in words"], "valueString": .string(e.type.words)],
            ["code": ["text": "Strained"], "valueBoolean": .bool(e.straining)],
            ["code": ["text": "Had to rush"], "valueBoolean": .bool(e.urgency)],
        ]
        components += e.leaks.map { ["code": ["text": "Leaked"], "valueString": .string($0.title)] }
        if let p = e.pain { components.append(["code": ["text": "Pain (0 to 10)"], "valueInteger": .int(p)]) }
        var o: FHIRJSON = [
            "resourceType": "Observation", "id": .string(data.uuid(e.id.map { "bowel/\($0)" } ?? "bowel/\(e.date)T\(e.time)")),
            "status": "final",
            "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "survey", "display": "Survey"]]]],
            "code": ["text": "Bowel log: stool form (Bristol scale, 1 to 7)"],
            "subject": patientRef,
            "effectiveDateTime": .string(dateTime(LocalDateTime(date: e.date, time: e.time))),
            "valueInteger": .int(e.type.rawValue),
            "component": .array(components),
        ]
        if !e.note.isEmpty { o = o.with("note", [["text": .string(e.note)]]) }
        return o
    }

    /// Each measure she filled in: its Questionnaire once, then each response and its score, the score's note
    /// giving the change since her first.
    func measureEntries() -> [FHIRJSON] {
        var out: [FHIRJSON] = []
        let responses = data.measureResponses
        for m in data.measures {
            let mine = responses.filter { $0.measureID == m.id }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            guard !mine.isEmpty else { continue }
            out.append(entry(measureQuestionnaire(m)))
            for (i, r) in mine.enumerated() {
                out.append(entry(measureResponse(m, r)))
                out.append(entry(measureScore(m, r, history: Array(mine[...i]))))
            }
        }
        return out
    }
}
