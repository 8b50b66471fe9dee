import Foundation

/// Writes small inline fixtures into a temporary directory.
extension TemporaryDirectory {
    /// Writes `text` (UTF-8, byte for byte) to `name` and returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Writes raw bytes to `name` and returns the path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
}
