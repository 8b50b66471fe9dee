import AffinityData
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

@Suite struct StoreURLTests {
    @Test func parsesEveryPartAndHidesThePassword() throws {
        let url = try StoreURL("postgres://shop:s3cret@db.internal:6543/events", environment: [:])
        #expect(url.user == "shop")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.database == "events")
        #expect(url.description == "postgres://shop@db.internal:6543/events")
        #expect(!"\(url)".contains("s3cret"))
    }

    @Test func defaultPortAndPasswordFromTheEnvironment() throws {
        let url = try StoreURL("postgresql://shop@localhost/events", environment: ["PGPASSWORD": "fromenv"])
        #expect(url.port == 5432)
        #expect(url.description == "postgres://shop@localhost:5432/events")
        #expect(!"\(url)".contains("fromenv"))
    }

    @Test(arguments: [
        ("mysql://shop:pw1secret@h/db", "is not a PostgreSQL URL"),
        ("postgres://h:5432/db", "names no user"),
        ("postgres://shop:pw1secret@h:5432/", "names no database"),
        ("postgres://shop:pw1secret@h:5432/db?sslmode=require", "query parameters are not supported"),
        ("postgres://shop:pw1secret@h:70000/db", "is not in 1...65535"),
    ])
    func refusesBadURLsWithoutShowingThePassword(text: String, expected: String) {
        do {
            _ = try StoreURL(text, environment: [:])
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
            #expect("\(error)".contains("--events"))
            #expect(!"\(error)".contains("pw1secret"))
        }
    }
}

@Suite struct StorePasswordFileTests {
    @Test func thePasswordFileIsReadAndNeverShown() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-pwfile")
        defer { dir.remove() }
        try "fromfile-42\nignored second line\n".write(toFile: dir.path("pw"), atomically: true, encoding: .utf8)
        let url = try StoreURL("postgres://shop@db:5432/events", passwordFile: dir.path("pw"), environment: ["PGPASSWORD": "fromenv"])
        #expect(url.description == "postgres://shop@db:5432/events")
        #expect(!"\(url)".contains("fromfile"))
        #expect(url != (try StoreURL("postgres://shop@db:5432/events", environment: ["PGPASSWORD": "fromenv"])), "the file wins over PGPASSWORD")
        #expect(url == (try StoreURL("postgres://shop:fromfile-42@db:5432/events", environment: [:])))
    }

    @Test func aPasswordInBothPlacesAnEmptyOrMissingFileAreRefused() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-pwfile")
        defer { dir.remove() }
        try "pw2secret\n".write(toFile: dir.path("pw"), atomically: true, encoding: .utf8)
        try "\nsecond\n".write(toFile: dir.path("empty"), atomically: true, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("postgres://shop:pw1secret@db/events", dir.path("pw"), "not both"),
            ("postgres://shop@db/events", dir.path("empty"), "the first line is empty"),
            ("postgres://shop@db/events", dir.path("missing"), "cannot read the password file"),
        ]
        for (text, file, expected) in cases {
            do {
                _ = try StoreURL(text, passwordFile: file, environment: [:])
                Issue.record("accepted \(text) with \(file)")
            } catch {
                #expect("\(error)".contains(expected) && "\(error)".contains("--events-password-file"), "\(error)")
                #expect(!"\(error)".contains("pw1secret") && !"\(error)".contains("pw2secret"))
            }
        }
    }
}
