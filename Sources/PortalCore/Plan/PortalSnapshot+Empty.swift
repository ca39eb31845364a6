extension PortalSnapshot {
    /// A snapshot with no record in it, on `clock`'s day: what a therapist's portal holds while no patient's
    /// chart is open.
    public static func empty(clock: PortalClock) -> PortalSnapshot {
        PortalSnapshot(clock: clock, record: .empty)
    }
}
