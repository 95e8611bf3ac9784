@testable import SecureExec
import Testing

/// The guest's http.Server is Node's: a net.Server whose connections the guest's own HTTP/1
/// parser reads. These tests talk to it with raw loopback sockets (the bytes on the wire as Node
/// writes them) and with the guest's own clients.
@Suite struct HTTPServerTests {
    /// Node's framing: Content-Length for `end(data)`, chunked after `write()`, no body for HEAD
    /// and 204, pipelined requests answered in order on one keep-alive connection.
    @Test func answersAreFramedAsNodeFramesThem() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), net = require('net');
            const server = http.createServer((req, res) => {
              if (req.url === '/len') res.end('hello');
              else if (req.url === '/chunked') { res.write('he'); res.end('llo'); }
              else if (req.url === '/none') { res.statusCode = 204; res.end(); }
              else { res.setHeader('X-Head', 'yes'); res.end('not for HEAD'); }
            });
            server.listen(0, () => {
              const c = net.connect(server.address().port, () => c.end(
                'GET /len HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' +
                'GET /chunked HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' +
                'HEAD /head HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' +
                'GET /none HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\n\\r\\n'));
              let got = '';
              c.on('data', (d) => got += d);
              c.on('close', () => { console.log(JSON.stringify(got.replace(/Date: [^\\r]*\\r\\n/g, ''))); server.close(); });
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        let keepAlive = "Connection: keep-alive\\r\\nKeep-Alive: timeout=5\\r\\n"
        #expect(output.stdout == "\""
            + "HTTP/1.1 200 OK\\r\\n\(keepAlive)Content-Length: 5\\r\\n\\r\\nhello"
            + "HTTP/1.1 200 OK\\r\\n\(keepAlive)Transfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nhe\\r\\n3\\r\\nllo\\r\\n0\\r\\n\\r\\n"
            + "HTTP/1.1 200 OK\\r\\nX-Head: yes\\r\\n\(keepAlive)\\r\\n"
            + "HTTP/1.1 204 No Content\\r\\nConnection: close\\r\\n\\r\\n"
            + "\"\n")
    }

    /// Malformed requests get Node's answers and never reach a request handler: a bare LF, a
    /// Content-Length beside Transfer-Encoding (request smuggling), an oversized head, and an
    /// HTTP/1.1 request without Host.
    @Test func malformedRequestsGetNodesErrorAnswers() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), net = require('net');
            const server = http.createServer({ maxHeaderSize: 1024 }, (req, res) => { console.log('handler ran', req.url); res.end(); });
            server.on('clientError', (err, socket) => {
              console.log('clientError', err.code, err.message);
              socket.end('HTTP/1.1 400 Bad Request\\r\\nConnection: close\\r\\n\\r\\n');
            });
            const plain = http.createServer((req, res) => { console.log('handler ran', req.url); res.end(); });
            const cases = [
              [server, 'GET /lf HTTP/1.1\\r\\nHost: a\\nX: y\\r\\n\\r\\n'],
              [server, 'POST /smuggle HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n'],
              [plain, 'GET /big HTTP/1.1\\r\\nHost: a\\r\\nX: ' + 'x'.repeat(20000) + '\\r\\n\\r\\n'],
              [plain, 'GET /nohost HTTP/1.1\\r\\n\\r\\n'],
            ];
            let pending = cases.length;
            function run([srv, text]) {
              return new Promise((resolve) => {
                const c = net.connect(srv.address().port, () => c.write(text));
                let got = '';
                c.on('data', (d) => got += d);
                c.on('error', () => {});
                c.on('close', () => resolve(got.split('\\r\\n')[0]));
              });
            }
            server.listen(0, () => plain.listen(0, async () => {
              for (const each of cases) console.log(await run(each));
              server.close(); plain.close();
            }));
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            clientError HPE_CR_EXPECTED Parse Error: Missing expected CR after header value
            HTTP/1.1 400 Bad Request
            clientError HPE_INVALID_TRANSFER_ENCODING Parse Error: Transfer-Encoding can't be present with Content-Length
            HTTP/1.1 400 Bad Request
            HTTP/1.1 431 Request Header Fields Too Large
            HTTP/1.1 400 Bad Request

            """)
    }

    /// 'upgrade' hands over the connection with the bytes read past the head; `Expect:
    /// 100-continue` is answered before the handler reads the body; request bodies stream.
    @Test func upgradesContinueAndStreamedBodies() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), net = require('net');
            const server = http.createServer((req, res) => {
              let body = '';
              req.setEncoding('utf8');
              req.on('data', (d) => body += d);
              req.on('end', () => res.end(`${req.method} ${body}`));
            });
            server.on('upgrade', (req, socket, head) => {
              console.log('upgrade', req.headers.upgrade, JSON.stringify(String(head)));
              socket.end('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\nwelcome');
            });
            function raw(text) {
              return new Promise((resolve) => {
                const c = net.connect(server.address().port, () => c.write(text));
                let got = '';
                c.on('data', (d) => {
                  got += d;
                  if (got.includes('100 Continue') && !c.sentBody) { c.sentBody = true; c.end('abc'); }
                });
                c.on('close', () => resolve(got.replace(/Date: [^\\r]*\\r\\n/g, '')));
              });
            }
            server.listen(0, async () => {
              console.log(JSON.stringify(await raw('GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: Upgrade\\r\\nUpgrade: echo\\r\\n\\r\\nearly')));
              console.log(JSON.stringify(await raw('POST /c HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nExpect: 100-continue\\r\\nConnection: close\\r\\n\\r\\n')));
              const req = http.request({ port: server.address().port, method: 'PUT' }, (res) => {
                res.setEncoding('utf8');
                res.on('data', (d) => console.log('client got', d));
                res.on('end', () => server.close());
              });
              req.write('part1-');
              req.end('part2');
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            upgrade echo "early"
            "HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\nwelcome"
            "HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nConnection: close\\r\\nContent-Length: 8\\r\\n\\r\\nPOST abc"
            client got PUT part1-part2

            """)
    }

    /// A response whose chunked framing arrives in pieces (as from many real servers) completes,
    /// and the next request on the kept-alive connection is answered: the host's client reads
    /// again when a read held only framing.
    @Test func fragmentedChunkedAnswersComplete() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), net = require('net');
            const server = net.createServer((socket) => {
              socket.on('data', () => {
                const parts = ['HTTP/1.1 200 OK\\r\\nConnection: keep-alive\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5', '\\r\\n', 'hello', '\\r\\n', '0\\r\\n\\r\\n'];
                const next = () => { if (parts.length) { socket.write(parts.shift()); setTimeout(next, 5); } };
                next();
              });
            });
            server.listen(0, async () => {
              const port = server.address().port;
              for (let i = 0; i < 3; i++) {
                await new Promise((resolve) => http.get({ port, path: `/${i}` }, (res) => {
                  let body = '';
                  res.on('data', (d) => body += d);
                  res.on('end', () => { console.log('http', i, body); resolve(); });
                }));
              }
              const r = await fetch(`http://localhost:${port}/f`);
              console.log('fetch', await r.text());
              server.close();
              process.exit(0);
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "http 0 hello\nhttp 1 hello\nhttp 2 hello\nfetch hello\n")
    }

    /// Informational answers (102 Processing, 103 Early Hints) reach the guest's client as Node's
    /// 'information' events, before 'response'; malformed Link hints are refused as in Node.
    @Test func informationalAnswersReachTheClient() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            const server = http.createServer((req, res) => {
              res.writeProcessing();
              res.writeEarlyHints({ link: ['</a.css>; rel=preload; as=style', '</b.js>; rel=preload'], 'x-hint': 'yes' });
              try { res.writeEarlyHints({ link: 'no brackets' }); } catch (e) { console.log(e.code); }
              res.end('done');
            });
            server.listen(0, () => {
              const req = http.get({ host: '127.0.0.1', port: server.address().port });
              req.on('information', (info) => console.log('information', info.statusCode, info.statusMessage, JSON.stringify(info.headers)));
              req.on('response', (res) => {
                res.setEncoding('utf8');
                res.on('data', (d) => console.log('response', res.statusCode, d));
                res.on('end', () => server.close());
              });
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            ERR_INVALID_ARG_VALUE
            information 102 Processing {}
            information 103 Early Hints {"link":"</a.css>; rel=preload; as=style, </b.js>; rel=preload","x-hint":"yes"}
            response 200 done

            """)
    }

    /// A request whose head never completes is answered 408 after `headersTimeout`, under the
    /// default frozen clocks too (the server measures time with the event loop's clock).
    @Test func anIncompleteRequestTimesOut() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), net = require('net');
            const server = http.createServer({ requestTimeout: 200, headersTimeout: 200, connectionsCheckingInterval: 50 },
                                             (req, res) => res.end('x'));
            server.listen(0, () => {
              const c = net.connect(server.address().port, '127.0.0.1', () => c.write('GET / HTTP/1.1\\r\\nHost: a\\r\\n'));
              let got = '';
              c.on('data', (d) => got += d);
              c.on('close', () => { console.log(JSON.stringify(got)); server.close(); });
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == #""HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n""# + "\n")
    }
}
