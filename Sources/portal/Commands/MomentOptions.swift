import ArgumentParser
import PortalCore

/// `--date` and `--time`: when something the patient logs happened, shared by `portal log` and `portal signs`.
struct MomentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The day, if not today.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("The time, if not now (24-hour).", valueName: "HH:MM"))
    var time: String?

    /// The day and time given, else now; a past day without a time is taken at noon.
    func moment(_ clock: PortalClock) throws -> (CalendarDate, TimeOfDay) {
        let day = try date.map { try parseDate($0, option: "--date") } ?? clock.today
        guard let time else { return (day, day == clock.today ? clock.time : TimeOfDay(hour: 12, minute: 0)!) }
        guard let t = TimeOfDay(time) else {
            throw PortalError.invalidInput("--time " + TimeOfDay.notATime(time, example: "08:30 or 21:05"))
        }
        return (day, t)
    }
}
