/// A therapist's way to her patients in a clinic database: her caseload by the one rule (`CaseloadRow`), and
/// the record of one patient of it. The database decides what her login may read (row-level security).
public protocol TherapistDesk: Sendable {
    /// Her database login.
    var login: String { get }
    func caseload(clock: PortalClock) throws -> [CaseloadRow]
    /// The record of the patient `login`, read and written as her therapist.
    func chart(_ login: String) throws -> any RecordStore
}
