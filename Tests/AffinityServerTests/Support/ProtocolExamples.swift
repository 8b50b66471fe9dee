import AffinityProtocol
import AffinityTestSupport
import Foundation

/// The request/reply examples of docs/PROTOCOL.md: each `→ request` line of a fenced block and the
/// `← reply` line after it. A block preceded by `<!-- illustrative -->` is not replayed (it needs
/// `--tokens`); every other example was recorded from a session on the synthetic shop
/// (`scripts/protocol-examples.sh`) and is replayed by `ProtocolExamplesTests`.
struct ProtocolExamples {
    struct Example {
        var request: String
        var reply: String
        /// 0-based line of the reply in the document.
        var replyLine: Int
        var replayed: Bool
    }

    static let marker = "<!-- illustrative -->"
    var lines: [String]
    var examples: [Example]

    static var path: String { CLIRunner.packageRoot().appendingPathComponent("docs/PROTOCOL.md").path }

    init(path: String = Self.path) throws {
        lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        examples = []
        var inBlock = false, replayed = true, request: String?
        for (n, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                if !inBlock { replayed = lines[..<n].last(where: { !$0.isEmpty }) != Self.marker }
                inBlock.toggle()
                request = nil
            } else if inBlock, line.hasPrefix("→ ") {
                request = String(line.dropFirst(2))
            } else if inBlock, line.hasPrefix("← "), let r = request {
                examples.append(Example(request: r, reply: String(line.dropFirst(2)), replyLine: n, replayed: replayed))
                request = nil
            }
        }
    }

    /// Arrays longer than `keep` elements written as their first `keep` elements and `…`, so a long
    /// reply (`sample_users`, `factors`) stays readable; `expand` makes such a line JSON again.
    static func abbreviate(_ json: String, keep: Int = 3) -> String {
        var out = "", counts: [Int?] = [], inString = false, escaped = false, skipDepth = 0
        for ch in json {
            if skipDepth > 0 {
                // Inside the cut tail of an array: copy nothing until its closing bracket.
                if inString {
                    if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                    continue
                }
                switch ch {
                case "\"": inString = true
                case "[", "{": skipDepth += 1
                case "]", "}":
                    skipDepth -= 1
                    if skipDepth == 0 { out.append(",…]"); counts.removeLast() }
                default: break
                }
                continue
            }
            if inString {
                out.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            switch ch {
            case "\"": inString = true
            case "[": counts.append(1)
            case "{": counts.append(nil)
            case "]", "}": counts.removeLast()
            case "," where (counts.last ?? nil) != nil:
                let n = counts[counts.count - 1]! + 1
                counts[counts.count - 1] = n
                if n > keep {
                    skipDepth = 1
                    continue
                }
            default: break
            }
            out.append(ch)
        }
        return out
    }

    static func expand(_ line: String) -> Data { Data(line.replacingOccurrences(of: ",…", with: "").utf8) }

    /// Key paths of a JSON value (`result.items[].score`): the shape of a reply, whatever its values.
    static func shape(_ data: Data) throws -> Set<String> {
        var paths = Set<String>()
        func walk(_ v: Any, _ path: String) {
            if let d = v as? [String: Any] {
                for (k, x) in d {
                    let p = path.isEmpty ? k : path + "." + k
                    paths.insert(p)
                    walk(x, p)
                }
            } else if let a = v as? [Any] {
                for x in a { walk(x, path + "[]") }
            }
        }
        walk(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]), "")
        return paths
    }

    /// The document with each replayed example's reply replaced by `replies[i]` (abbreviated).
    func rewritten(replies: [String]) -> String {
        var out = lines
        for (example, reply) in zip(examples.filter(\.replayed), replies) {
            out[example.replyLine] = "← " + Self.abbreviate(reply)
        }
        return out.joined(separator: "\n")
    }
}
