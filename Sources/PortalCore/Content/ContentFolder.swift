import Foundation

/// The content folder as the library reads it, piece by piece: each read either gives its value or keeps
/// the error (naming the file) in `problems`, so a piece decoded on first use never throws where a screen
/// reads it. Safe from any thread.
final class ContentFolder: @unchecked Sendable {
    let url: URL
    private let lock = NSLock()
    private var found: [PortalError] = []

    init(_ url: URL) { self.url = url }

    /// The errors so far, in the order they were found (each file's once).
    var problems: [PortalError] { lock.withLock { found } }

    /// Runs `read`; its error is kept and nil returned.
    func attempt<T>(_ read: () throws -> T) -> T? {
        do {
            return try read()
        } catch {
            let problem = error as? PortalError ?? .storage("\(error)")
            lock.withLock { if !found.contains(where: { $0.description == problem.description }) { found.append(problem) } }
            return nil
        }
    }

    /// The file `name` (a path inside the folder), or a storage error naming it.
    func data(_ name: String) throws -> Data {
        let file = url.appendingPathComponent(name)
        do {
            return try Data(contentsOf: file)
        } catch {
            throw PortalError.storage("Cannot read content file \(file.path): \(error.localizedDescription)")
        }
    }

    /// The JSON file `name` decoded, or nil with the error kept.
    func decode<T: Decodable>(_ type: T.Type, _ name: String) -> T? {
        attempt {
            let bytes = try data(name)
            do {
                return try JSONDecoder().decode(T.self, from: bytes)
            } catch let error as DecodingError {
                throw PortalError.invalidInput("Content file \(name) is broken: \(Self.describe(error)).")
            }
        }
    }

    /// The names in the subfolder `sub` that end in `suffix`, sorted (none when it is missing).
    func files(in sub: String, ending suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(sub).path)) ?? [])
            .filter { $0.hasSuffix(suffix) }.sorted()
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c)).\(key.stringValue) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
