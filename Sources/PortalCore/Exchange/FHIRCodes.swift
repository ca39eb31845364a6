/// The code systems and codes the FHIR export uses, in one place.
///
/// Body sites are SNOMED CT body structures (International edition). A side is added with SNOMED's own
/// post-coordination, `site:272741003|Laterality|=side`, e.g. `46862004:272741003=24028007` for the right
/// buttock: the form "Using SNOMED CT in HL7 FHIR" describes for a code with a qualifier. The display text
/// (`bodySite.text`) always says the site and side in words, for tools that do not read expressions.
/// Hip front and side share "Hip region structure"; the C-section scar is coded as the lower abdomen,
/// where the scar lies, and its text says it is the scar.
public enum FHIRCodes {
    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    /// LOINC 72514-3: Pain severity - 0-10 verbal numeric rating [Score] - Reported.
    public static let painScore = "72514-3"
    public static let painScoreDisplay = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
    /// SNOMED CT 272741003 |Laterality (attribute)|.
    public static let lateralityAttribute = "272741003"
    /// SNOMED CT 229065009 |Exercise therapy (regime/therapy)|.
    public static let exerciseTherapy = "229065009"

    /// SNOMED CT code and display for each pain site.
    public static func bodySite(_ site: PainSite) -> (code: String, display: String) {
        switch site {
        case .hipFront, .hipSide: return ("29836001", "Hip region structure")
        case .buttock: return ("46862004", "Buttock structure")
        case .lowBack: return ("37822005", "Lower back structure")
        case .siJoint: return ("39723000", "Sacroiliac joint structure")
        case .pubicBone: return ("66040006", "Bone structure of pubis")
        case .groin: return ("26893007", "Inguinal region structure")
        case .pelvicFloor: return ("87770006", "Pelvic floor structure")
        case .lowerAbdomen, .scar: return ("27033000", "Lower abdomen structure")
        case .thigh: return ("68367000", "Thigh structure")
        }
    }

    /// SNOMED CT qualifier for a side: 7771000 |Left|, 24028007 |Right|, 51440002 |Right and left|.
    public static func laterality(_ side: BodySide) -> String? {
        switch side {
        case .left: return "7771000"
        case .right: return "24028007"
        case .both: return "51440002"
        case .unspecified: return nil
        }
    }

    /// FHIR Appointment.status for a visit: the truth, never a visit booked that is not.
    public static func appointmentStatus(_ status: VisitStatus) -> String {
        switch status {
        case .toSchedule: return "proposed"
        case .booked: return "booked"
        case .completed: return "fulfilled"
        case .cancelled: return "cancelled"
        case .missed: return "noshow"
        }
    }
}
