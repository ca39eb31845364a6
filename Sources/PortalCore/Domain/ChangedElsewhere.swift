/// QA H6: a form saves only over the row it was opened on. Her details or a pain entry changed in another
/// session (her phone and her laptop, two windows) since the form read them are never written over in silence:
/// the store refuses the save, nothing written, in words that say what they say now, and the form keeps what she
/// typed for her to save over them or leave.
extension Patient {
    /// How a refusal of a change of her details begins; the form knows the refusal by it.
    public static let changedElsewhere = "Your details were changed in another session since you opened this form"

    /// Why a change of her details was not saved: `self`, her details as stored now, are not `opened`, what the
    /// form was opened on. Names what differs, as it reads now.
    public func changedMeanwhile(since opened: Patient) -> String {
        let now = differences(from: opened)
        return Self.changedElsewhere + "; here is what they say now: " + (now.isEmpty ? "the same as your form" : now.joined(separator: "; ")) + ". Nothing was saved."
    }

    /// Her details where they differ from `other`, in words, in the form's order.
    func differences(from other: Patient) -> [String] {
        var said: [String] = []
        if name != other.name { said.append("name " + PlainText.quoted(PlainText.oneLine(name))) }
        if stage != other.stage {
            switch stage {
            case .pregnant(let due): said.append("pregnant, due \(due.shortText) \(due.year)")
            case .postpartum(let birth, let delivery):
                said.append("baby born \(birth.shortText) \(birth.year) (\(delivery == .cesarean ? "C-section" : "vaginal birth"))")
            }
        }
        if conditions != other.conditions {
            said.append(conditions.isEmpty ? "no conditions" : "conditions: " + conditions.map(\.title).joined(separator: ", "))
        }
        if therapist != other.therapist { said.append(therapist.isEmpty ? "no therapist" : "therapist " + PlainText.quoted(PlainText.oneLine(therapist))) }
        if clinic != other.clinic { said.append(clinic.isEmpty ? "no clinic" : "clinic " + PlainText.quoted(PlainText.oneLine(clinic))) }
        return said
    }
}

extension Patient {
    /// Why her therapist's name was not changed in a clinic: it is the one the clinic keeps (change 26, QA H10),
    /// `name` (empty: none yet).
    public static func therapistIsTheClinics(_ name: String) -> String {
        let named = name.isEmpty ? "" : " (\(PlainText.quoted(PlainText.oneLine(name))))"
        return "In a clinic your therapist's name is the one your clinic keeps\(named); nothing was changed."
    }
}

extension PainEntry {
    /// How a refusal of a change of a pain entry begins; the form knows the refusal by it.
    public static let changedElsewhere = "This pain entry was changed in another session since you opened it"

    /// Why a change of this entry was not saved: `self`, the entry as stored now, is not `opened`, what the form
    /// was opened on. Names what differs, as it reads now.
    public func changedMeanwhile(since opened: PainEntry) -> String {
        var said: [String] = []
        if score != opened.score { said.append("pain \(score)/10") }
        if date != opened.date || time != opened.time { said.append("at \(time), \(date.shortText)") }
        if sites != opened.sites { said.append(sites.isEmpty ? "no place named" : "where: " + sites.map(\.title).joined(separator: ", ")) }
        if triggers != opened.triggers { said.append(triggers.isEmpty ? "nothing made it worse" : "worse with: " + triggers.map(\.title).joined(separator: ", ")) }
        if note != opened.note { said.append(note.isEmpty ? "no note" : "note " + PlainText.quoted(PlainText.oneLine(note))) }
        if warningSigns != opened.warningSigns { said.append(warningSigns.isEmpty ? "no warning signs" : "warning signs reported") }
        return Self.changedElsewhere + "; here is what it says now: " + (said.isEmpty ? "the same as your form" : said.joined(separator: "; ")) + ". Nothing was saved."
    }
}
