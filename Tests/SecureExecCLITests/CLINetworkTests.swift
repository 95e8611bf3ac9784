import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server on a POSIX socket that answers every connection with `hello` until
/// stopped (a thread accepts; the test process needs no networking library).
final class TinyHTTPServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let thread: Thread

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &buffer, buffer.count)
                let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello".utf8)
                _ = reply.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }
        thread.start()
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

@Suite("secure-exec command line: --allow-net", .timeLimit(.minutes(1)))
struct CLINetworkTests {
    let cli = CLITests()

    /// Runs the binary off the cooperative pool (waiting for a process blocks a thread; the
    /// pool has one per core and other tests' timers need it).
    func output(_ arguments: [String]) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: (try? cli.run(arguments).stdout) ?? "failed to run")
            }.start()
        }
    }

    /// Loopback destinations need naming with their port (or a CIDR); each case is one CLI run
    /// against a fresh loopback server (`PORT` and `NEXT` stand for its port and the next one).
    @Test(arguments: [
        ([], "127.0.0.1", false),  // no grant: denied by the permission
        (["--allow-net"], "127.0.0.1", false),  // a bare --allow-net grants public destinations only
        (["--allow-net=127.0.0.1:PORT"], "127.0.0.1", true),  // named with its port: reachable
        (["--allow-net=127.0.0.1:NEXT"], "127.0.0.1", false),  // another port of the same address is not
        (["--allow-net=127.0.0.0/8"], "127.0.0.1", true),
        (["--allow-net=localhost:PORT"], "localhost", true),
        (["--allow-net"], "localhost", false),
        (["--allow-net=127.0.0.0/8", "--deny-net=127.0.0.1"], "127.0.0.1", false),
    ] as [([String], String, Bool)])
    func loopbackNeedsToBeNamedWithItsPort(flags: [String], host: String, reachable: Bool) async throws {
        let server = try TinyHTTPServer()
        defer { server.stop() }
        let code = """
            try { console.log(await (await fetch('http://\(host):\(server.port)/')).text()) }
            catch (e) { console.log(e.message, e.cause?.code) }
            """
        let arguments = ["eval"] + flags.map {
            $0.replacingOccurrences(of: "PORT", with: "\(server.port)").replacingOccurrences(of: "NEXT", with: "\(server.port + 1)")
        } + [code]
        let got = await output(arguments)
        #expect(got == (reachable ? "hello\n" : "fetch failed EACCES\n"), "\(arguments)")
    }
}
