import AffinityData
import Foundation

extension CLVModel {
    /// Writes the model as JSON through a temporary file and a rename (`AtomicFile`).
    /// Refuses parameters that are not finite and positive.
    public func save(path: String) throws {
        guard bgnbd.isValid, gammaGamma.isValid else { throw ChurnError.nonFinite(what: "CLV parameters (refusing to save)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(Array(try encoder.encode(self)), to: path)
    }

    /// Reads a model written by `save`; anything else is refused with `ChurnError.badModelFile` saying why.
    public static func load(path: String) throws(ChurnError) -> CLVModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badModelFile(path: path, reason: "cannot read the file")
        }
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw .badModelFile(path: path, reason: "not JSON (truncated or corrupted?); refit with 'affinity clv fit'")
        }
        guard header.format == formatName, header.version == currentVersion else {
            throw .badModelFile(path: path, reason: "format is \(header.format ?? "missing") version \(header.version.map(String.init) ?? "missing"); "
                + "expected '\(formatName)' version \(currentVersion) (written by 'affinity clv fit')")
        }
        let model: CLVModel
        do { model = try JSONDecoder().decode(CLVModel.self, from: data) } catch {
            throw .badModelFile(path: path, reason: "\(error)")
        }
        guard model.bgnbd.isValid, model.gammaGamma.isValid, model.nbdLimit == (model.bgnbd.a == 0) else {
            throw .badModelFile(path: path, reason: "parameters out of range (r, alpha, b, p, q, v must be finite and > 0; a ≥ 0, and 0 exactly in the NBD limit)")
        }
        return model
    }
}
