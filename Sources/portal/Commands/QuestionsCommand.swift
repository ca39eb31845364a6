import ArgumentParser
import PortalCore

/// `portal questions`: her questions for the next visit, with her therapist's answers (issue 23, point 4).
struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions",
        abstract: "Questions for your next visit: list them with their answers, add one, remove one not answered yet.",
        discussion: """
        In your own portal they are your list to take to the next visit, and the report carries them. In a \
        clinic your therapist reads them and may answer before the visit; Home shows a new answer. Only you \
        and your therapist can read them.

        Examples:
          portal questions
          portal questions add "Can I go back to running after week 4?"
          portal questions remove 2
          portal questions answer 2 "Not yet: we will try a short jog at visit 4." --patient ana   (her therapist, in a clinic)
        """,
        subcommands: [List.self, Add.self, Remove.self, Answer.self], defaultSubcommand: List.self)

    /// The question numbered `text` (as `portal questions` shows it), or a message naming what is accepted.
    static func number(_ text: String) throws -> Int64 {
        guard let n = Int64(text), n >= 1 else {
            throw PortalError.invalidInput(field: .question,
                                           "\(PlainText.quoted(text)) is not a question number. Use the number portal questions shows (1 or more).")
        }
        return n
    }

    /// The lines `portal questions` prints for `questions`, oldest first.
    static func lines(_ questions: [VisitQuestion], viewer: Viewer) -> [String] {
        // Only she asks (QA H11): her therapist is not told to add one.
        guard !questions.isEmpty else {
            return [viewer.words.say(you: "No questions for the visit yet. Add one: portal questions add \"TEXT\"",
                                     she: "She has asked no questions for the visit yet.")]
        }
        let waiting = questions.unanswered.count
        var out = ["Questions for the visit: \(questions.count), \(waiting) waiting for an answer"]
        for q in questions {
            out.append("\(q.id.map { "\($0)." } ?? "-") \(printable(q.text))")
            let asked = "   Asked \(q.askedAt.date.shortText) \(q.askedAt.time)"
            if let at = q.answeredAt {
                out.append(asked)
                out.append("   Answer from \(printable(q.answeredByText(for: viewer))), \(at.date.shortText) \(at.time)"
                    + (q.hasUnreadAnswer ? " (new)" : "") + ": \(printable(q.answer))")
            } else {
                out.append(asked + ", waiting for an answer")
            }
        }
        return out
    }
}

extension QuestionsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the questions with their answers (what `portal questions` alone does).")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            for line in QuestionsCommand.lines(try ctx.store.questions(), viewer: ctx.store.viewer) { print(line) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a question for the next visit (one line, at most \(VisitQuestion.textLimit) characters).")

        @Argument(help: ArgumentHelp("The question (quote it, or give it as words).", valueName: "text"))
        var words: [String] = []

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            // Checked before anything is opened: bad input writes nothing.
            let text = try VisitQuestion.checkedText(words.joined(separator: " "))
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            let saved = try ctx.store.ask(text, at: ctx.clock.now)
            print("Saved question \(saved.id.map(String.init) ?? "?"): \(printable(saved.text))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a question of yours that has no answer yet.")

        // Collected as text (`positionals`), so `remove -1` is judged as a question number rather than read as an option.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The question's number, as portal questions shows it.", valueName: "N"))
        var number: [String] = []

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let id = try QuestionsCommand.number(try positionals(number, ["the question's number"], command: "questions remove")[0])
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            try ctx.store.withdrawQuestion(id: id)
            print("Removed question \(id).")
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Her therapist, in a clinic: answer her question N (one line, at most \(VisitQuestion.answerLimit) characters).")

        @Argument(help: ArgumentHelp("The question's number, as portal questions --patient USER shows it.", valueName: "N"))
        var number: String

        @Argument(help: ArgumentHelp("The answer (quote it, or give it as words).", valueName: "text"))
        var words: [String] = []

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let id = try QuestionsCommand.number(number)
            let text = try VisitQuestion.checkedAnswer(words.joined(separator: " "))
            let ctx = try Context(storeOptions)
            _ = try ctx.requirePatient()
            let saved = try ctx.store.answerQuestion(id: id, answer: text, at: ctx.clock.now)
            print("Answered question \(id): \(printable(saved.answer))")
        }
    }
}
