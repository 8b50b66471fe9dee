public import AffinityProtocol
import Foundation

/// Tokens and their roles, from a JSON file `{"<token>": "storefront"|"marketer"|"admin"}`.
/// Lookup compares against every token in constant time per byte, so timing does not reveal
/// how much of a token matched. Tokens are never logged or put in messages.
public struct TokenStore: Sendable {
    private let entries: [(token: [UInt8], role: Role)]

    public init(roles: [String: Role]) {
        entries = roles.map { (Array($0.key.utf8), $0.value) }
    }

    public static func load(path: String) throws(ServerError) -> TokenStore {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badTokens(path: path, reason: "cannot read the tokens file")
        }
        let raw: [String: String]
        do {
            raw = try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw .badTokens(path: path, reason: "expected a JSON object {\"<token>\": \"storefront\"|\"marketer\"|\"admin\"}")
        }
        var roles: [String: Role] = [:]
        for (i, (token, name)) in raw.sorted(by: { $0.key < $1.key }).enumerated() {
            guard let role = Role(rawValue: name) else {
                throw .badTokens(path: path, reason: "entry \(i + 1): role must be storefront, marketer or admin; got \"\(name)\"")
            }
            if token.utf8.count < 8 {
                throw .badTokens(path: path, reason: "entry \(i + 1): tokens must be at least 8 bytes long")
            }
            roles[token] = role
        }
        if roles.isEmpty { throw .badTokens(path: path, reason: "the file lists no tokens") }
        return TokenStore(roles: roles)
    }

    /// The role of `token`, or nil. Examines every stored token fully whatever matches.
    public func role(for token: String) -> Role? {
        let given = Array(token.utf8)
        var found: Role?
        for entry in entries {
            if Self.constantTimeEqual(entry.token, given) { found = entry.role }
        }
        return found
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = a.count ^ b.count
        for i in 0..<a.count {
            diff |= Int(a[i] ^ (i < b.count ? b[i] : 0))
        }
        return diff == 0
    }
}
