import AffinityData
import Foundation

extension ChurnModel {
    /// Writes the model as JSON with `AtomicFile` (temporary file, fsync, rename), so readers
    /// never see half a file. Refuses a model with non-finite numbers.
    public func save(path: String) throws {
        guard coefficients.allSatisfy(\.isFinite), intercept.isFinite else {
            throw ChurnError.nonFinite(what: "model coefficients (refusing to save)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write([UInt8](try encoder.encode(self)), to: path)
    }

    /// Reads a model written by `save`. A file that is not JSON, is another kind of file,
    /// has another version, or whose numbers do not fit its preprocessing is refused with
    /// `ChurnError.badModelFile` saying which.
    public static func load(path: String) throws -> ChurnModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChurnError.badModelFile(path: path, reason: "cannot read the file")
        }
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw ChurnError.badModelFile(path: path, reason: "not JSON (truncated or corrupted?); retrain with 'affinity churn train'")
        }
        guard header.format == formatName else {
            throw ChurnError.badModelFile(path: path, reason: "format is \(header.format.map { "'\($0)'" } ?? "missing"); expected '\(formatName)'")
        }
        guard let version = header.version, (1...currentVersion).contains(version) else {
            throw ChurnError.badModelFile(path: path, reason: "version \(header.version.map(String.init) ?? "missing"); this build reads versions 1 to \(currentVersion); retrain the model")
        }
        let model: ChurnModel
        do { model = try JSONDecoder().decode(ChurnModel.self, from: data) } catch {
            throw ChurnError.badModelFile(path: path, reason: "fields are missing or malformed (\(error)); the file is corrupted")
        }
        try model.checkConsistency(path: path)
        return model
    }

    func checkConsistency(path: String) throws(ChurnError) {
        let terms = encoder.interactions ?? []
        let width = encoder.features.reduce(0) { $0 + $1.width } + terms.reduce(0) { $0 + $1.width }
        guard width == encoder.width, coefficients.count == width else {
            throw .badModelFile(path: path, reason: "\(coefficients.count) coefficients for \(encoder.width) design columns; the file is corrupted")
        }
        for f in encoder.features where f.designMeans.count != f.width {
            throw .badModelFile(path: path, reason: "feature '\(f.name)' has \(f.designMeans.count) means for \(f.width) columns")
        }
        for f in encoder.features where f.kind == .binned && (f.bins?.count ?? 0) + (f.missingIndicator ? 1 : 0) != f.width {
            throw .badModelFile(path: path, reason: "binned feature '\(f.name)' has \(f.bins?.count ?? 0) bins for \(f.width) columns")
        }
        for t in terms where t.designMeans.count != t.width || t.width != t.first.labels.count * t.second.labels.count
            || !encoder.features.indices.contains(t.first.index) || !encoder.features.indices.contains(t.second.index) {
            throw .badModelFile(path: path, reason: "interaction '\(t.name)' does not fit the features (cells, means or feature index)")
        }
        guard coefficients.allSatisfy(\.isFinite), intercept.isFinite else {
            throw .badModelFile(path: path, reason: "coefficients contain NaN or infinity")
        }
    }
}
