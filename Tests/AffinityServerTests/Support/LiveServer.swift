import AffinityClient
import AffinityProtocol
import AffinityServer
import AffinityTestSupport
import Foundation
import Logging
import NIOCore

/// A real server on an ephemeral port (in this process, test models), and helpers to talk to it.
struct LiveServer {
    let server: AffinityServer
    let port: Int
    let dir: TemporaryDirectory

    static func start(tokens: [String: String]? = nil, maxFrameBytes: Int = 1 << 20, model: Bool = true,
                      limits: ConnectionLimits = ConnectionLimits()) async throws -> LiveServer {
        let dir = try TemporaryDirectory(prefix: "affinity-live")
        var config = ServerConfig()
        config.port = 0
        config.threads = 1
        config.modelPath = model ? "model-a" : nil
        config.churnModelPath = "churn"
        config.dataDirectory = dir.path("data")
        config.maxFrameBytes = maxFrameBytes
        config.limits = limits
        if let tokens {
            let path = dir.path("tokens.json")
            try JSONEncoder().encode(tokens).write(to: URL(fileURLWithPath: path))
            config.tokensPath = path
        }
        var logger = Logger(label: "live-test")
        logger.logLevel = .critical
        let server = try AffinityServer(config: config, loader: TestModelLoader(), logger: logger)
        let address = try await server.start()
        return LiveServer(server: server, port: address.port ?? 0, dir: dir)
    }

    func connect() async throws -> AffinityConnection {
        try await AffinityConnection.connect(host: "127.0.0.1", port: port)
    }

    func stop() async {
        await server.shutdown(timeout: .seconds(5))
        dir.remove()
    }
}

extension ByteBuffer {
    /// The reply's `error.code`, or nil for a success.
    var errorCode: String? {
        struct Probe: Decodable { struct E: Decodable { let code: String }; let error: E? }
        return (try? JSONDecoder().decode(Probe.self, from: Data(readableBytesView)))?.error?.code
    }

    var replyID: RequestID? {
        struct Probe: Decodable { let id: RequestID? }
        return (try? JSONDecoder().decode(Probe.self, from: Data(readableBytesView)))?.id
    }
}
