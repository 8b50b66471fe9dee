public import Foundation

/// Locates the read-only public datasets (`../shared/datasets` beside the clone, or `$AFFINITY_DATASETS`).
public enum SharedDatasets {
    /// The datasets folder, or nil (with `skipReason` explaining) when it is absent.
    public static func root(filePath: String = #filePath) -> URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["AFFINITY_DATASETS"], !env.isEmpty {
            return fm.fileExists(atPath: env) ? URL(fileURLWithPath: env) : nil
        }
        let candidate = CLIRunner.packageRoot(from: filePath).deletingLastPathComponent()
            .appendingPathComponent("shared/datasets")
        return fm.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The path of `relativePath` inside the datasets folder, or nil when it is absent
    /// (printing why, so a skipped test says so in the log).
    public static func file(_ relativePath: String, filePath: String = #filePath) -> String? {
        guard let root = root(filePath: filePath) else {
            print("skipped: shared datasets not found (../shared/datasets beside the clone, or set AFFINITY_DATASETS)")
            return nil
        }
        let path = root.appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) not found")
            return nil
        }
        return path
    }
}
