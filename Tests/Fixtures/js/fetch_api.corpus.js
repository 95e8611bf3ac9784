// The Fetch API classes and the http/net/dns helpers that need no connection (Node 22 prints the
// expected output; the sandbox must print the same).
const http = require('http');
const net = require('net');

function show(label, fn) {
  try {
    const value = fn();
    console.log(label, value);
  } catch (e) {
    console.log(label, 'throws', e.name, e.code ?? '', e.message);
  }
}

async function showAsync(label, fn) {
  try {
    console.log(label, await fn());
  } catch (e) {
    console.log(label, 'throws', e.name, e.code ?? '', e.message);
  }
}

(async () => {
  // Headers
  const h = new Headers([['B', '2'], ['a', '1']]);
  h.append('A', 'x');
  h.append('Set-Cookie', 'c=1');
  h.append('set-cookie', 'd=2');
  console.log([...h]);
  console.log([...h.keys()], [...h.values()]);
  console.log(h.get('a'), h.get('missing'), h.has('B'), h.getSetCookie());
  h.set('a', ' trimmed\t');
  h.delete('b');
  console.log([...h.entries()]);
  const seen = [];
  h.forEach((value, name) => seen.push(`${name}=${value}`));
  console.log(seen);
  show('bad name', () => new Headers({ 'bad name': 'x' }));
  show('bad value', () => new Headers({ a: 'x\ny' }));
  show('pair', () => new Headers([['a']]));
  console.log(Object.prototype.toString.call(h), typeof Headers.prototype[Symbol.iterator]);

  // Request
  const r = new Request('http://example.com/a?b=1#frag', { method: 'post', headers: { 'X-Y': 'z' }, body: 'hello' });
  console.log(r.method, r.url, r.headers.get('x-y'), r.headers.get('content-type'), r.redirect, r.bodyUsed);
  console.log(await r.text(), r.bodyUsed);
  await showAsync('read twice', () => r.text());
  show('GET body', () => new Request('http://example.com', { body: 'x' }));
  show('bad url', () => new Request('/relative'));
  show('credentials', () => new Request('http://user:pw@example.com/'));
  show('bad method', () => new Request('http://example.com', { method: 'CONNECT' }));
  show('custom method', () => new Request('http://example.com', { method: 'patch' }).method);
  show('lower custom', () => new Request('http://example.com', { method: 'purge' }).method);
  show('redirect mode', () => new Request('http://example.com', { redirect: 'bogus' }));
  const c = new Request('http://example.com/', { method: 'PUT', body: new Uint8Array([104, 105]) });
  const clone = c.clone();
  console.log(await c.text(), await clone.text(), clone.method);
  const fromRequest = new Request(new Request('http://example.com/x', { method: 'DELETE' }));
  console.log(fromRequest.method, fromRequest.url);
  console.log(new Request('http://example.com', { body: new URLSearchParams({ q: 'a b' }), method: 'POST' }).headers.get('content-type'));

  // Response
  const res = new Response('body text', { status: 201, statusText: 'Made', headers: { 'X-A': '1' } });
  console.log(res.status, res.ok, res.statusText, res.headers.get('x-a'), res.headers.get('content-type'), res.type, res.url, res.redirected);
  console.log(await res.clone().text(), await res.arrayBuffer().then((b) => b.byteLength));
  console.log(new Response().status, new Response(null).body, new Response('').body !== null);
  show('status range', () => new Response('x', { status: 99 }));
  show('null body status', () => new Response('x', { status: 204 }));
  const json = Response.json({ a: [1, 2] }, { status: 202 });
  console.log(json.status, json.headers.get('content-type'), await json.json());
  const redirect = Response.redirect('http://example.com/next', 307);
  console.log(redirect.status, redirect.headers.get('location'));
  show('redirect status', () => Response.redirect('http://example.com/', 200));
  const err = Response.error();
  console.log(err.type, err.status, err.ok);
  const blob = await new Response('abc', { headers: { 'content-type': 'text/x' } }).blob();
  console.log(blob.size, blob.type);
  const bytes = await new Response(new Uint8Array([1, 2, 3])).bytes();
  console.log(bytes instanceof Uint8Array, [...bytes]);
  const streamed = new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('from ')); c.enqueue(new TextEncoder().encode('stream')); c.close(); } }));
  console.log(await streamed.text());

  // FormData
  const form = new FormData();
  form.append('a', '1');
  form.append('a', '2');
  form.append('file', new Blob(['content'], { type: 'text/plain' }), 'f.txt');
  form.set('b', 'x');
  console.log(form.getAll('a'), form.get('b'), form.has('file'), form.get('missing'));
  const file = form.get('file');
  console.log(file.name, file.type, file.size, file instanceof File);
  form.delete('a');
  console.log([...form.keys()]);
  const encoded = new Response(form);
  const parsed = await encoded.formData();
  console.log(parsed.get('b'), parsed.get('file').name, await parsed.get('file').text());
  const urlencoded = await new Response(new URLSearchParams('x=1&y=2&x=3')).formData();
  console.log(urlencoded.getAll('x'), urlencoded.get('y'));
  await showAsync('not a form', () => new Response('x').formData());

  // http helpers
  console.log(http.STATUS_CODES[404], http.STATUS_CODES[418], http.METHODS.length, http.METHODS.includes('PATCH'));
  show('header name', () => http.validateHeaderName('bad name'));
  show('header value', () => http.validateHeaderValue('x', 'a\nb'));
  show('header ok', () => http.validateHeaderValue('x', 'fine'));
  console.log(typeof http.Agent, typeof http.globalAgent, http.maxHeaderSize);
  const server = http.createServer();
  console.log(server.listening, server.address());
  show('bad port', () => server.listen(70000));

  // net helpers
  for (const input of ['127.0.0.1', '::1', '::ffff:1.2.3.4', '1.2.3', '256.1.1.1', 'example.com', '', 'fe80::1%eth0']) {
    console.log(JSON.stringify(input), net.isIP(input), net.isIPv4(input), net.isIPv6(input));
  }
})();
