import AffinityClient
import AffinityProtocol
import AffinityServer
import AffinityTestSupport
import Foundation
import Testing

/// Resource limits (issue 7, item 4) with short limits on an in-process server. No timing asserts:
/// each test waits for the server to act (bounded by socket timeouts) and checks that other clients
/// are still served.
@Suite struct ResourceLimitsTests {
    private func limits(_ change: (inout ConnectionLimits) -> Void) -> ConnectionLimits {
        var l = ConnectionLimits()
        change(&l)
        return l
    }

    @Test func connectionsBeyondTheLimitGetOverloadedAndOthersKeepWorking() async throws {
        let live = try await LiveServer.start(limits: limits { $0.maxConnections = 2 })
        let a = try await live.connect(), b = try await live.connect()
        #expect(try await a.exchange(#"{"id":1,"op":"health"}"#).contains(#""ok":true"#))
        #expect(try await b.exchange(#"{"id":1,"op":"health"}"#).contains(#""ok":true"#))
        let third = try RawSocket(port: live.port)
        let (closed, text) = third.readToEnd()
        #expect(closed && text.contains(#""code":"overloaded""#), "\(text)")
        #expect(try await a.exchange(#"{"id":2,"op":"health"}"#).contains(#""ok":true"#))
        await a.close()
        await b.close()
        await live.stop()
    }

    @Test func idleConnectionIsClosed() async throws {
        let live = try await LiveServer.start(limits: limits { $0.idleTimeoutMilliseconds = 200 })
        let idle = try RawSocket(port: live.port)
        #expect(idle.readToEnd().closed)
        await live.stop()
    }

    @Test func slowLorisIsClosedWhileOthersAreServed() async throws {
        let live = try await LiveServer.start(limits: limits { $0.frameTimeoutMilliseconds = 300 })
        let loris = try RawSocket(port: live.port)
        let other = try await live.connect()
        var sent = 0
        // One byte every 50 ms of a request line that never ends: active, but never a whole frame.
        while loris.send("{") && sent < 400 {
            sent += 1
            #expect(try await other.exchange(#"{"id":1,"op":"health"}"#).contains(#""ok":true"#))
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(sent < 400, "the slow-loris connection was never closed")
        #expect(loris.readToEnd().closed)
        await other.close()
        await live.stop()
    }

    @Test func clientThatNeverReadsIsDisconnectedAtTheOutboundBound() async throws {
        let live = try await LiveServer.start(limits: limits { $0.maxOutboundBytes = 64 << 10 })
        let sink = try RawSocket(port: live.port, receiveBufferBytes: 4096)
        let other = try await live.connect()
        let line = #"{"id":1,"op":"recommend","user":"alice","k":50}"# + "\n"
        let chunk = String(repeating: line, count: 200)
        var rounds = 0
        // Keep sending, never read: the server must drop us once our unread replies pass 64 KiB.
        while sink.send(chunk) && rounds < 2000 { rounds += 1 }
        #expect(rounds < 2000, "a client that never reads was never disconnected")
        #expect(try await other.exchange(#"{"id":2,"op":"health"}"#).contains(#""ok":true"#))
        await other.close()
        await live.stop()
    }
}

/// The limits' flags on `affinity serve` are validated before anything starts.
@Suite struct ResourceLimitFlagTests {
    @Test(arguments: [("--max-connections", "0"), ("--idle-timeout-ms", "0"), ("--frame-timeout-ms", "0"), ("--max-outbound-bytes", "10")])
    func badLimitIsRefusedNamingTheFlag(_ flag: String, _ value: String) throws {
        let r = try AffinityTestSupport.CLIRunner().run(["serve", "--port", "0", flag, value])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains(flag) && r.stderr.contains(value), "\(r.stderr)")
    }
}
