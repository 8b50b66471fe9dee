import AffinityData
import Foundation

extension RecommenderInfo {
    /// How many user and item ids `model_info` samples.
    static let sampleCount = 100

    /// The model version a reply names: the file's name and the training time.
    static func versionName(path: String, createdAt: String) -> String { "\((path as NSString).lastPathComponent)@\(createdAt)" }

    /// The first `sampleCount` ids of `ids`, in index order.
    static func samples(_ ids: IDMap) -> [String] { (0..<Int32(min(sampleCount, ids.count))).map { ids[$0] } }
}
