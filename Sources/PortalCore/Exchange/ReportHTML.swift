/// The report as one self-contained HTML file: inline CSS, the pain chart as inline SVG, nothing fetched
/// from a network. Laid out to print on one page of A4 or US Letter (the narrower width and the shorter
/// height of the two).
public enum ReportHTML {
    /// Lines of notes the page holds (two columns of about 55 characters); further notes, whole ones,
    /// never cut, are counted instead.
    static let noteLineBudget = 34

    /// About how many printed lines a note takes in a column.
    static func estimatedLines(_ text: String) -> Int {
        // The date and score go before the first line; a paragraph takes at least one line.
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { max(1, ($0.element.count + ($0.offset == 0 ? 20 : 0) + 54) / 55) }.reduce(0, +)
    }

    static func signs(_ r: TherapistReport) -> String {
        "<p><strong>Warning signs reported:</strong> "
            + (r.warningSigns.isEmpty ? "none" : e(r.warningSigns.map { "\($0.date.dayMonthText): \($0.text)\($0.noteText())" }.joined(separator: "; "))) + ".</p>\n"
    }

    public static func html(_ r: TherapistReport) -> String {
        var body = "<header><h1>\(e(r.title))</h1><p class=\"period\">\(r.from) to \(r.to)</p></header>\n"
        if let who = r.who { body += "<p class=\"who\"><strong>\(e(who[0]))</strong>" + who.dropFirst().map { " · \(e($0))" }.joined() + "</p>\n" }
        body += "<p class=\"small\">\(e(r.madeText))"
        if !r.leftOut.isEmpty { body += " Left out by the patient: " + e(r.leftOut.map { $0.title.lowercased() }.joined(separator: ", ")) + "." }
        body += "</p>\n"
        if !r.leftOut.contains(.pain) {
            body += "<h2>Pain: \(r.entryCount.counted("entry", "entries")) on \(r.days.count.counted("day"))</h2>\n" + chart(r)
            body += "<p>\(e(r.changeText))</p>\n<div class=\"cols\"><div>"
            body += "<h3>Where</h3>" + list(r.sites.map { "\($0.title): \($0.entries)×, average \(String(format: "%.1f", $0.mean))" }, empty: "No sites given.")
            body += "</div><div><h3>Worse with</h3>" + list(r.triggers.map { "\($0.title): \($0.entries)×" }, empty: "Nothing given.")
            body += "</div></div>\n<p><strong>Days with pain of 8 or more:</strong> "
                + (r.highPainDays.isEmpty ? "none" : e(r.highPainDays.map { "\($0.date.dayMonthText) (\($0.max))" }.joined(separator: ", "))) + ".</p>\n"
            if !r.leftOut.contains(.warningSigns) { body += signs(r) }
        } else if !r.leftOut.contains(.warningSigns) {
            // The warning signs are a part of their own: without the pain they still have their place.
            body += "<h2>Warning signs</h2>\n" + signs(r)
        }
        body += "<div class=\"cols\">"
        if !r.leftOut.contains(.exercises) {
            body += "<div><h2>Exercise</h2><table><tr><th>Week</th><th>Sessions done</th></tr>"
                + r.weeks.suffix(6).map { "<tr><td>\($0.week)</td><td>\(TherapistReport.weekText($0, noun: ""))</td></tr>" }.joined()
                + "</table><table><tr><th>Exercise</th><th>Sets done</th></tr>"
                + r.exercises.prefix(8).map { "<tr><td>\(e($0.name))</td><td>\($0.setsPrescribed == 0 ? TherapistReport.noneDue : "\($0.setsDone) of \($0.setsPrescribed)")</td></tr>" }.joined()
                + "</table></div>"
        }
        body += "<div>"
        if !r.leftOut.contains(.visits), !r.visits.isEmpty {
            body += "<h2>Visits</h2>" + list(r.visits.map(TherapistReport.visitLine), empty: "")
        }
        if !r.leftOut.contains(RecordPart.questions.section), !r.questions.isEmpty {
            body += "<h2>Questions for the visit</h2>" + questions(r)
        }
        if !r.leftOut.contains(.checkins) {
            body += "<h2>Pelvic floor check-ins</h2>"
                + list(r.checkIns.map { "\($0.date): \($0.yes) yes" + ($0.areas.isEmpty ? "" : " — " + $0.areas.joined(separator: ", ")) },
                       empty: "None in this period.")
        }
        if !r.symptoms.isEmpty {
            body += "<h2>Symptoms and questionnaires</h2>" + list(r.symptoms, empty: "")
        }
        body += "</div></div>\n"
        if !r.leftOut.contains(.notes) {
            body += "<h2>Patient's notes, newest first</h2>\n"
            // Her questions take their lines from the notes' (two note lines, side by side, to one of theirs).
            let budget = noteLineBudget - 2 * questionsAndLines(r).lines
            var used = 0, left = 0
            var items: [String] = []
            for n in r.notes {
                let lines = estimatedLines(n.text)
                if left == 0, used + lines <= budget {
                    let when = "\(n.date.dayMonthText) \(n.time)" + (n.score.map { ", pain \($0)" } ?? "")
                    items.append("<li><span class=\"when\">\(when):</span> <span class=\"note\">\(e(n.text))</span></li>")
                    used += lines
                } else { left += 1 }
            }
            body += items.isEmpty ? "<p>None in this period.</p>\n" : "<ul class=\"notes\">\(items.joined())</ul>\n"
            if left > 0 { body += "<p class=\"small\">\(left) more note\(left == 1 ? "" : "s") in the full export (JSON or FHIR).</p>\n" }
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(r.title)) \(r.from) to \(r.to)</title>
        <style>
        @page { margin: 12mm; }
        * { box-sizing: border-box; }
        body { font: 8.5pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 186mm; overflow-wrap: anywhere; }
        header { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; border-bottom: 2px solid #333; }
        header > * { min-width: 0; } .period { flex: none; }
        h1 { font-size: 13pt; margin: 0; } h2 { font-size: 10pt; margin: 3mm 0 1mm; border-bottom: 1px solid #aaa; }
        h3 { font-size: 9pt; margin: 1mm 0; } p { margin: 1mm 0; } ul { margin: 0; padding-left: 4mm; }
        .period { font-weight: bold; margin: 0; } .small { color: #444; font-size: 7.5pt; }
        .cols { display: flex; gap: 6mm; } .cols > div { flex: 1; min-width: 0; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 1mm; }
        th, td { text-align: left; padding: 0.3mm 1mm; border-bottom: 1px solid #ddd; }
        .notes { columns: 2; column-gap: 6mm; } .notes li { margin-bottom: 0.8mm; } .note { white-space: pre-wrap; } .when { color: #444; }
        svg { width: 100%; height: 38mm; display: block; }
        </style></head>
        <body>
        \(body)</body></html>

        """
    }

    /// The lines her questions for the visit take on the page at most (a column of about 55 characters a line),
    /// taken from her notes' (`noteLineBudget`), so the page stays one on Letter and A4 (the one-page print test,
    /// with three questions as long as a question may be and a note of 1,000 characters).
    static let questionLineBudget = 10

    /// Her questions, within `questionLineBudget` (`TherapistReport.questionFit`): a long one cut at a word,
    /// saying how many more lines the portal shows, and those that do not fit counted.
    static func questions(_ r: TherapistReport) -> String { questionsAndLines(r).html }

    /// The questions' HTML and the lines they take (a line of the column each, and one for the count of those left).
    static func questionsAndLines(_ r: TherapistReport) -> (html: String, lines: Int) {
        guard !r.leftOut.contains(RecordPart.questions.section), !r.questions.isEmpty else { return ("", 0) }
        let fit = TherapistReport.questionFit(r.questions.map { max(1, ($0.count + 54) / 55) }, budget: questionLineBudget)
        var items: [String] = []
        for (q, shown) in zip(r.questions, fit.shown) {
            guard shown.more > 0 else { items.append(q); continue }
            var kept = String(q.prefix(shown.lines * 55))
            if let space = kept.lastIndex(of: " "), kept.distance(from: kept.startIndex, to: space) > kept.count / 2 { kept = String(kept[..<space]) }
            items.append(kept + " … " + TherapistReport.moreLines(shown.more))
        }
        let lines = fit.shown.reduce(0) { $0 + $1.lines + ($1.more > 0 ? 1 : 0) } + (fit.left > 0 ? 1 : 0)
        return (list(items, empty: "") + (fit.left > 0 ? "<p class=\"small\">\(e(TherapistReport.moreQuestions(fit.left)))</p>" : ""), lines)
    }

    static func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? (empty.isEmpty ? "" : "<p>\(e(empty))</p>") : "<ul>" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
    }

    /// The daily highest as light bars and the daily average as a line, on a 0–10 scale, one slot a day.
    static func chart(_ r: TherapistReport) -> String {
        let count = max(1, r.from.days(until: r.to) + 1)
        let w = 600.0, h = 150.0, left = 24.0, bottom = 16.0
        let slot = (w - left) / Double(count)
        func y(_ v: Double) -> Double { (h - bottom) - v / 10 * (h - bottom - 4) }
        var svg = "<svg viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"Daily pain, average and highest\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>Daily pain: the line is the average, the bars the highest score of each day</title>"
        for v in [0, 2, 4, 6, 8, 10] {
            svg += "<line x1=\"\(left)\" x2=\"\(w)\" y1=\"\(f(y(Double(v))))\" y2=\"\(f(y(Double(v))))\" stroke=\"#ddd\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(left - 4))\" y=\"\(f(y(Double(v)) + 3))\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">\(v)</text>"
        }
        var points: [String] = []
        for d in r.days {
            let i = Double(r.from.days(until: d.date))
            let x = left + i * slot
            svg += "<rect x=\"\(f(x + slot * 0.15))\" y=\"\(f(y(Double(d.max))))\" width=\"\(f(slot * 0.7))\" height=\"\(f(y(0) - y(Double(d.max))))\" fill=\"#c9d8ee\"/>"
            points.append("\(f(x + slot / 2)),\(f(y(d.mean)))")
        }
        if !points.isEmpty {
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#1d4e89\" stroke-width=\"2\"/>"
        }
        svg += "<text x=\"\(left)\" y=\"\(f(h - 3))\" font-size=\"9\" fill=\"#555\">\(r.from.dayMonthText)</text>"
        svg += "<text x=\"\(w)\" y=\"\(f(h - 3))\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">\(r.to.dayMonthText)</text>"
        return svg + "</svg>\n"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Text escaped for HTML.
    static func e(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
