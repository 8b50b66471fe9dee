import Foundation

/// Writes one line to stderr (logs, notes, warnings; results go to stdout).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
