import Foundation

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to its end and returns its standard output (standard error is kept for the
/// error message when it fails).
@discardableResult
func runProgram(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                directory: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = directory }
    let stdout = Pipe()
    let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: stderrFile) }
    process.standardOutput = stdout
    process.standardError = try FileHandle(forWritingTo: stderrFile)
    try process.run()
    let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let errors = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        throw BenchError("\(path) \(arguments.prefix(2).joined(separator: " ")) exited \(process.terminationStatus): \(errors.suffix(2000))")
    }
    return output
}

/// Decodes the last line of a workload's output: `{"case": [milliseconds, …], …}`.
func decodeSamples(_ output: String) throws -> [String: [Double]] {
    guard let line = output.split(separator: "\n").last,
          let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [Double]] else {
        throw BenchError("unexpected workload output: \(output.suffix(500))")
    }
    return object
}

/// A process's proportional set size in bytes (`/proc/PID/smaps_rollup`): all of it (`Pss:`), or
/// only anonymous memory (`Pss_Anon:` — heaps and JIT code, which what other processes map
/// does not move; used for growth inside one process).
func proportionalSetSize(_ pid: Int32, field: String = "Pss:") -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field) {
        return Double(line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
}

/// Process ids of this process's children whose name starts with `prefix` (`/proc/PID/stat`
/// truncates names to 15 characters).
func childProcesses(named prefix: String) -> [Int32] {
    let me = getpid()
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return stat[stat.index(after: open)..<close].hasPrefix(prefix.prefix(15)) && fields.count > 1 && Int32(fields[1]) == me
    }
}

/// A peer process left running (an idle Node or Deno for the memory measure, the loopback
/// server), with its standard output readable line by line.
final class RunningProcess {
    let process = Process()
    private let stdout = Pipe()
    private var buffer = Data()

    init(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The next line it prints (blocking), or nil at its end.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                return line
            }
            let more = stdout.fileHandleForReading.availableData
            if more.isEmpty { return nil }
            buffer += more
        }
    }

    /// Kills it (SIGKILL: a child may inherit a blocked SIGTERM from this process) and reaps it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
