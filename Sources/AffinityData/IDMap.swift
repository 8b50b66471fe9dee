/// A bijection between external string IDs and dense indices `0..<count`,
/// assigned in order of first appearance.
///
/// Either owned (a `[String]` plus a dictionary; what loaders and training build) or an
/// `IDTable` read in place from a loaded model file (no per-ID `String`). Both match IDs
/// byte for byte (UTF-8, no Unicode normalization: precomposed "é" and "e\u{301}" are two IDs).
/// `intern` on a table-backed map first copies it into the owned form.
public struct IDMap: Sendable, Equatable {
    private var owned: [String] = []
    private var lookup: [UTF8Key: Int32] = [:]
    private var box: TableBox?
    private var table: IDTable? { box?.table }

    public init() {}

    /// Builds from an ordered list of distinct IDs (index = position).
    public init(ids: [String]) {
        owned = ids
        lookup.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { lookup[UTF8Key(id)] = Int32(i) }
        precondition(lookup.count == ids.count, "IDMap: duplicate IDs")
    }

    /// Uses a validated ID table in place.
    public init(table: IDTable) {
        box = TableBox(table: table)
    }

    /// Whether lookups read an `IDTable` in place (a loaded model) rather than owned strings.
    public var isTableBacked: Bool { table != nil }

    /// All IDs in index order. For a table-backed map this makes one `String` per ID (O(count)):
    /// prefer `count` and the subscript.
    public var ids: [String] {
        guard let table else { return owned }
        return (0..<Int32(table.count)).map { table[$0] }
    }

    public var count: Int { table?.count ?? owned.count }

    /// The dense index of `id`, or nil when unknown.
    public func index(of id: String) -> Int32? {
        if let table { return table.index(of: id) }
        return lookup[UTF8Key(id)]
    }

    /// The dense index of `id`, adding it when new.
    public mutating func intern(_ id: String) -> Int32 {
        if table != nil { self = IDMap(ids: ids) }
        if let i = lookup[UTF8Key(id)] { return i }
        let i = Int32(owned.count)
        owned.append(id)
        lookup[UTF8Key(id)] = i
        return i
    }

    /// The external ID at dense index `i`.
    public subscript(i: Int32) -> String {
        if let table { return table[i] }
        return owned[Int(i)]
    }

    public static func == (a: IDMap, b: IDMap) -> Bool {
        a.count == b.count && (0..<Int32(a.count)).allSatisfy { a[$0].utf8.elementsEqual(b[$0].utf8) }
    }
}

/// Holds a table-backed map's `IDTable` by reference, so copying an `IDMap` stays cheap.
final class TableBox: Sendable {
    let table: IDTable
    init(table: IDTable) { self.table = table }
}

/// A dictionary key comparing and hashing a string's UTF-8 bytes (not its Unicode canonical form).
struct UTF8Key: Hashable {
    let string: String
    init(_ string: String) { self.string = string }
    static func == (a: UTF8Key, b: UTF8Key) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }
    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
