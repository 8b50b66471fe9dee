import Foundation

/// The kinds of recommender model file, told apart by the container's 8 magic bytes.
public enum ModelKind: String, Sendable, CaseIterable {
    case als
    case ease

    /// The container magic of this kind's files.
    public var magic: [UInt8] {
        switch self {
        case .als: Array("AFFNALS".utf8) + [0]
        case .ease: Array("AFFNEASE".utf8)
        }
    }

    /// The kind of the model file at `path` from its first 8 bytes; nil when the file cannot be
    /// read or is not a recommender model.
    public static func detect(path: String) -> ModelKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8) else { return nil }
        return allCases.first { Array(head) == $0.magic }
    }

    /// The error for opening a file of another kind as `expected`, or nil when the file is not
    /// a model of another known kind.
    static func mismatch(path: String, expected: ModelKind) -> RecommenderError? {
        guard let found = detect(path: path), found != expected else { return nil }
        return .modelFile(path: path, message: "this is a model of kind '\(found.rawValue)', not '\(expected.rawValue)'; load it as \(found.rawValue) (the affinity commands detect the kind themselves)")
    }
}
