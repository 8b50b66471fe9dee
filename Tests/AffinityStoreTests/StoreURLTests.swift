import AffinityData
import AffinityStore
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
