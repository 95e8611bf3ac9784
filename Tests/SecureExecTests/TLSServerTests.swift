import Foundation
@testable import SecureExec
import Synchronization
import Testing

/// `pem` as a JavaScript string literal.
private func jsString(_ pem: String) -> String {
    "'" + pem.replacingOccurrences(of: "\n", with: "\\n") + "'"
}

@Suite("TLS servers in the sandbox: https.createServer and tls.createServer on the loopback")
struct TLSServerTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func tlsServerAnswersSandboxClients() async throws {
        let pem = try await SelfSignedCertificate.make()
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const tls = require('tls');
            const key = \(jsString(pem.key)), cert = \(jsString(pem.cert));
            const server = tls.createServer({ key, cert }, (socket) => {
              socket.on('data', (d) => socket.end('echo ' + d));
            });
            function talk(options) {
              return new Promise((resolve) => {
                const c = tls.connect({ host: 'localhost', port: server.address().port, ...options }, () => {
                  console.log('secure', c.encrypted, c.authorized);
                  c.write('hi');
                });
                let got = '';
                c.on('data', (d) => got += d);
                c.on('end', () => { console.log(got); resolve(); });
                c.on('error', (e) => { console.log('error', e.code); resolve(); });
              });
            }
            server.listen(0, async () => {
              await talk({ ca: cert });
              await talk({ rejectUnauthorized: false });
              await talk({});
              server.close();
            });
            """, networkDriver(check: log.check()))
        #expect(result.code == 0)
        #expect(output.stdout == """
            secure true true
            echo hi
            secure true false
            echo hi
            error UNABLE_TO_VERIFY_LEAF_SIGNATURE

            """)
        let listen = try #require(log.requests.first { $0.op == .listen })
        #expect(listen.protocol == "tls:")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func httpsServerAnswersTheSandboxAndTheHost() async throws {
        let pem = try await SelfSignedCertificate.make()
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let output = Output()
        let log = NetworkLog()
        let runtime = try NodeRuntime(systemDriver: networkDriver(check: log.check()), isolation: testIsolation, onStdio: { event in
            output.handler(event)
            continuation.yield(event.message)
        })
        let call = Task {
            try await runtime.exec("""
                const https = require('https');
                const key = \(jsString(pem.key)), cert = \(jsString(pem.cert));
                const server = https.createServer({ key, cert }, (req, res) => {
                  let body = '';
                  req.on('data', (c) => body += c);
                  req.on('end', () => {
                    res.setHeader('X-Encrypted', String(req.socket.encrypted));
                    res.end('secure ' + req.method + ' ' + req.url + ' ' + body);
                    if (body === 'stop') server.close();
                  });
                });
                server.listen(4443, () => {
                  https.get({ host: 'localhost', port: 4443, path: '/inside', ca: cert }, (res) => {
                    let b = '';
                    res.on('data', (c) => b += c);
                    res.on('end', () => console.log(res.statusCode, b));
                  }).on('error', (e) => console.log('error', e.code));
                });
                """)
        }
        for await line in lines where line.contains("secure") { break }
        let servers = runtime.network.servers
        #expect(servers.map(\.kind) == [.https])
        let response = try await runtime.network.fetch(port: 4443, path: "/host", method: "POST", body: Array("x".utf8))
        #expect(String(decoding: response.body, as: UTF8.self) == "secure POST /host x")
        #expect(response.headers.first { $0.name.lowercased() == "x-encrypted" }?.value == "true")
        // A real TLS client through the real loopback port.
        let hostPort = try #require(servers.first?.hostPort)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sk", "https://127.0.0.1:\(hostPort)/curl"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        let curlOutput: String = await withCheckedContinuation { done in
            Thread {
                try? curl.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                curl.waitUntilExit()
                done.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        #expect(curlOutput == "secure GET /curl ")
        _ = try await runtime.network.fetch(port: 4443, method: "POST", body: Array("stop".utf8))
        let result = try await call.value
        #expect(result.code == 0)
        #expect(output.stdout == "200 secure GET /inside \n")
        #expect(log.requests.first { $0.op == .listen }?.protocol == "https:")
        await runtime.dispose()
    }

    @Test func badCredentialsAreRefused() async throws {
        let (_, output) = try await exec("""
            try { require('https').createServer({}, () => {}); } catch (e) { console.log(e.code); }
            const s = require('tls').createServer({ key: 'nope', cert: 'nope' });
            s.on('error', (e) => console.log('error', e.code));
            s.listen(0);
            """, networkDriver())
        #expect(output.stdout == "ERR_SANDBOX_TLS_CREDENTIALS\nerror ERR_OSSL_PEM_NO_START_LINE\n")
    }
}
