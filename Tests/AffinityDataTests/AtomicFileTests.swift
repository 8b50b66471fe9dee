import AffinityData
import AffinityTestSupport
import Foundation
import Testing

/// `AtomicFile`: whole files or nothing, no temporary files left behind, errors naming the path.
@Suite struct AtomicFileTests {
    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func entries(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("out.csv")
        try AtomicFile.write("first\n", to: path)
        #expect(Self.contents(path) == "first\n")
        try AtomicFile.write(Array("second, longer\n".utf8), to: path)
        #expect(Self.contents(path) == "second, longer\n")
        try AtomicFile.write(to: path) { (file) throws(DataError) in
            for k in 0..<3 { try file.write("line \(k)\n") }
        }
        #expect(Self.contents(path) == "line 0\nline 1\nline 2\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try Self.entries(dir) == ["out.csv"])
    }

    @Test func aFailingBodyLeavesTheOldFileAndNoTemporary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("model.bin")
        try AtomicFile.write("old", to: path)
        #expect(throws: DataError.invalid("stop")) {
            try AtomicFile.write(to: path) { (file) throws(DataError) in
                try file.write("half of the new")
                throw .invalid("stop")
            }
        }
        #expect(Self.contents(path) == "old")
        #expect(try Self.entries(dir) == ["model.bin"])
    }

    @Test func errorsAreSentencesNamingThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.path("no/such/dir/out.csv")
        do {
            try AtomicFile.write("x", to: missing)
            Issue.record("writing into a missing directory succeeded")
        } catch {
            #expect("\(error)" == "\(missing): cannot create a temporary file beside it: no such file or directory")
        }
        // A directory in the way of the rename.
        try FileManager.default.createDirectory(atPath: dir.path("taken"), withIntermediateDirectories: false)
        try AtomicFile.write("inside", to: dir.path("taken/keep.txt"))
        do {
            try AtomicFile.write("x", to: dir.path("taken"))
            Issue.record("replacing a non-empty directory succeeded")
        } catch {
            #expect("\(error)".hasPrefix("\(dir.path("taken")): cannot replace the file (rename from "), "\(error)")
        }
        #expect(try Self.entries(dir) == ["taken"])
    }

    @Test func makeDirectoryCreatesParentsAndRefusesAFileInTheWay() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try AtomicFile.makeDirectory(dir.path("a/b/c"))
        try AtomicFile.makeDirectory(dir.path("a/b/c"))  // existing: fine
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir.path("a/b/c"), isDirectory: &isDirectory) && isDirectory.boolValue)
        try AtomicFile.write("x", to: dir.path("file"))
        #expect(throws: DataError.io(file: dir.path("file"), message: "cannot create the directory: it exists and is not a directory")) {
            try AtomicFile.makeDirectory(dir.path("file/sub"))
        }
    }
}
