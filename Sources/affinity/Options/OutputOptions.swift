import ArgumentParser

/// `--json`: shared by commands that can print machine-readable output.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as one JSON object on stdout.")
    var json = false
}
