import Foundation

extension FHIRCodes {
    /// The portal's own code system for a measure and its score, used where LOINC has no code (none of the
    /// shipped measures has one: shared/MEASURES.md). `.invalid` is reserved (RFC 2606), so the address is
    /// plainly local and can never be someone else's system.
    public static let portalMeasure = "http://portal.invalid/fhir/CodeSystem/measure"
    /// The answers of one scale of one measure: `…/measure/rmdq/tick`, codes its values ("0", "1").
    public static func portalAnswers(_ measure: Measure, scale: String) -> String { "\(portalMeasure)/\(measure.id)/\(scale)" }
    /// Coding.extension for an answer's score (FHIR R4 core extension).
    public static let ordinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
    public static let ucum = "http://unitsofmeasure.org"
}

/// An outcome measure in FHIR, on the pattern of shared/MEASURES.md §5: the Questionnaire holds the items and
/// its total-score item; each filled-in measure is a QuestionnaireResponse; the score is an Observation coded
/// like the total-score item, `derivedFrom` the response. LOINC codes where they exist, the portal's local
/// code system otherwise.
extension FHIRExport.Builder {
    func measureQuestionnaireURL(_ m: Measure) -> String { "urn:uuid:" + data.uuid("questionnaire/\(m.id)") }

    /// The code of the measure itself (the Questionnaire) and of its total score (the Observation).
    func measureCode(_ m: Measure) -> FHIRJSON {
        if let panel = m.codes.loincPanel {
            return ["system": .string(FHIRCodes.loinc), "code": .string(panel), "display": .string(m.title)]
        }
        return ["system": .string(FHIRCodes.portalMeasure), "code": .string(m.id), "display": .string(m.title)]
    }

    func measureScoreCode(_ m: Measure) -> FHIRJSON {
        if let score = m.codes.loincScore {
            return ["system": .string(FHIRCodes.loinc), "code": .string(score), "display": .string("\(m.title) total score")]
        }
        return ["system": .string(FHIRCodes.portalMeasure), "code": .string("\(m.id)-total"), "display": .string("\(m.title) total score")]
    }

    /// A score as a FHIR number with the measure's decimals: an integer when it has none.
    func measureValue(_ m: Measure, _ value: Double) -> FHIRJSON {
        m.scoring.decimals == 0 ? .int(Int(m.rounded(value))) : .decimal(m.format(value))
    }

    /// "PatientSpecificFunctionalScale": the title as FHIR's computable name (a capital, then letters and digits).
    static func computableName(_ title: String) -> String {
        let words = title.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    func answerCoding(_ m: Measure, scale name: String, _ option: Measure.Scale.Option) -> FHIRJSON {
        ["system": .string(FHIRCodes.portalAnswers(m, scale: name)), "code": .string(String(option.value)), "display": .string(option.label),
         "extension": [["url": .string(FHIRCodes.ordinalValue), "valueDecimal": .decimal(String(option.value))]]]
    }

    /// The measure as a Questionnaire: its items (each a choice among its scale's answers, the published
    /// wording as `text`), or for an activity measure a repeating group of a name and a rating; then the
    /// total-score item, read-only and coded as the score Observation is. The licence goes in `copyright`.
    func measureQuestionnaire(_ m: Measure) -> FHIRJSON {
        var items: [FHIRJSON]
        switch m.kind {
        case .items:
            items = m.items.map { item in
                let options = m.scales[item.scale]?.options ?? []
                return ["linkId": .string(item.id), "text": .string(item.text), "type": "choice", "required": true,
                        "answerOption": .array(options.map { ["valueCoding": answerCoding(m, scale: item.scale, $0)] })]
            }
        case .activities:
            let a = m.activities!
            items = [["linkId": "activity", "text": "An activity you are unable to do or having difficulty with", "type": "group",
                      "repeats": true, "required": true,
                      "item": [["linkId": "activity.name", "text": "Activity", "type": "string", "required": true, "maxLength": .int(a.textLimit)],
                               ["linkId": "activity.rating", "type": "integer", "required": true,
                                "text": .string("\(a.from) = \(a.lowLabel); \(a.to) = \(a.highLabel)")]]]]
        }
        items.append(["linkId": "total-score", "text": "Total score", "type": m.scoring.decimals == 0 ? "integer" : "decimal",
                      "readOnly": true, "code": [measureScoreCode(m)]])
        var r: FHIRJSON = ["resourceType": "Questionnaire", "id": .string(data.uuid("questionnaire/\(m.id)")),
                           "url": .string(measureQuestionnaireURL(m)), "name": .string(Self.computableName(m.title)),
                           "title": .string(m.title), "status": "active", "subjectType": ["Patient"],
                           "code": [measureCode(m)], "description": .string(m.intro), "item": .array(items)]
        let copyright = [m.licence.copyright, m.licence.text].compactMap { $0 }.joined(separator: " ")
        r = r.with("copyright", .string(copyright))
        return r
    }

    /// Her answers: each item's chosen answer, or each activity with its rating, and the total score.
    func measureResponse(_ m: Measure, _ response: MeasureResponse) -> FHIRJSON {
        var items: [FHIRJSON]
        switch m.kind {
        case .items:
            items = m.items.compactMap { item in
                guard let value = response.answers[item.id], let option = m.scales[item.scale]?.option(value) else { return nil }
                return ["linkId": .string(item.id), "text": .string(item.text),
                        "answer": [["valueCoding": answerCoding(m, scale: item.scale, option)]]]
            }
        case .activities:
            items = response.activities.map { a in
                ["linkId": "activity", "item": [["linkId": "activity.name", "answer": [["valueString": .string(a.text)]]],
                                                ["linkId": "activity.rating", "answer": [["valueInteger": .int(a.score)]]]]]
            }
        }
        let total = m.score(response).total
        items.append(["linkId": "total-score", "text": "Total score",
                      "answer": [[m.scoring.decimals == 0 ? "valueInteger" : "valueDecimal": measureValue(m, total)]]])
        return ["resourceType": "QuestionnaireResponse", "id": .string(measureResponseID(m, response)),
                "questionnaire": .string(measureQuestionnaireURL(m)), "status": "completed", "subject": patientRef,
                "authored": .string(response.date.description), "item": .array(items)]
    }

    func measureResponseID(_ m: Measure, _ r: MeasureResponse) -> String {
        data.uuid(r.id.map { "measure/\(m.id)/\($0)" } ?? "measure/\(m.id)/\(r.date)")
    }

    /// The score as an Observation derived from the response: the total (an integer, or a quantity in
    /// `{score}` for a mean), each subscale as a component, and, after the first time, the change since the
    /// first in words (`note`), the same sentence the portal shows her. `history`: her responses to `m` up to and
    /// including this one, oldest first, as the screen, the report and the CSV read the change from them (the
    /// PSFS compares each activity with its own first rating).
    func measureScore(_ m: Measure, _ response: MeasureResponse, history: [MeasureResponse] = []) -> FHIRJSON {
        let s = m.score(response)
        let id = data.uuid(response.id.map { "measure-score/\(m.id)/\($0)" } ?? "measure-score/\(m.id)/\(response.date)")
        var r: FHIRJSON = [
            "resourceType": "Observation", "id": .string(id), "status": "final",
            "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "survey", "display": "Survey"]]]],
            "code": ["coding": [measureScoreCode(m)], "text": .string("\(m.title): total score")],
            "subject": patientRef, "effectiveDateTime": .string(response.date.description),
            "derivedFrom": [["reference": .string("urn:uuid:" + measureResponseID(m, response))]],
        ]
        if m.scoring.decimals == 0 {
            r = r.with("valueInteger", measureValue(m, s.total))
        } else {
            r = r.with("valueQuantity", ["value": measureValue(m, s.total), "unit": "score", "system": .string(FHIRCodes.ucum), "code": "{score}"])
        }
        let components: [FHIRJSON] = m.subscales.map { sub in
            ["code": ["text": .string(sub.title)], "valueInteger": .int(Int(s.subscales[sub.id] ?? 0))]
        }
        r = r.with("component", .array(components))
        if history.count > 1, let change = m.change(history) {
            r = r.with("note", [["text": .string(change.sentence)]])
        }
        return r
    }
}
