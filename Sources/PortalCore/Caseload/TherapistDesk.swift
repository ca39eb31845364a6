/// A therapist's way to her patients in a clinic database: her caseload by the one rule (`CaseloadRow`), and
/// the record of one patient of it. The database decides what her login may read (row-level security).
public protocol TherapistDesk: Sendable {
    /// Her database login.
    var login: String { get }
    func caseload(clock: PortalClock) throws -> [CaseloadRow]
    /// A number that changes whenever her caseload may have (someone wrote to a patient's record); nil when the
    /// desk cannot tell, and the caseload is then read again every `Runtime.reloadSeconds`.
    func changeToken() throws -> Int64?
    /// The record of the patient `login`, read and written as her therapist.
    func chart(_ login: String) throws -> any RecordStore
}

extension TherapistDesk {
    public func changeToken() throws -> Int64? { nil }
}
