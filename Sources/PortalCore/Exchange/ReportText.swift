/// The report as plain text (80 columns, at most 66 lines: one printed page) or as Markdown.
public enum ReportText {
    /// The page's width; the screen shows it narrower (`text(_:width:)`).
    public static let width = 80
    /// The width `wrap`, `pad` and `clip` lay out to: the page's, or the window's while `text(_:width:)` runs.
    @TaskLocal static var lineWidth = width
    public static let pageLines = 66
    /// Days the text chart shows, one column each.
    static let chartDays = 60

    /// The text laid out `width` cells wide (for a window narrower than the page; at least 40).
    public static func text(_ r: TherapistReport, width: Int) -> String {
        $lineWidth.withValue(max(40, width)) { text(r) }
    }

    public static func text(_ r: TherapistReport) -> String {
        var head: [String] = []
        let period = "\(r.from) to \(r.to)"
        head.append(pad(r.title.uppercased(), period))
        if let who = r.who { head += who.flatMap { wrap($0, indent: "") } }
        head += wrap(r.madeText, indent: "")
        if !r.leftOut.isEmpty { head += wrap("Left out by the patient: " + r.leftOut.map { $0.title.lowercased() }.joined(separator: ", ") + ".", indent: "") }

        var body: [[String]] = []
        if !r.leftOut.contains(.pain) {
            var s = ["", "PAIN  \(r.entryCount.counted("entry", "entries")) on \(r.days.count.counted("day"))"]
            let (means, highs, shown) = chart(r)
            s.append("  Daily average  " + means)
            s.append("  Daily highest  " + highs)
            s += wrap("\(shown.counted("day")) to \(r.to); · no entry; X is 10. \(r.changeText)", indent: "  ")
            if !r.sites.isEmpty { s += wrap("Where: " + r.sites.map { "\($0.title) \($0.entries)×, average \(String(format: "%.1f", $0.mean))" }.joined(separator: "; "), indent: "  ") }
            if !r.triggers.isEmpty { s += wrap("Worse with: " + r.triggers.map { "\($0.title.lowercased()) \($0.entries)×" }.joined(separator: "; "), indent: "  ") }
            s += wrap("Days with pain of 8 or more: " + (r.highPainDays.isEmpty ? "none." : r.highPainDays.map { "\($0.date.dayMonthText) (\($0.max))" }.joined(separator: ", ") + "."), indent: "  ")
            if !r.leftOut.contains(.warningSigns) { s += wrap(signsText(r), indent: "  ") }
            body.append(s)
        } else if !r.leftOut.contains(.warningSigns) {
            // The warning signs are a part of their own: without the pain they still have their place.
            body.append(["", "WARNING SIGNS"] + wrap(signsText(r), indent: "  "))
        }
        if !r.leftOut.contains(.exercises) {
            var s = [""] + wrap("EXERCISE  sessions done of prescribed by week; sets done of prescribed", indent: "")
            s += r.weeks.suffix(6).map { "  Week \($0.week): \(TherapistReport.weekText($0))" }
            s += r.exercises.prefix(8).map { line in clip("  \(line.name): \(line.doneText())") }
            if r.weeks.isEmpty && r.exercises.isEmpty { s.append("  No program in this period.") }
            body.append(s)
        }
        if !r.leftOut.contains(.visits), !r.visits.isEmpty {
            body.append(["", "VISITS"] + r.visits.map { clip("  " + TherapistReport.visitLine($0)) })
        }
        if !r.leftOut.contains(RecordPart.questions.section), !r.questions.isEmpty {
            body.append(["", "QUESTIONS FOR THE VISIT"] + questions(r))
        }
        if !r.leftOut.contains(.checkins) {
            var s = ["", "PELVIC FLOOR CHECK-INS"]
            s += r.checkIns.isEmpty ? ["  None in this period."]
                : r.checkIns.suffix(4).flatMap { c in wrap("\(c.date): \(c.yes) yes" + (c.areas.isEmpty ? "" : " — " + c.areas.joined(separator: ", ")), indent: "  ") }
            body.append(s)
        }
        if !r.symptoms.isEmpty {
            body.append(["", "SYMPTOMS AND QUESTIONNAIRES"] + r.symptoms.flatMap { wrap($0, indent: "  ") })
        }
        var lines = head + body.flatMap { $0 }
        if !r.leftOut.contains(.notes) {
            lines += notes(r, budget: pageLines - lines.count)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The lines her questions for the visit take on the page at most (`TherapistReport.questionFit`).
    static let questionLines = 12

    /// Her questions, within `questionLines`: a long one cut, saying how many more lines the portal shows.
    static func questions(_ r: TherapistReport) -> [String] {
        let blocks = r.questions.map { wrap($0, indent: "  ") }
        let fit = TherapistReport.questionFit(blocks.map(\.count), budget: questionLines)
        var out: [String] = []
        for (block, shown) in zip(blocks, fit.shown) {
            out += block.prefix(shown.lines)
            if shown.more > 0 { out.append("    " + TherapistReport.moreLines(shown.more)) }
        }
        if fit.left > 0 { out.append("  " + TherapistReport.moreQuestions(fit.left)) }
        return out
    }

    /// The most of a sign's note the one-page text report prints beside it (the page has 66 lines).
    static let noteInSignsLimit = 100

    /// "Warning signs reported: 3 Dec: Fever … (note: “since lunch”); …." or "…: none."
    static func signsText(_ r: TherapistReport) -> String {
        "Warning signs reported: " + (r.warningSigns.isEmpty ? "none." : r.warningSigns.map { "\($0.date.dayMonthText): \($0.text)\($0.noteText(limit: noteInSignsLimit))" }.joined(separator: "; ") + ".")
    }

    /// "3 Dec 08:15 (pain 4)", or without the score when she left the pain out.
    static func noteHead(_ n: TherapistReport.Note, day: String) -> String {
        "\(day) \(n.time)" + (n.score.map { " (pain \($0))" } ?? "")
    }

    /// Her notes, newest first, each one whole: a note that does not fit on the page is left out and counted,
    /// never cut. A line break inside a note shows as " / ", so a note of many short lines fits the page.
    static func notes(_ r: TherapistReport, budget: Int) -> [String] {
        guard budget >= 3 else { return [] }
        var out = ["", "PATIENT'S NOTES  newest first"]
        if r.notes.isEmpty { return out + ["  None in this period."] }
        var left = 0
        for (i, n) in r.notes.enumerated() {
            let block = wrap("\(noteHead(n, day: n.date.dayMonthText)): \(n.text.replacingOccurrences(of: "\n", with: " / "))", indent: "  ", hanging: "    ")
            let reserve = i == r.notes.count - 1 ? 0 : 1
            if left == 0, out.count + block.count + reserve <= budget { out += block } else { left += 1 }
        }
        if left > 0 { out.append("  \(left) more note\(left == 1 ? "" : "s") in the full export (JSON or FHIR).") }
        return out
    }

    /// One character a day: the daily mean as a block, the highest as a digit.
    static func chart(_ r: TherapistReport) -> (String, String, Int) {
        let count = min(chartDays, r.from.days(until: r.to) + 1)
        let start = r.to.adding(days: -(count - 1))
        let byDay = Dictionary(uniqueKeysWithValues: r.days.map { ($0.date, $0) })
        let blocks = Array("▁▂▃▄▅▆▇█")
        var means = "", highs = ""
        for i in 0..<count {
            guard let d = byDay[start.adding(days: i)] else { means += "·"; highs += "·"; continue }
            means.append(blocks[min(7, Int((d.mean / 10 * 7).rounded()))])
            highs += d.max == 10 ? "X" : String(d.max)
        }
        return (means, highs, count)
    }

    // MARK: Markdown

    public static func markdown(_ r: TherapistReport) -> String {
        var out = "# \(r.title): \(r.from) to \(r.to)\n\n"
        if let who = r.who { out += who.map { "**\(escape($0))**  \n" }.joined() + "\n" }
        out += r.madeText + "\n"
        if !r.leftOut.isEmpty { out += "Left out by the patient: " + r.leftOut.map { $0.title.lowercased() }.joined(separator: ", ") + ".\n" }
        if !r.leftOut.contains(.pain) {
            out += "\n## Pain\n\n\(r.entryCount.counted("entry", "entries")) on \(r.days.count.counted("day")). \(r.changeText)\n\n"
            out += "| Day | Average | Highest |\n|---|---|---|\n"
            out += r.days.suffix(31).map { "| \($0.date) | \(String(format: "%.1f", $0.mean)) | \($0.max) |\n" }.joined()
            if !r.sites.isEmpty { out += "\n**Where:** " + r.sites.map { "\($0.title) \($0.entries)×, average \(String(format: "%.1f", $0.mean))" }.joined(separator: "; ") + "\n" }
            if !r.triggers.isEmpty { out += "\n**Worse with:** " + r.triggers.map { "\($0.title.lowercased()) \($0.entries)×" }.joined(separator: "; ") + "\n" }
            out += "\n**Days with pain of 8 or more:** " + (r.highPainDays.isEmpty ? "none" : r.highPainDays.map { "\($0.date) (\($0.max))" }.joined(separator: ", ")) + "\n"
            if !r.leftOut.contains(.warningSigns) { out += "\n" + markdownSigns(r) }
        } else if !r.leftOut.contains(.warningSigns) {
            out += "\n## Warning signs\n\n" + markdownSigns(r)
        }
        if !r.leftOut.contains(.exercises) {
            out += "\n## Exercise\n\n"
            out += r.weeks.map { "- Week \($0.week): \(TherapistReport.weekText($0))\n" }.joined()
            out += r.exercises.map { "- \(escape($0.name)): \($0.doneText(percent: false))\n" }.joined()
        }
        if !r.leftOut.contains(.visits), !r.visits.isEmpty {
            out += "\n## Visits\n\n" + r.visits.map { "- \(escape(TherapistReport.visitLine($0)))\n" }.joined()
        }
        if !r.leftOut.contains(RecordPart.questions.section), !r.questions.isEmpty {
            out += "\n## Questions for the visit\n\n" + r.questions.map { "- \(escape($0))\n" }.joined()
        }
        if !r.leftOut.contains(.checkins) {
            out += "\n## Pelvic floor check-ins\n\n"
            out += r.checkIns.isEmpty ? "None in this period.\n"
                : r.checkIns.map { "- \($0.date): \($0.yes) yes" + ($0.areas.isEmpty ? "" : " — " + $0.areas.joined(separator: ", ")) + "\n" }.joined()
        }
        if !r.symptoms.isEmpty {
            out += "\n## Symptoms and questionnaires\n\n" + r.symptoms.map { "- \(escape($0))\n" }.joined()
        }
        if !r.leftOut.contains(.notes) {
            out += "\n## Patient's notes\n\n"
            out += r.notes.isEmpty ? "None in this period.\n"
                : r.notes.map { "- \(noteHead($0, day: $0.date.description)): " + escape($0.text).replacingOccurrences(of: "\n", with: "  \n  ") + "\n" }.joined()
        }
        return out
    }

    static func markdownSigns(_ r: TherapistReport) -> String {
        "**Warning signs reported:** " + (r.warningSigns.isEmpty ? "none" : r.warningSigns.map { "\($0.date): \(escape($0.text + $0.noteText()))" }.joined(separator: "; ")) + "\n"
    }

    /// Markdown punctuation escaped with a backslash, so a note shows as she wrote it, not as formatting.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_{}[]<>()#+-.!|~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    // MARK: Layout

    /// Words wrapped to the page width (in terminal cells); a word longer than a line is split.
    static func wrap(_ text: String, indent: String, hanging: String? = nil) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? indent : (hanging ?? indent)
            var lineWidth = cells(line)
            let prefix = hanging ?? indent
            var empty = true
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var w = String(word)
                let needed = cells(w) + (empty ? 0 : 1)
                if lineWidth + needed > Self.lineWidth, !empty {
                    lines.append(line)
                    line = prefix; lineWidth = cells(prefix); empty = true
                }
                while cells(w) > Self.lineWidth - lineWidth {
                    var head = "", headWidth = 0
                    for ch in w where headWidth + cells(String(ch)) <= Self.lineWidth - lineWidth { head.append(ch); headWidth += cells(String(ch)) }
                    if head.isEmpty { break }
                    lines.append(line + (empty ? "" : " ") + head)
                    w.removeFirst(head.count)
                    line = prefix; lineWidth = cells(prefix); empty = true
                }
                line += (empty ? "" : " ") + w
                lineWidth += cells(w) + (empty ? 0 : 1)
                empty = false
            }
            lines.append(line)
        }
        return lines
    }

    static func pad(_ left: String, _ right: String) -> String {
        left + String(repeating: " ", count: max(1, lineWidth - cells(left) - cells(right))) + right
    }

    static func clip(_ s: String) -> String {
        guard cells(s) > lineWidth else { return s }
        var out = "", w = 0
        for ch in s { let c = cells(String(ch)); if w + c > lineWidth - 1 { break }; out.append(ch); w += c }
        return out + "…"
    }

    /// Terminal cells a text takes: 2 for East Asian wide characters and emoji, 0 for combining marks.
    static func cells(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return n }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
