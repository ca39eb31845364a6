import PortalCore

/// Counts an exercise through: get ready, holds (or paced reps), releases, rests between sets and the
/// switch to the other side, with a bell at each change. When it is finished, Enter marks it done.
///
///     Clamshell · 2 × 12, each side
///
///                      Hold (left side)
///                         ██████ ██████
///                         ██  ██     ██
///                         ...
///                  Set 1 of 2 · Rep 4 of 12
///     ████████████████████▌               3 s left
public struct TimerScreen: PortalScreen {
    public var exerciseID: String
    public var timer: ExerciseTimer

    public init(exerciseID: String, dose: Dose) {
        self.exerciseID = exerciseID
        self.timer = ExerciseTimer(dose: dose)
    }

    public var title: String { "Timer" }

    /// Whether Enter at the end should mark the exercise done: it is in today's program and not fully done.
    func canMarkDone(_ ctx: ScreenContext) -> Bool {
        guard ctx.may(.exerciseLog), let p = ctx.currentPrescription(exerciseID) else { return false }
        // One her stage holds back today is not marked done (`PrescriptionHolds.refusal`, QA J4).
        return !ctx.snapshot.log.isDone(p, on: ctx.today) && !ctx.snapshot.holds.isHeld(p, on: ctx.today)
    }

    /// True while a sign that means stopping exercise is recent and the timer has not finished: it stands still,
    /// paused, and nothing resumes it until the sign is no longer said (QA I15).
    func isStopped(_ ctx: ScreenContext) -> Bool { timer.phase != .finished && ctx.exerciseStopped }

    /// What the timer says where "Paused" goes while it is stopped, under the banner that says why.
    static let stoppedText = "Stopped: \(SafetyRules.exerciseStoppedReason)."

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<TimerScreen> {
        let running = timer.phase != .finished, stopped = isStopped(ctx)
        let canMark = canMarkDone(ctx)
        return KeyTable([
            KeyBinding([.character(" ")], KeyHint("Space", timer.isPaused ? "resume" : "pause"), active: running && !stopped) { $0.timer.togglePause() },
            KeyBinding([.character("n")], KeyHint("n", "next step"), active: running && !stopped) { $0.timer.skip() },
            // Esc is the app's "back"; listed here because on this screen it stops the timer.
            KeyBinding([.escape], KeyHint("Esc", "stop"), active: running) { _, _, _ in .unhandled },
            KeyBinding([.enter], KeyHint("Enter", canMark ? "mark done" : "back"), active: !running) { s, _, ctx in
                guard s.canMarkDone(ctx) else { return .pop }
                return Reaction(.pop, effects: [.markDone(exerciseID: s.exerciseID, date: ctx.today)])
            },
            KeyBinding([.escape], KeyHint("Esc", "back"), active: !running && canMark) { _, _, _ in .unhandled },
        ])
    }

    public mutating func tick(_ seconds: Double, _ ctx: ScreenContext) -> [Effect] {
        // A stop sign reported while it counts (or before it opened): it pauses, and counts no further.
        if isStopped(ctx) {
            if !timer.isPaused { timer.togglePause() }
            return []
        }
        return timer.advance(by: seconds) ? [.bell] : []
    }

    /// The countdown moves while the timer runs; paused or finished, nothing does.
    public var ticksQuickly: Bool { timer.phase != .finished && !timer.isPaused }

    // MARK: - View

    /// The countdown as the big digits show it: "45", or "1:30" from a minute up.
    static func countdown(_ seconds: Int) -> String {
        seconds >= 60 ? "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)" : "\(seconds)"
    }

    /// "Set 1 of 3 · Rep 4 of 10", with the side when there are two.
    func progressText() -> String {
        let d = timer.dose
        var parts = ["Set \(timer.set) of \(d.sets)", "Rep \(timer.rep) of \(d.reps)"]
        if timer.sides == 2 { parts.append("side \(timer.sideIndex) of 2") }
        return parts.joined(separator: " · ")
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        guard !area.isEmpty else { return }
        let area = ctx.drawExerciseStop(into: &buffer, area: area)
        drawLine(ctx.exerciseName(exerciseID) + " · " + timer.dose.summary, style: .bold, centred: false, y: area.y, area: area,
                 into: &buffer, glyphs: g)
        let rest = area.inset(top: 2, left: 0, bottom: 0, right: 0)
        guard !rest.isEmpty else { return }

        if timer.phase == .finished {
            let rows: [(String, Style)] = [
                (timer.instruction, Style.good.with(bold: true)),
                ("", .plain),
                (progressDoneText(), .plain),
                ("", .plain),
                (canMarkDone(ctx) ? "Press Enter to mark it done." : "Press Enter to go back.", .bold),
            ]
            var y = rest.y + max(0, (rest.height - rows.count) / 2)
            for row in rows {
                drawLine(row.0, style: row.1, centred: true, y: y, area: rest, into: &buffer, glyphs: g)
                y += 1
            }
            return
        }

        // The instruction, the big countdown when there is room, set and rep, the bar, and "Paused".
        let digits = BigDigits(Self.countdown(timer.secondsLeft), glyphs: g)
        let stopped = isStopped(ctx)
        let small = 1 + 1 + 1 + 1 + (timer.isPaused || stopped ? 2 : 0)
        let big = digits.width <= rest.width && small + 1 + BigDigits.height <= rest.height
        let height = small + (big ? 1 + BigDigits.height : 0)
        var y = rest.y + max(0, (rest.height - height) / 2)
        drawLine(timer.instruction, style: .title, centred: true, y: y, area: rest, into: &buffer, glyphs: g)
        y += 1
        if big {
            y += 1
            digits.draw(into: &buffer, x: rest.x + (rest.width - digits.width) / 2, y: y, clip: rest, style: .title)
            y += BigDigits.height
        }
        y += 1
        drawLine(progressText(), style: .plain, centred: true, y: y, area: rest, into: &buffer, glyphs: g)
        y += 1
        drawBar(y: y, area: rest, into: &buffer, glyphs: g)
        if stopped {
            // Said whole: wrapped over the rows under the bar (at 60 columns it was cut before "exercise").
            for (i, line) in wrappedRows(Self.stoppedText, width: rest.width - 2, maxRows: max(1, rest.maxY - (y + 2)), glyphs: g).enumerated() {
                drawLine(line, style: .warning, centred: true, y: y + 2 + i, area: rest, into: &buffer, glyphs: g)
            }
        } else if timer.isPaused {
            drawLine("Paused. Press Space to go on.", style: .warning, centred: true, y: y + 2, area: rest, into: &buffer, glyphs: g)
        }
    }

    /// How much of this step has passed, on a track so the length is clear, and in words how much is left:
    /// `██████▌────────── 3 s left`.
    private func drawBar(y: Int, area: Rect, into buffer: inout Buffer, glyphs g: Glyphs) {
        guard y >= area.y, y < area.maxY else { return }
        let left = "\(timer.secondsLeft) s left"
        let width = min(area.width, 50)
        let track = width - DisplayWidth.of(left) - 1
        let x = area.x + (area.width - width) / 2
        guard track >= 4 else {
            drawLine(left, style: .plain, centred: true, y: y, area: area, into: &buffer, glyphs: g)
            return
        }
        let filled = BarChart(bars: [], glyphs: g).barText(timer.phaseProgress, width: track)
        let end = buffer.write(filled, x: x, y: y, style: .accent, clip: area)
        if end < x + track {
            buffer.write(String(repeating: g.horizontal, count: x + track - end), x: end, y: y, style: .muted, clip: area)
        }
        buffer.write(left, x: x + track + 1, y: y, style: .plain, clip: area)
    }

    private func progressDoneText() -> String {
        let d = timer.dose
        let sides = timer.sides == 2 ? " on each side" : ""
        return "\(d.sets) set\(d.sets == 1 ? "" : "s") of \(d.reps)\(sides)."
    }

    private func drawLine(_ text: String, style: Style, centred: Bool, y: Int, area: Rect, into buffer: inout Buffer, glyphs: Glyphs) {
        guard y >= area.y, y < area.maxY else { return }
        let cut = DisplayWidth.truncate(text, to: area.width, ellipsis: glyphs.ellipsis)
        let x = centred ? area.x + (area.width - DisplayWidth.of(cut)) / 2 : area.x
        buffer.write(cut, x: x, y: y, style: style, clip: area)
    }
}

/// Digits five rows high drawn with the bar glyph (█ or #), each pixel two cells wide so they look square.
struct BigDigits {
    static let height = 5
    private static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "],
    ]

    let text: String
    let glyphs: Glyphs

    init(_ text: String, glyphs: Glyphs) {
        self.text = text
        self.glyphs = glyphs
    }

    private var glyphRows: [[String]] { text.compactMap { Self.font[$0] } }

    /// Cells across: two per pixel, one blank column between characters.
    var width: Int {
        let chars = glyphRows
        return chars.reduce(0) { $0 + $1[0].count * 2 } + max(0, chars.count - 1) * 2
    }

    /// The rows as text, for tests and for drawing.
    var rows: [String] {
        (0..<Self.height).map { r in
            glyphRows.map { ch in
                ch[r].map { $0 == "#" ? glyphs.barFull + glyphs.barFull : "  " }.joined()
            }.joined(separator: "  ")
        }
    }

    func draw(into buffer: inout Buffer, x: Int, y: Int, clip: Rect, style: Style) {
        for (i, row) in rows.enumerated() {
            // Write pixel by pixel so blank pixels leave what is underneath alone.
            var col = x
            for ch in row {
                if ch != " " { buffer.write(String(ch), x: col, y: y + i, style: style, clip: clip) }
                col += 1
            }
        }
    }
}
