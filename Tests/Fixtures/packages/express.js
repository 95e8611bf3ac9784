// express (Debian's node-express) on the sandbox's http.Server: routing, params and query, JSON
// bodies, status codes, the 404 handler and express's own headers, through real loopback requests.
const express = require('express');
const http = require('http');

const app = express();
app.use(express.json());
app.get('/hello/:name', (req, res) => res.json({ hi: req.params.name, q: req.query, header: req.get('x-test') }));
app.post('/echo', (req, res) => res.status(201).send(req.body));
app.get('/stream', (req, res) => { res.type('text'); res.write('a'); setTimeout(() => res.end('b'), 5); });
app.use((req, res) => res.status(404).send('nope'));

function request(port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve([res.statusCode, res.headers['content-type'], res.headers['x-powered-by'], text]));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const server = app.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  console.log(await request(port, 'GET', '/hello/bob?x=1&y=2', undefined, { 'x-test': 'yes' }));
  console.log(await request(port, 'POST', '/echo', JSON.stringify({ n: 1, list: [1, 2] }), { 'content-type': 'application/json' }));
  console.log(await request(port, 'GET', '/stream'));
  console.log(await request(port, 'GET', '/missing'));
  server.close();
});
