import Foundation

/// How a reminder reaches her: the seam `portal remind now` gives reminders through, so the tests can put a
/// fake in its place (or a fake `notify-send` on PATH) and never touch a real desktop.
public protocol ReminderDelivering: Sendable {
    func deliver(_ reminder: Reminder) -> ReminderDelivery.Outcome
}

/// A desktop notification through `notify-send` (Debian's libnotify-bin), when a desktop session is there.
/// Without one (a cron job, an ssh login, a console), the reminder waits for her next brief line or
/// full-screen start; when `notify-send` is missing or fails, the outcome says why, so Home can say it once.
public struct NotifySend: ReminderDelivering {
    /// The environment of `portal remind now`: its PATH finds `notify-send`, its DISPLAY or WAYLAND_DISPLAY
    /// says a desktop session is there (a graphical session hands them to the user's systemd manager, so
    /// the timer's service has them; cron never does).
    public let environment: [String: String]
    /// The longest `notify-send` may take: a session bus that never answers must not hold the timer.
    public var timeoutSeconds: Double = 10

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public var hasDesktopSession: Bool {
        ["WAYLAND_DISPLAY", "DISPLAY"].contains { !(environment[$0] ?? "").isEmpty }
    }

    /// The arguments of one notification. `--` ends the options, so a title can never be read as one.
    public static func arguments(_ reminder: Reminder) -> [String] {
        ["--app-name=Portal", "--urgency=normal", "--", reminder.title, markupEscaped(reminder.body)]
    }

    public func deliver(_ reminder: Reminder) -> ReminderDelivery.Outcome {
        guard hasDesktopSession else { return .waiting }
        guard let program = SearchPath.find("notify-send", in: environment["PATH"]) else {
            return .failed("notify-send is not installed (Debian's libnotify-bin package has it)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = Self.arguments(reminder)
        p.environment = environment
        let err = Pipe()
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        let finished = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in finished.signal() }
        do { try p.run() } catch {
            return .failed("notify-send could not be started (\(error.localizedDescription))")
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            p.terminate()
            return .failed("notify-send did not answer within \(String(format: "%g", timeoutSeconds)) seconds")
        }
        p.waitUntilExit()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard p.terminationStatus == 0 else {
            let first = said.split(separator: "\n").first.map { PlainText.removingControls(String($0)) } ?? ""
            return .failed("notify-send failed (exit status \(p.terminationStatus)\(first.isEmpty ? "" : ": \(first)"))")
        }
        return .notified
    }

    /// Notification servers read `&`, `<` and `>` in a body as markup: a place named "A & B" stays text.
    static func markupEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
