public import AffinityData
import Foundation

/// Where the PostgreSQL event store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (`postgresql://` too). The password comes from the URL, else from a password file
/// (`--events-password-file`: the file's first line), else from `PGPASSWORD`.
///
/// The password never leaves this value in text: `description` (used in every error and log line)
/// shows the URL without it.
public struct StoreURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// Kept out of `description`.
    var password: String?

    /// Parses `text`. Without a password in it, the first line of `passwordFile`, else `PGPASSWORD`
    /// from `environment` (this process's when nil); a password in both the URL and a file is refused.
    public init(_ text: String, passwordFile: String? = nil, environment: [String: String]? = nil) throws(DataError) {
        let expected = "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw .invalid("--events: '\(Self.redacting(text))' is not a PostgreSQL URL; \(expected)")
        }
        let shown = Self.redacting(text)
        guard let user = parts.user, !user.isEmpty else { throw .invalid("--events: '\(shown)' names no user; \(expected)") }
        guard let host = parts.host, !host.isEmpty else { throw .invalid("--events: '\(shown)' names no host; \(expected)") }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid("--events: '\(shown)' names no database (the path after the port); \(expected)")
        }
        guard parts.query == nil, parts.fragment == nil else {
            throw .invalid("--events: '\(shown)': query parameters are not supported (TLS is off; use a loopback or private network); \(expected)")
        }
        let port = parts.port ?? 5432
        guard (1...65535).contains(port) else { throw .invalid("--events: '\(shown)': port \(port) is not in 1...65535") }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        if let passwordFile {
            guard parts.password == nil else {
                throw .invalid("--events-password-file: '\(shown)' has a password already; give it in the URL or in the file, not both")
            }
            password = try Self.readPassword(passwordFile)
        } else {
            let fromEnvironment = (environment ?? ProcessInfo.processInfo.environment)["PGPASSWORD"]
            password = parts.password ?? fromEnvironment.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// The first line of `path` (a trailing newline and carriage return dropped); an empty one is refused.
    static func readPassword(_ path: String) throws(DataError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: path, message: "--events-password-file: cannot read the password file")
        }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) } ?? ""
        guard !line.isEmpty else {
            throw .invalid("--events-password-file: \(path): the first line is empty; expected the store's password on it")
        }
        return line
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// `text` with anything between `scheme://user:` and `@` replaced (for messages about a URL that
    /// did not parse, which may still hold a password).
    static func redacting(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
