import PortalCore

/// The editing state shared by TextField and TextArea: a value and a cursor counted in Characters
/// (grapheme clusters), so é, e + combining accent, CJK and emoji families each move and delete as one.
public struct EditableText: Sendable, Hashable {
    public private(set) var value: String
    /// The cursor position: 0 is before the first Character, `value.count` after the last.
    public private(set) var cursor: Int
    /// The most the value may hold (newlines count), counted as every limit is (`PlainText.length`, Unicode
    /// scalars); nil for no limit.
    public var maxLength: Int?
    /// TextArea keeps newlines; TextField turns them into spaces (a pasted address stays on one line).
    public let allowsNewlines: Bool

    public init(_ value: String = "", maxLength: Int? = nil, allowsNewlines: Bool = false) {
        self.maxLength = maxLength
        self.allowsNewlines = allowsNewlines
        self.value = ""
        self.cursor = 0
        set(value)
    }

    /// Replaces the whole value (cut to `maxLength`) and puts the cursor at its end.
    public mutating func set(_ newValue: String) {
        value = ""
        cursor = 0
        insert(newValue)
    }

    /// Inserts `text` at the cursor, as much of it as `maxLength` allows; what plain text refuses (control
    /// characters, invisible formatting: `PlainText.keepingAccepted`) is left out. Returns false when nothing
    /// could be inserted.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        var inserted = false
        var chars = Array(value)
        for ch in text {
            guard let ch = clean(ch) else { continue }
            let prefix = String(chars[..<cursor]) + String(ch)
            let candidate = prefix + String(chars[cursor...])
            if let maxLength, PlainText.length(candidate) > maxLength { break }
            value = candidate
            // A combining mark merges into the Character before it, so count rather than add one.
            cursor = min(prefix.count, candidate.count)
            chars = Array(value)
            inserted = true
        }
        return inserted
    }

    private func clean(_ ch: Character) -> Character? {
        if ch.isNewline { return allowsNewlines ? "\n" : " " }
        if ch == "\t" { return Character(PlainText.tabsAsSpaces("\t")) }
        // Typed one code point at a time, an emoji family's joiner comes alone, before the emoji it joins.
        if ch == "\u{200D}" { return ch }
        return PlainText.keepingAccepted(String(ch)).first
    }

    /// Inserts a whole paste at the cursor, or nothing. Line breaks become spaces in a one-line field
    /// (trailing ones, as copied with a line, are dropped) and stay in a multi-line one; tabs become
    /// spaces (a tab has no width on screen); every other character plain text refuses (control characters
    /// such as an escape sequence's ESC, invisible formatting such as a right-to-left override) is left out,
    /// the one rule `PlainText.keepingAccepted`. A paste longer than the room left is refused, never cut:
    /// returns the reason for the patient, or nil when inserted.
    public mutating func paste(_ text: String) -> String? {
        let cleaned = Self.cleanedPaste(text, allowsNewlines: allowsNewlines)
        guard !cleaned.isEmpty else { return nil }
        if let maxLength {
            let room = max(0, maxLength - PlainText.length(value))
            if PlainText.length(cleaned) > room {
                let length = PlainText.length(cleaned)
                return "The pasted text is \(length) character\(length == 1 ? "" : "s") long and this field holds at most \(maxLength)"
                    + (room < maxLength ? " (room for \(room) more)" : "") + ". Nothing was pasted."
            }
        }
        insert(cleaned)
        return nil
    }

    /// Why a typed character was not added: the field is full. Said on screen like a refused paste, so no key
    /// she types is dropped without a word; what she wrote stays as it was.
    public static func fullText(_ maxLength: Int) -> String {
        "This field holds at most \(maxLength) character\(maxLength == 1 ? "" : "s") and is full: what you wrote is kept, the last key was not added."
    }

    /// Inserts `text` typed at the cursor; the reason it was not added when the field has no room for it
    /// (`fullText`), nil otherwise (added, or nothing plain text would keep).
    public mutating func type(_ text: String) -> String? {
        if insert(text) { return nil }
        guard let maxLength, text.contains(where: { clean($0) != nil }) else { return nil }
        return Self.fullText(maxLength)
    }

    static func cleanedPaste(_ text: String, allowsNewlines: Bool) -> String {
        var chars = Array(PlainText.tabsAsSpaces(text))
        if !allowsNewlines { while chars.last?.isNewline == true { chars.removeLast() } }
        var out = ""
        for ch in chars {
            if ch.isNewline { out.append(allowsNewlines ? "\n" : " ") }   // "\r\n" is one Character
            else { out.append(ch) }
        }
        return PlainText.keepingAccepted(out)
    }

    /// Deletes the Character before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        var chars = Array(value)
        chars.remove(at: cursor - 1)
        value = String(chars)
        cursor = min(cursor - 1, value.count)
    }

    /// Deletes the Character under the cursor.
    public mutating func delete() {
        var chars = Array(value)
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
        value = String(chars)
        cursor = min(cursor, value.count)
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U).
    public mutating func deleteToLineStart() {
        let chars = Array(value)
        let start = lineStart(chars)
        value = String(chars[..<start] + chars[cursor...])
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(value.count, cursor + 1) }

    /// To the start of the current line (the whole value in a TextField).
    public mutating func home() { cursor = lineStart(Array(value)) }

    /// To the end of the current line (the whole value in a TextField).
    public mutating func end() {
        let chars = Array(value)
        cursor = chars[cursor...].firstIndex(of: "\n") ?? chars.count
    }

    /// Puts the cursor at `index`, clamped to the value.
    public mutating func moveTo(_ index: Int) { cursor = min(max(0, index), value.count) }

    public var isFull: Bool { maxLength.map { PlainText.length(value) >= $0 } ?? false }

    private func lineStart(_ chars: [Character]) -> Int {
        chars[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
    }
}

/// What TextField and TextArea share: the editing operations of their `editor`.
public protocol TextEditing {
    var editor: EditableText { get set }
}

extension TextEditing {
    /// A list's search field (the caseload's, the exercise picker's): a key that changes the text starts the
    /// list from its first row again, a refused paste says why in `notice`, and a key that is not for the
    /// field is left to the screen.
    public mutating func searchEdit(_ key: Key, selected: inout Int, notice: inout String?) -> Reaction {
        switch edit(key) {
        case .changed: selected = 0
        case .unchanged: break
        case .refused(let reason): notice = reason
        case .notEditing: return .unhandled
        }
        return .stay
    }
}

extension TextEditing {
    public var value: String { editor.value }
    public var cursor: Int { editor.cursor }
    public var maxLength: Int? { editor.maxLength }
    public var isFull: Bool { editor.isFull }
    public mutating func set(_ value: String) { editor.set(value) }
    @discardableResult public mutating func insert(_ text: String) -> Bool { editor.insert(text) }
    public mutating func backspace() { editor.backspace() }
    public mutating func delete() { editor.delete() }
    public mutating func deleteToLineStart() { editor.deleteToLineStart() }
    public mutating func moveLeft() { editor.moveLeft() }
    public mutating func moveRight() { editor.moveRight() }
    public mutating func home() { editor.home() }
    public mutating func end() { editor.end() }
}

/// What a key did to a text field.
public enum TextEditOutcome: Sendable, Equatable {
    /// The text changed.
    case changed
    /// Only the cursor moved, or the key added nothing plain text keeps: the text is as it was.
    case unchanged
    /// Not an editing key; the screen decides (moving between fields, saving, going back).
    case notEditing
    /// A paste was refused (longer than the field holds), or a key typed into a full field (`fullText`); the
    /// text is as it was. The reason is for the
    /// patient: the screen shows it.
    case refused(String)
}

extension TextEditing {
    /// The editing keys every text field shares: characters, Backspace, Delete, ← →, Home/End (Ctrl-A/E) and
    /// Ctrl-U. Screens handle the rest, so each form edits text the same way.
    public mutating func edit(_ key: Key) -> TextEditOutcome {
        let before = value
        switch key {
        case .character(let c):
            if let reason = editor.type(String(c)) { return .refused(reason) }
        case .backspace: backspace()
        case .delete: delete()
        case .ctrl("u"): deleteToLineStart()
        case .left: moveLeft()
        case .right: moveRight()
        case .home, .ctrl("a"): home()
        case .end, .ctrl("e"): end()
        case .paste(let text):
            if let reason = editor.paste(text) { return .refused(reason) }
        default: return .notEditing
        }
        return value == before ? .unchanged : .changed
    }
}
