/// Warning signs are about now (QA M2). The pain form asks "Do you have any of these today?", and `portal log
/// --sign` takes "a warning sign you have now". Ticked with an entry for an earlier day, they were kept on that
/// day's entry, and everything that holds a sign's message up goes by the day a sign is dated (today and
/// yesterday, `SafetyRules.isRecent`): Home's banner, the brief line and the stop on exercise never showed
/// them, "call 911" included. What she has now is reported for now, as a report of its own
/// (`SignReport`), and the entry keeps its day without them. The one rule for the form and the command.
extension PainEntry {
    /// This entry with the signs she has now taken out when it is for an earlier day than `now`'s, and those
    /// signs as a report at `now` (nil when there are none, or the entry is for today). `stored`: the entry as
    /// saved before, when she changes it: the signs it already had stay on it (they were reported with it).
    public func signsHadNow(at now: LocalDateTime, stored: PainEntry? = nil) -> (entry: PainEntry, signs: SignReport?) {
        let already = stored?.warningSigns ?? []
        let new = warningSigns.filter { !already.contains($0) }
        guard date < now.date, !new.isEmpty else { return (self, nil) }
        var entry = self
        entry.warningSigns = warningSigns.filter { already.contains($0) }
        let report = SignReport(date: now.date, time: now.time, signs: new,
                                note: "Ticked with the pain entry for \(date.shortText) at \(time).")
        return (entry, report)
    }
}
