import AffinityNumerics
import ArgumentParser

/// `affinity info`: the BLAS library and thread settings this binary runs with.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the BLAS library, its kernel and its thread count (for a model file, see 'affinity model info').")

    func run() throws {
        print("blas: \(BLASThreads.configuration)")
        print("core: \(BLASThreads.coreName)")
        print("processors: \(BLASThreads.processors)")
        print("blas threads: \(BLASThreads.current)")
    }
}
