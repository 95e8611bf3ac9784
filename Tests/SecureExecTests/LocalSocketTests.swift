@testable import SecureExec
import Testing

/// Unix domain sockets inside the sandbox and Node's server connection accounting.
@Suite struct LocalSocketTests {
    /// A server on a path is known to the call only: a connection to it is a pipe in memory
    /// (echo, half-close, EADDRINUSE for a second listener); no file is made and no network
    /// permission is asked (the driver allows none).
    @Test func pathsConnectWithinTheSandbox() async throws {
        let (result, output) = try await exec("""
            const net = require('net'), fs = require('fs');
            const path = '/tmp/app.sock';
            const server = net.createServer((s) => {
              s.on('data', (d) => s.write('echo:' + d));
              s.on('end', () => s.end());
            });
            server.listen(path, () => {
              console.log('listening', server.address(), fs.existsSync(path));
              net.createServer().listen(path).on('error', (e) => console.log(e.code));
              const c = net.connect(path, () => { c.write('hi'); c.end(); });
              let got = '';
              c.on('data', (d) => got += d);
              c.on('close', () => {
                console.log('got', got);
                server.close(() => net.connect(path).on('error', (e) => console.log('after close', e.code)));
              });
            });
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "listening /tmp/app.sock false\nEADDRINUSE\ngot echo:hi\nafter close ENOENT\n")
    }

    /// `maxConnections` closes connections over the limit with a 'drop' event; getConnections
    /// counts the open ones.
    @Test func maxConnectionsDropsTheSurplus() async throws {
        let (result, output) = try await exec("""
            const net = require('net');
            let second;
            const server = net.createServer((s) => {
              server.getConnections((err, n) => console.log('connections', n));
              s.on('close', () => { second.destroy(); server.close(); });
              // The second connection only once the first is accepted (connections reach the
              // guest in the order the host's event loops accept them).
              second = net.connect(server.address().port).on('error', () => {});
            });
            server.maxConnections = 1;
            server.on('drop', (data) => {
              console.log('drop', data.remoteAddress, typeof data.remotePort, data.localFamily);
              first.destroy();
            });
            let first;
            server.listen(0, () => { first = net.connect(server.address().port); });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "connections 1\ndrop ::ffff:127.0.0.1 number IPv6\n")
    }

    /// As in Node, a closed server emits 'close' only once every connection it accepted has
    /// closed (TCP and in-sandbox paths alike).
    @Test func closeWaitsForTheServersConnections() async throws {
        let (result, output) = try await exec("""
            const net = require('net');
            for (const where of [0, '/tmp/close.sock']) {
              let ended = false;
              const server = net.createServer((s) => {
                server.close(() => console.log(typeof where, 'closed after the connection ended:', ended));
                setTimeout(() => { ended = true; s.end(); }, 50);
              });
              server.listen(where, () => {
                const c = net.connect(typeof where === 'number' ? server.address().port : where);
                c.on('error', () => {});
                c.resume();
              });
            }
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout.split(separator: "\n").sorted() == ["number closed after the connection ended: true",
                                                                   "string closed after the connection ended: true"])
    }
}
