import CNCursesW
import PortalUI

extension Key {
    /// Decodes one `get_wch` result. `isKeyCode` is true when `get_wch` returned `KEY_CODE_YES`, which
    /// means `value` is a `KEY_*` code; otherwise `value` is a wide character. Pure: no terminal needed.
    public static func decode(_ value: Int32, isKeyCode: Bool) -> Key {
        isKeyCode ? decodeKeyCode(value) : decodeCharacter(value)
    }

    private static func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        // Some terminals send Find/Select for the Home/End keys of the editing block.
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1, KEY_LL: return .end
        case KEY_RESIZE: return .resize
        case KEY_F0...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return .unknown
        }
    }

    private static func decodeCharacter(_ value: Int32) -> Key {
        switch value {
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 27: return .escape
        case 0: return .ctrl(" ")                     // Ctrl-Space / Ctrl-@
        case 1...26:                                   // Ctrl-A ... Ctrl-Z (less the ones above)
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 28...31:                                  // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x40)))
        default:
            guard value > 0, let scalar = Unicode.Scalar(UInt32(value)),
                  scalar.properties.generalCategory != .control   // C0, DEL, C1
            else { return .unknown }
            return .character(Character(scalar))
        }
    }
}
