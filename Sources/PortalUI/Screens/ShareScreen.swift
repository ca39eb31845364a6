import Foundation
import PortalCore

/// What the Share screen asks the runtime to write: a format, the parts chosen, a file name in the home
/// folder, and whether an existing file of that name may be replaced.
public struct ShareRequest: Sendable, Hashable {
    public var format: ShareFormat
    public var sections: Set<ExportSection>
    public var fileName: String
    public var overwrite: Bool
    /// Sent to her therapist (kept in her record, in a clinic) rather than written to a file.
    public var toTherapist: Bool

    public init(format: ShareFormat, sections: Set<ExportSection>, fileName: String, overwrite: Bool, toTherapist: Bool = false) {
        self.format = format
        self.sections = sections
        self.fileName = fileName
        self.overwrite = overwrite
        self.toTherapist = toTherapist
    }
}

/// Share with the therapist: choose the kind of file and what goes in it, see what the file will hold,
/// write it to the home folder (private, 0600; an existing file is replaced only with `o`). Where it went is
/// said once, by the app's "Written to …" line above the key hints, not again on the screen.
///
/// In a clinic (`PortalSnapshot.sendsToTherapist`) Share is "send to my therapist": Enter keeps the file's
/// text in her record for her therapist, who sees it on her caseload. A file is offered there only where the
/// clinic set a share folder (`ScreenContext.shareFolder`), with `w`, and the screen names its real path.
public struct ShareScreen: PortalScreen {
    /// 0 is the format row, 1… the parts.
    public internal(set) var row = 0
    public internal(set) var format: ShareFormat = .reportHTML
    public internal(set) var sections = Set(ExportSection.allCases)
    public init() {}

    public var title: String { "Share with your therapist" }
    /// A choice and a paragraph to read: kept to a readable measure in a wide window.
    public var isReading: Bool { true }

    static let parts = ExportSection.allCases

    /// The parts that will be in the file: chosen, and possible in this format.
    var effectiveSections: Set<ExportSection> { sections.intersection(format.possibleSections) }

    func request(_ ctx: ScreenContext, overwrite: Bool, toTherapist: Bool = false) -> ShareRequest {
        ShareRequest(format: format, sections: effectiveSections, fileName: format.fileName(on: ctx.today), overwrite: overwrite,
                     toTherapist: toTherapist)
    }

    /// Where a file goes: her home folder on her own portal (`~/`), the clinic's share folder by its real
    /// path in a clinic; nil when a clinic set none (no file is offered then).
    static func fileFolder(_ ctx: ScreenContext) -> String? {
        guard ctx.snapshot.sendsToTherapist else { return "~" }
        return ctx.shareFolder
    }

    /// Where it goes, wrapped to `width`: to her therapist (a clinic), and the file by its path, when one is
    /// offered ("~/…" on her own portal, the clinic's share folder by its real path).
    public static func whereTo(_ ctx: ScreenContext, format: ShareFormat = .reportHTML, width: Int) -> [String] {
        let name = format.fileName(on: ctx.today)
        var lines: [String] = []
        if ctx.snapshot.sendsToTherapist { lines.append("Enter sends it to your therapist: it is kept in your record for her.") }
        if let folder = fileFolder(ctx) {
            let path = folder == "~" ? "~/\(name)" : URL(fileURLWithPath: folder).appendingPathComponent(name).path
            lines.append((ctx.snapshot.sendsToTherapist ? "w writes a file: " : "File: ") + "\(path) (readable by you only)")
        }
        return lines.flatMap { Paragraph.lines($0, width: width) }
    }

    public func keyTable(_ ctx: ScreenContext) -> KeyTable<ShareScreen> {
        let sends = ctx.snapshot.sendsToTherapist
        let files = Self.fileFolder(ctx) != nil
        return KeyTable([
            KeyBinding([.enter], KeyHint("Enter", sends ? "send to my therapist" : "write the file")) { s, _, ctx in
                .effects(.share(s.request(ctx, overwrite: false, toTherapist: ctx.snapshot.sendsToTherapist)))
            },
            KeyBinding([.character("w")], KeyHint("w", "write a file too"), active: sends && files) { s, _, ctx in
                guard ctx.snapshot.sendsToTherapist, Self.fileFolder(ctx) != nil else { return .unhandled }
                return .effects(.share(s.request(ctx, overwrite: false)))
            },
            KeyBinding([.up, .character("k"), .down, .character("j")], .move(ctx.glyphs)) { s, key, _ in
                s.row = key == .up || key == .character("k") ? max(0, s.row - 1) : min(Self.parts.count, s.row + 1)
                return .stay
            },
            KeyBinding([.left, .right], KeyHint(ctx.glyphs.leftRightKeys, "format"), footer: false, active: row == 0) { s, key, _ in
                s.cycle(key == .left ? -1 : 1)
                return .stay
            },
            KeyBinding([.character(" ")], KeyHint("Space", row == 0 ? "next format" : "tick")) { s in
                if s.row == 0 { s.cycle(1) } else {
                    let part = Self.parts[s.row - 1]
                    if s.sections.contains(part) { s.sections.remove(part) } else { s.sections.insert(part) }
                }
            },
            KeyBinding([.character("o")], KeyHint("o", "replace a file of that name"), active: files) { s, _, ctx in
                guard Self.fileFolder(ctx) != nil else { return .unhandled }
                return .effects(.share(s.request(ctx, overwrite: true)))
            },
        ])
    }

    mutating func cycle(_ by: Int) {
        let all = ShareFormat.allCases
        let i = all.firstIndex(of: format)!
        format = all[(i + by + all.count) % all.count]
    }

    public func view(_ ctx: ScreenContext, into buffer: inout Buffer, area: Rect) {
        let g = ctx.glyphs
        let marker = { (r: Int) in r == self.row ? g.selectionMarker + " " : "  " }
        var choice: [(String, Style)] = [(marker(0) + "Format: \(g.left) \(format.title) \(g.right)", row == 0 ? .selected : .bold)]
        let heading = ("What goes in:", Style.dim)
        for (i, part) in Self.parts.enumerated() {
            let possible = format.possibleSections.contains(part)
            let box = sections.contains(part) && possible ? g.checkboxOn : g.checkboxOff
            let note = possible ? "" : " (not in this kind of file)"
            choice.append((marker(i + 1) + box + " " + part.title + note, row == i + 1 ? .selected : (possible ? .plain : .dim)))
        }
        // Where the file goes, whole: wrapped rather than cut in a narrow window.
        let file = Self.whereTo(ctx, format: format, width: max(20, area.width)).map { ($0, Style.plain) }
        // The room left under the format, the parts and the file (the heading gives way first).
        // When the parts leave too little, the preview may take what leaves three of them (shown as a window
        // around the selected one, below): every part left out is always named.
        let room = max(area.height - choice.count - file.count, area.height - 1 - min(3, choice.count - 1) - file.count)
        let preview = Self.preview(ctx, format: format, sections: effectiveSections, width: area.width, height: room,
                                   ellipsis: g.ellipsis).map { ($0, Style.plain) }
        // On a small window the preview matters more than the spacing around it, and then more than the heading
        // over the parts (their boxes say what they are).
        var rows = choice.count + 1 + file.count + preview.count
        let roomy = area.height >= 20 && rows + 1 <= area.height
        if roomy { rows += 1 }
        // Then, when even that is not enough, the parts show a window around the selected one (at least three),
        // so the preview is never cut.
        var parts = Array(choice.dropFirst())
        let partsRoom = max(3, area.height - 1 - file.count - preview.count)
        if parts.count > partsRoom {
            // A window of the parts, and one line that says how many more there are, and where (QA-i I6: the
            // parts below the window were hidden without a word).
            let shown = max(2, partsRoom - 1)
            let start = min(max(0, row - 1 - shown / 2), parts.count - shown)
            let above = start, below = parts.count - start - shown
            let mark = [above > 0 ? "\(g.up) \(above) more above" : nil, below > 0 ? "\(g.down) \(below) more below" : nil]
                .compactMap { $0 }.joined(separator: "  ")
            parts = Array(parts[start..<(start + shown)]) + [("  " + mark, Style.dim)]
        }
        var lines = [choice[0]] + (rows > area.height ? [] : [heading]) + parts + file
        if roomy { lines.append(("", .plain)) }
        lines += preview
        for (i, line) in lines.prefix(area.height).enumerated() {
            _ = buffer.write(line.0, x: area.x, y: area.y + i, style: line.1, clip: area)
        }
    }

    /// What the file will hold, in words, from what the portal has loaded, wrapped to `width`, and what is left
    /// out. In `height` lines at most: when the two do not fit as two paragraphs they run on as one, and when
    /// that is still too long what the file holds is cut (with an ellipsis, the ticked boxes above say the
    /// rest) so that every part left out is still named.
    static func preview(_ ctx: ScreenContext, format: ShareFormat, sections: Set<ExportSection>, width: Int,
                        height: Int = .max, ellipsis: String = "…") -> [String] {
        let snap = ctx.snapshot
        let isReport = format == .reportHTML || format == .reportText
        let from = isReport ? ctx.today.adding(days: -27) : ctx.today.adding(days: -PortalSnapshot.historyDays)
        let span = isReport ? "the last 28 days" : "the last \(PortalSnapshot.historyDays) days"
        var holds: [String] = []
        if sections.contains(.profile) { holds.append("your name, stage, conditions, therapist and clinic") }
        // Pain, her notes and the warning signs are three choices: each she keeps is in the file, with or
        // without the others.
        let entries = snap.painEntries.filter { $0.date >= from }
        let notes = entries.filter { !$0.note.isEmpty }.count
        let notesText = "\(notes) note\(notes == 1 ? "" : "s")"
        let older = isReport ? "" : " (and any older ones)"
        if sections.contains(.pain) {
            var pain = "\(entries.count) pain entr\(entries.count == 1 ? "y" : "ies") from \(span)" + older
            if sections.contains(.notes) { pain += ", with your \(notesText)" }
            holds.append(pain)
        } else if sections.contains(.notes) {
            holds.append("your \(notesText) from \(span)\(older), without the pain scores")
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { n == 0 ? "no \(many)" : "\(n) \(n == 1 ? one : many)" }
        // Every part she ticked is named with what it holds, none too (QA-i I6: "warning signs you ticked" for a
        // patient who had reported none, and nothing said of an empty diary she ticked).
        if sections.contains(.warningSigns) {
            let n = entries.filter { !$0.warningSigns.isEmpty }.count + snap.signReports.filter { $0.date >= from }.count
            holds.append(n == 0 ? "no warning signs (you reported none from \(span))" : count(n, "report", "reports") + " of warning signs from \(span)")
        }
        if sections.contains(.visits), let plan = snap.plan {
            let n = format == .ics ? plan.visits.filter { $0.status == .booked || $0.status == .completed }.count : plan.visits.count
            holds.append(format == .ics ? "\(n) booked or completed visit\(n == 1 ? "" : "s")" : "your \(n.counted("visit")) and the therapist's notes")
        }
        if sections.contains(.exercises) { holds.append("\(snap.program.weeks.count) program week\(snap.program.weeks.count == 1 ? "" : "s") and the exercises you did") }
        if sections.contains(.checkins) { holds.append(count(snap.quizResultCount, "pelvic floor check-in", "pelvic floor check-ins")) }
        let record = snap.record
        let bladder = record.bladderEvents.filter { $0.date >= from }.count
        if sections.contains(.bladder) { holds.append(count(bladder, "bladder diary entry", "bladder diary entries") + (bladder > 0 ? " from \(span)" : "")) }
        let bowel = record.bowelEntries.filter { $0.date >= from }.count
        if sections.contains(.bowel) { holds.append(count(bowel, "bowel log entry", "bowel log entries") + (bowel > 0 ? " from \(span)" : "")) }
        if sections.contains(.measures) {
            let n = record.measureResponses.count
            holds.append(count(n, "questionnaire", "questionnaires") + (n > 0 ? " with the change in each score" : ""))
        }
        let out = ExportSection.allCases.filter { !sections.contains($0) }.map { $0.title.lowercased() }
        let hold = "The file will hold: " + (holds.isEmpty ? "nothing." : holds.joined(separator: "; ") + ".")
        let left = out.isEmpty ? nil : "Left out: " + out.joined(separator: ", ") + "."
        let wrap = { (text: String) in Paragraph.lines(text, width: max(20, width)) }
        let apart = wrap(hold) + (left.map(wrap) ?? [])
        guard let left, apart.count > height else { return apart }
        let together = wrap(hold + " " + left)
        if together.count <= height { return together }
        let named = wrap(left), whole = wrap(hold)
        var cut = Array(whole.prefix(max(1, height - named.count)))
        if cut.count < whole.count {
            cut[cut.count - 1] = DisplayWidth.truncate(cut[cut.count - 1] + " " + ellipsis, to: max(20, width), ellipsis: ellipsis)
        }
        return cut + named
    }
}
