import Foundation
import PortalCore

/// A therapist's way to her caseload in the clinic database, for the full-screen portal: one connection as her
/// login, the caseload read by the rule `portal clinic patients` prints by (`PostgresStore.caseload`), and each
/// chart opened as `--patient` opens it. The database decides whom she may read.
public final class ClinicDesk: TherapistDesk, @unchecked Sendable {
    public let login: String
    private let connection: PGConnection
    private let content: ContentLibrary

    /// The desk for the login of `conninfo` when it is a therapist's (`PostgresStore.therapistLogin`); nil for
    /// a patient's or any other login, which opens as before. Used only from the runtime's worker, one call at
    /// a time, once the portal runs.
    public static func open(_ conninfo: String, limits: PGConnection.Limits, content: ContentLibrary) throws -> ClinicDesk? {
        let connection = try PGConnection(conninfo, limits: limits)
        guard let login = try? PostgresStore.therapistLogin(connection) else { return nil }
        // Open, the portal waits for a clinic server that goes away as long as it is open (as a patient's does).
        connection.limits.waitSeconds = nil
        return ClinicDesk(login: login, connection: connection, content: content)
    }

    private init(login: String, connection: PGConnection, content: ContentLibrary) {
        self.login = login
        self.connection = connection
        self.content = content
    }

    public func caseload(clock: PortalClock) throws -> [CaseloadRow] {
        try PostgresStore.caseload(connection, clock: clock, content: content)
    }

    public func changeToken() throws -> Int64? {
        try PostgresStore.caseloadToken(connection)
    }

    public func chart(_ login: String) throws -> any RecordStore {
        try PostgresStore(connection: connection, patient: login)
    }
}
