import Foundation

/// Finds a key that appears twice in one JSON object. `JSONSerialization` keeps the last of two equal keys
/// without a word, so a week file with two `"sets"` would be read as whichever came last; this small scan
/// over the object keys lets the import refuse such a file instead. Run it on JSON already known to be valid.
enum JSONKeys {
    /// The first key found twice in the same object, decoded ("sets"), or nil.
    static func firstDuplicate(in data: Data) -> String? {
        let bytes = [UInt8](data)
        // One frame per open object or array: the keys seen so far, and whether the next string is a key.
        var stack: [(isObject: Bool, keys: Set<String>, expectKey: Bool)] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"): stack.append((true, [], true))
            case UInt8(ascii: "["): stack.append((false, [], false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","): if stack.last?.isObject == true { stack[stack.count - 1].expectKey = true }
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                if let top = stack.last, top.isObject, top.expectKey {
                    let raw = Data(bytes[start...min(i, bytes.count - 1)])
                    // Decoded, so "a" and "\u0061" are the same key, as they are to every JSON reader.
                    let key = (try? JSONSerialization.jsonObject(with: raw, options: [.fragmentsAllowed])) as? String
                        ?? String(decoding: raw, as: UTF8.self)
                    if top.keys.contains(key) { return key }
                    stack[stack.count - 1].keys.insert(key)
                    stack[stack.count - 1].expectKey = false
                }
            default: break
            }
            i += 1
        }
        return nil
    }
}
