// WebCrypto (crypto.subtle) as Node 22 has it: digests, HMAC, AES-GCM/CBC/CTR, ECDSA, Ed25519,
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP, PBKDF2, HKDF, ECDH, X25519, import/export, wrapping, errors.
const { subtle } = globalThis.crypto;
const nodeCrypto = require('crypto');
const hex = (b) => Buffer.from(b).toString('hex');
const show = async (label, f) => { try { const r = await f(); console.log(label, r instanceof ArrayBuffer ? 'ArrayBuffer ' + hex(r) : typeof r === 'object' && r !== null ? JSON.stringify(r, (k, v) => v instanceof Uint8Array ? `u8:${hex(v)}` : v) : r) } catch (e) { console.log(label, e.name, e.message) } };
const pems = {
 "rsa": "-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDjOhZiFcv2i8Bg\nzKpYfK4rTSb1hDq8rGBp9wex6v1CKr8RHsGJ0FaHXHp8SymHKp+KdE5U8PdyyZzA\nm1YpUxg1JVi7q05khmwmersk8asYgVnu6QbMcyvrCscLJNayTORLDovYP36ew6/Y\n66DGWcJSrQGoHhcpXTvvQXA++U1WIC+GUW4UDu+yrt/UCX7vDmCtggJXyuctcIaA\n/iVbdU2Tw+QRnGzb1hnCJhL1hdTQScyXUi9Civ42zhVIHvHvlnDmyATuzNVQ+UVl\ndnwLgl/yqkXm+kgMjxDm3023UA/mAIy/FKT+xdaI91vBq7zjCbiTACJglRArcOZg\nmhrSuGfpAgMBAAECggEACO5APDYVWcEGdv+AR/ahh/iSBLcKscjtcqi9ATpbnm7B\n6vKMTTDL1SmL3l1RZOYRK8QfDTIEgGWpvv0JSu9AmFvPCUmQt5J8HHCOhljnE7vc\nwiSKP1LyVFGh1FTWs963X8xS79VCB6EoZN8Q8aQhkeCJxsGPq+Zlppq0sSLuWKlw\n9rDPCeL/pinH+FsYz79gwNhLfOTvcbJplBsxBUPmulmLAV76dTpu3LMMo//SO8Qg\nzMPhhEyNMLJebslBUMco08XJf77nBe2hGGR4xfAD7CPIM3RtWqMYWsKzS09nNa0L\nvW5W15XZXMT+CP4UxpyeoNibNUj5LI7H1Jmru8U2gQKBgQD4FNtuKizuvpJonOh9\ny9Q6f3ASpfb5MR8mbZ/ArbixHATR5Pbbp0pBUyWJnO1yWYwzxwRpcf0+NN+xCjYO\nNDDwLjmlN3vZl/H2ZorjiR1qKkt2fWWQnOSCf0E2YPEZiVMXnxTNJNH4pb3Od37m\nL4G6/19ADudskxF9stalMPKHaQKBgQDqetJgsnEiRxPEvGd9i0hxt3ro3znv9+8r\nkppKT/K4Q0r35SXTkz98kgL7tfK90QsSHRU7FfTNi4faUZxvMpOJmROO+bZjot3e\nw9x6Ar6e+kePq2D/Ejsj5aOLMUeu4e4WjFgOF0v3TWN83hjNVvmgxwzf/ogHgDWp\nM3SSMvdMgQKBgH2TYTe0laYMRWQ6+NykjrtFwt9Nr2SYXuI+33zS8wiD3FS7B9JM\nLiQ/CGNOUktt1LBo72zIzJ3uecTOHGq4NIV/gKKHIWQVq99ELM3cnE0fN6+07fJz\n2J/N9p6mF6ULhEoStp7ZIogwrZGTn2K5bXvQxNBSOwcUsufj3Q8lZb7xAoGAKnRW\nhv+IEGbCI4rhSg/f7AcGkAdq3BIOEduXaAEVt1snxb6NnMM6aXmeZKjK7Kde08bE\nQ1B0ZIrw7Ax+wHttzyoSKn74EQ46Ec1wq/63ON2j+1VSWJyabKN1ewxPKFDr5NVA\nVDzPmlU+wCsOXo9y3zNrF1tkkcca8CnK33Wu5QECgYAptGWbZHOcS43YNAEF0sWN\nDw916c4Wwe/SHbF5PYY5CtmXqylDVVyPFU6XPwC9EI6rQrakYETJNETPBjYLO228\nhjHJtUWvsh5FdgfmjkR7a4pDWBGt6mcIwCNVo/rcJYfbtR2wIgdsU1TFz/DJaFF+\nJHqMuVP6cJVUuoRzbpq6iQ==\n-----END PRIVATE KEY-----\n",
 "rsa1024": "-----BEGIN RSA PRIVATE KEY-----\nMIICXAIBAAKBgQDfblIpl5VdUZvKh3MVXs8rJ0VXr7LOUSWIXaUk8ZI4iOK5huk0\npiLBUS9+NZHJvK/n1fauH44dLERmkVzCw2MxvtPbdhff1S6R3TDU7PXTWhZLgccM\nSAZ16x90yjGr2gUqd/qEU7Kv6ZJx5F7MKfUj0GGJ6xk6sJ5dqghenlz3GwIDAQAB\nAoGASvuRI1g1zk2XBQ8T9jYNPKQ/R0A1t7vP5sXWqGFR+xslS7IVDZA71bjTQX3k\n4Vkrh5hs4t7AKNY0Vl+uS8aawPRi/BjLoyIu7qYCDU9DgD26zH6vwRZaVrIcCsZY\n01XNylub1Z6vzm/LT+pkJHwq2PgnXDKbhNFjHcgkqtOKkjECQQD6PQ63Y0TJOEYX\nO2ibtAxNTcxKWCE1AmyPwPJwYHDJXcgb4wSdTQFMngcvLc7nQkAcZF3Sa5J0A6nD\nlL2RXE6lAkEA5JNBeAKRbz8gZLa9kcD67Lc+mY068YwROFNZJHFq8VqJwUKq0bvH\nPzxyFzgIXG4QM3YaW63Hvv292VcfzY0CvwJBAJoYIUjSy1fx3E+QGOHQ5MZxwvyA\n+qnu/TUkxuZmrO2DX6e0i3HmKoeoxJnL5p5IELyrHY9nCL+CRfcXUAkEQ7UCQDYW\ncmOHmAqPEYdDhtA6riXdpr6HIO+PiXOepXVuMTQzjG1i7TD8EkXwc77yz2ev072Z\nsNsI4D9do9MOPsRRHdkCQCTaQ6T5kr5yymrEAjFNMSMVImXqaJOMUNtgDl0tBMyg\nHIrHaCYVLsC9Woc2pUe6Dlczq50Gx/mhAU9JeHRGQoI=\n-----END RSA PRIVATE KEY-----\n",
 "p256": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7ZnxB3wjAemHVIuj\n5aQ32aDIv3yG/EPUs4O01eDz3qahRANCAARrfMBocCOGxYNJBrGx9TfjPMTegbw0\nh9apkidgHRiOg2yRorYFUdmZKIeSLgPrzUI6TcTGrauLPSJbJYhafhwW\n-----END PRIVATE KEY-----\n",
 "p384": "-----BEGIN PRIVATE KEY-----\nMIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBM/ifMzaZEcH3pEvkG\nzZxA3x8zWFV1YIDOodU4GaBueKcVcDgkBOuDhqZf59xGwrihZANiAAT1lg96FUYt\njo/kpOrL7kwjQ6PskzbNqK4lDuw4hE+m7mS15j+E8PSZBgM365EpDTlJ9PvD/2I7\nsQw/ETq2k6iqbTKJHnMrSiErAl0Uc2WK0LGJ3QT4HepPvXv0aapZ85c=\n-----END PRIVATE KEY-----\n",
 "p521": "-----BEGIN PRIVATE KEY-----\nMIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIAX/6U3WxkPquOJDRY\n6fbNMFKWA3Bg05eS63t8MWOE8DC3eDr3NP9NzZqoZ9C2chi4q0NLZ7tcWYLcFn7P\nYi0tAYahgYkDgYYABACtTuA/amfG7C1+JIV3hH1fUntjteiBAA5JgDhKmKffexbR\nLIip+0TbUrge3CMa9AJfpJetONTc4DKeGYgK4Ln4PAF1HkBR7e0dgJ0h51B7FlZV\n3922iQx+RafXi2qnFbSL//5jfoEdXxSNdsSP4EcxrLgQ+sKdXzm2VD+h7hmmXWyA\ndQ==\n-----END PRIVATE KEY-----\n",
 "ed": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEICJnarvQPHlqFhi77xHEvXfcZFyWfFwfrqB9rHcQM5wx\n-----END PRIVATE KEY-----\n",
 "x": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIFAGUe8bAVfmEtVLnd+jXmRjZZxtwDBXUZFwhTksG3Bs\n-----END PRIVATE KEY-----\n",
 "x2": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIBgYdQsgrZz0JVcW0MtDjwFFTwPE5739bS3DR0HGRv9D\n-----END PRIVATE KEY-----\n",
 "p256b": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGulv6+Xw4dqzqMQvdKGTd93qVy2vTGthtTdDNKp+Y7eoAoGCCqGSM49\nAwEHoUQDQgAEayZhK76fsSnMpIzEEgE6qDTBdKZ4EtsPXZB3JVq5KsWfMoWnNOW4\n+iaARgWr+WkiUKTa0ducbBuUGSRzvN+zGQ==\n-----END EC PRIVATE KEY-----\n"
};
const nodeMade = {
 "p256": "30460221009c5f05a38c14c1c244d302a2d761e4e966d009e254497f394c2485e168448fca022100f7687b45b51f1b93ada46587e0471edad7a547face90900fd2bd75486918e9fb",
 "p384": "02a5113beb079f4469ec4644db81e5f47dd42096c22c6d50cfed54d71d0a3d83153672f26d6ef073a7b914586ce82f7b9bd95d1003fb4a9f6b5975e783a5b76d1db00e77b3d1705c73db85cce584bb365d8863992e2dd3a1b2a958eacafc34c0",
 "p521": "3081880242015ab5f4ae16968954c41e160bf252527ca74745f112f52d7b55b23fd79594ee8a88736475ade327612c6e2d885e636989539be5c4ac10d09a7ae983f6934cdcaf0502420124f66b99860da36c0d27de7884b9ce718d9bed0f3fe254e0de5cf9517786c693f9ba8d2ba3771910d9a83cffbbf2b05cf9c07bc338c60660b924b424873c835cef",
 "pss": "ae33894bb4bfcc9013092890b32b4fe7a3600d67b17e9e6ad8a69187806c20975dd7d1f1a66c6910556da01ccf29f7dadb43c18bd21f02e18809bdec056da180b6d5099aec098d1fb82eac97fd205de01fa70634aa558a7c51673fdd9bfa9c4121f43ae73afc509d1a0dba8a602904173ca231c766fe1a98ac024a08e64f3a5ef04ea4e05b1014e0e6b8c383ff1b3de00f533a7eb3e635c588963e039cba3b34ac7f724000bdd5e55902e5b367c847c9772e3187d437dcaaaa5e2113841c47efae01373e6bc44d18fd1471b067aeced0444364ad565204a50f74e8197e955e8ca05250f3f4ab554e52b7ac2a3ea34e778e2fbf41bb3df8a70894ab31a416a71c",
 "oaep": "1b03bfb8bd91df48dbbcb34ad092f045d8b2a5ea623a065d8a9605d45749b314c1d13ca51e697be6eee0671e8e16fb0c3d0a91806fcefe02067f925bc686b9329b566b7900a679d0f4f1c8b1f79934965f4e350e96fdf7cf9f78795770dc4f6b2280965ffba9fe91c21b24eaef6b109fd9a3c3161d52126b54eea7dcbc4c3d3c97b0322f1bf9f3cbe1f34151568b58288d4e930232f73939c2c836adf013e2467f239587c09ca2001404d2e0b62071dd642e9d830113043faefed4e250d3342eec501547edd177aec9c0b4c501ab1cc48cb3c6902a4125fa2cd5315942b75b0c7ae5e1d919f603fb088be0912a366f60b9516341b1a0762480a3823a347a2f41",
 "oaep256": "83094558bc62a25d03f1b6f19d8adeae8791c29b8ee96207cf5cf1b29ce0ddc3d079398cd7c434c0970590db1454ec93e4e7d3c71ff5c2af03ad7cdea74aa02b8ed13e7592689e7e3f2036c22c1f9a09636d88a78623f2548444f5c4f74ce65b08a5f04fcfe9123e7d119765669b09e9882d0c20b66ca6e869a59cd96f67378178ea76d4166a0cd4403cf43cd55cbdad617a87b05b1b72d718d16e7361cf3a42b6303e13dc93440e06f522e7eada4a2890c2203a2cde954a202b95d6a6c3f3260ba14575d87822d087a4987d30bc9acca6d52bc00896c208c3937486f8e2ad30125bc3688aac59122ad2f83d2d2d5e35e0a60ad34055e88e3b63d6b494ab7e16"
};
const der = (pem) => nodeCrypto.createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
const spki = (pem) => nodeCrypto.createPublicKey(pem).export({ format: 'der', type: 'spki' });
const msg = Buffer.from('the quick brown fox');
const bytes = (n, seed = 1) => new Uint8Array(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff));
(async () => {
  await show('toStringTag', () => Object.prototype.toString.call(subtle) + ' ' + (subtle === nodeCrypto.subtle) + ' ' + (globalThis.crypto === nodeCrypto.webcrypto));
  for (const h of ['SHA-1', 'SHA-256', 'sha-384', { name: 'SHA-512' }]) await show(`digest ${JSON.stringify(h)}`, () => subtle.digest(h, msg));
  await show('digest bad', () => subtle.digest('SHA-3', msg));
  await show('digest no data', () => subtle.digest('SHA-256', 'x'));
  // HMAC.
  const hmac = await subtle.importKey('raw', bytes(32), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  await show('hmac key', () => [hmac.type, hmac.extractable, hmac.algorithm, hmac.usages]);
  await show('hmac inspect', () => require('util').inspect(hmac));
  const mac = await subtle.sign('HMAC', hmac, msg);
  await show('hmac sign', () => mac);
  await show('hmac verify', async () => [await subtle.verify('HMAC', hmac, mac, msg), await subtle.verify('HMAC', hmac, mac, Buffer.from('x'))]);
  await show('hmac jwk', () => subtle.exportKey('jwk', hmac));
  await show('hmac generate', async () => (await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign'])).algorithm);
  // AES.
  for (const bits of [128, 256]) {
    const gcm = await subtle.importKey('raw', bytes(bits / 8), 'AES-GCM', true, ['encrypt', 'decrypt']);
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv: bytes(12, 3), additionalData: Buffer.from('aad') }, gcm, msg);
    await show(`aes-gcm ${bits}`, () => ct);
    await show(`aes-gcm ${bits} decrypt`, async () => Buffer.from(await subtle.decrypt({ name: 'AES-GCM', iv: bytes(12, 3), additionalData: Buffer.from('aad') }, gcm, ct)).toString());
    await show(`aes-gcm ${bits} tag 96`, () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(16, 3), tagLength: 96 }, gcm, msg));
    await show(`aes-gcm ${bits} tampered`, () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12, 4) }, gcm, ct));
    const cbc = await subtle.importKey('raw', bytes(bits / 8), { name: 'AES-CBC' }, true, ['encrypt', 'decrypt']);
    const cbcCt = await subtle.encrypt({ name: 'AES-CBC', iv: bytes(16, 5) }, cbc, msg);
    await show(`aes-cbc ${bits}`, () => cbcCt);
    await show(`aes-cbc ${bits} decrypt`, async () => Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv: bytes(16, 5) }, cbc, cbcCt)).toString());
    const ctr = await subtle.importKey('raw', bytes(bits / 8), 'AES-CTR', false, ['encrypt', 'decrypt']);
    await show(`aes-ctr ${bits}`, () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16, 6), length: 64 }, ctr, msg));
  }
  const aesKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
  await show('aes generate', async () => [aesKey.algorithm, aesKey.usages, (await subtle.exportKey('raw', aesKey)).byteLength, Object.keys(await subtle.exportKey('jwk', aesKey)).join(), (await subtle.exportKey('jwk', aesKey)).alg]);
  await show('aes round trip', async () => Buffer.from(await subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, aesKey, await subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, aesKey, msg))).toString());
  // Signatures with fixed keys.
  const ed = await subtle.importKey('pkcs8', der(pems.ed), 'Ed25519', true, ['sign']);
  const edPub = await subtle.importKey('spki', spki(pems.ed), { name: 'Ed25519' }, true, ['verify']);
  const edSig = await subtle.sign('Ed25519', ed, msg);
  await show('ed25519 sign', () => edSig);
  await show('ed25519 verify', () => subtle.verify('Ed25519', edPub, edSig, msg));
  await show('ed25519 raw', async () => hex(await subtle.exportKey('raw', edPub)) === hex(spki(pems.ed).subarray(12)));
  await show('ed25519 jwk', async () => [await subtle.exportKey('jwk', ed), await subtle.exportKey('jwk', edPub)]);
  const rs = await subtle.importKey('pkcs8', der(pems.rsa), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  await show('rsassa key', () => [rs.algorithm, rs.usages, rs.extractable]);
  await show('rsassa sign', () => subtle.sign('RSASSA-PKCS1-v1_5', rs, msg));
  const rsPub = await subtle.importKey('spki', spki(pems.rsa), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  await show('rsassa verify', async () => subtle.verify('RSASSA-PKCS1-v1_5', rsPub, await subtle.sign('RSASSA-PKCS1-v1_5', rs, msg), msg));
  const pssPub = await subtle.importKey('spki', spki(pems.rsa), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
  const pss = await subtle.importKey('pkcs8', der(pems.rsa), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']);
  await show('rsa-pss node signature', () => subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, Buffer.from(nodeMade.pss, 'hex'), msg));
  await show('rsa-pss round trip', async () => subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pss, msg), msg));
  await show('rsa jwk', async () => Object.keys(await subtle.exportKey('jwk', pss)).join() + ' ' + (await subtle.exportKey('jwk', pss)).alg);
  const ec = await subtle.importKey('pkcs8', der(pems.p384), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
  const ecPub = await subtle.importKey('spki', spki(pems.p384), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']);
  await show('ecdsa node signature', () => subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, ecPub, Buffer.from(nodeMade.p384, 'hex'), msg));
  await show('ecdsa round trip', async () => { const s = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, ec, msg); return [s.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, ecPub, s, msg)]; });
  await show('ecdsa raw public', async () => { const raw = await subtle.exportKey('raw', ecPub); const back = await subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']); return [raw.byteLength, hex(await subtle.exportKey('spki', back)) === hex(spki(pems.p384))]; });
  await show('ecdsa jwk', async () => [await subtle.exportKey('jwk', ecPub)]);
  await show('ecdsa jwk import', async () => { const k = await subtle.importKey('jwk', await subtle.exportKey('jwk', ec), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']); return hex(await subtle.exportKey('pkcs8', k)) === hex(der(pems.p384)); });
  await show('ecdsa curve mismatch', () => subtle.importKey('pkcs8', der(pems.p384), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']));
  for (const [name, params, usages] of [['ECDSA', { namedCurve: 'P-256' }, ['sign', 'verify']], ['Ed25519', {}, ['sign', 'verify']], ['RSASSA-PKCS1-v1_5', { modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, ['sign', 'verify']]]) {
    await show(`generate ${name}`, async () => {
      const { publicKey, privateKey } = await subtle.generateKey({ name, ...params }, true, usages);
      const alg = name === 'ECDSA' ? { name, hash: 'SHA-256' } : name;
      return [publicKey.algorithm, publicKey.usages, privateKey.usages, publicKey.extractable, await subtle.verify(alg, publicKey, await subtle.sign(alg, privateKey, msg), msg)];
    });
  }
  // RSA-OAEP.
  const oaep = await subtle.importKey('pkcs8', der(pems.rsa), { name: 'RSA-OAEP', hash: 'SHA-1' }, false, ['decrypt']);
  await show('oaep node ciphertext', async () => Buffer.from(await subtle.decrypt('RSA-OAEP', oaep, Buffer.from(nodeMade.oaep, 'hex'))).toString());
  const oaep256 = await subtle.importKey('pkcs8', der(pems.rsa), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey']);
  const oaep256Pub = await subtle.importKey('spki', spki(pems.rsa), { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt', 'wrapKey']);
  await show('oaep round trip', async () => Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP' }, oaep256, await subtle.encrypt({ name: 'RSA-OAEP' }, oaep256Pub, msg))).toString());
  await show('oaep wrong key', () => subtle.decrypt('RSA-OAEP', oaep, Buffer.from(nodeMade.oaep256, 'hex')));
  await show('wrap with oaep', async () => { const w = await subtle.wrapKey('raw', hmac, oaep256Pub, 'RSA-OAEP'); const k = await subtle.unwrapKey('raw', w, oaep256, 'RSA-OAEP', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']); return hex(await subtle.exportKey('raw', k)) === hex(bytes(32)); });
  await show('wrap jwk with aes-gcm', async () => { const w = await subtle.wrapKey('jwk', hmac, aesKey, { name: 'AES-GCM', iv: bytes(12) }); const k = await subtle.unwrapKey('jwk', w, aesKey, { name: 'AES-GCM', iv: bytes(12) }, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']); return [k.extractable, k.usages, await subtle.verify('HMAC', k, mac, msg)]; });
  // Derivation.
  const pw = await subtle.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  await show('pbkdf2 key', () => [pw.algorithm, pw.extractable, pw.usages]);
  await show('pbkdf2 bits', () => subtle.deriveBits({ name: 'PBKDF2', salt: Buffer.from('salt'), iterations: 1000, hash: 'SHA-256' }, pw, 256));
  await show('pbkdf2 deriveKey', async () => { const k = await subtle.deriveKey({ name: 'PBKDF2', salt: Buffer.from('salt'), iterations: 10, hash: 'SHA-1' }, pw, { name: 'AES-CBC', length: 128 }, true, ['encrypt']); return [k.algorithm, hex(await subtle.exportKey('raw', k))]; });
  const ikm = await subtle.importKey('raw', bytes(22), 'HKDF', false, ['deriveBits']);
  await show('hkdf bits', () => subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: bytes(13), info: bytes(10) }, ikm, 336));
  const x = await subtle.importKey('pkcs8', der(pems.x), 'X25519', false, ['deriveBits']);
  const x2pub = await subtle.importKey('spki', spki(pems.x2), 'X25519', true, []);
  await show('x25519 bits', () => subtle.deriveBits({ name: 'X25519', public: x2pub }, x, 256));
  await show('x25519 128 bits', () => subtle.deriveBits({ name: 'X25519', public: x2pub }, x, 128));
  const ecdh = await subtle.importKey('pkcs8', der(pems.p256), { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits', 'deriveKey']);
  const ecdhPub = await subtle.importKey('spki', spki(pems.p256b), { name: 'ECDH', namedCurve: 'P-256' }, true, []);
  await show('ecdh bits', () => subtle.deriveBits({ name: 'ECDH', public: ecdhPub }, ecdh, 256));
  await show('ecdh deriveKey', async () => { const k = await subtle.deriveKey({ name: 'ECDH', public: ecdhPub }, ecdh, { name: 'AES-GCM', length: 256 }, true, ['encrypt']); return hex(await subtle.exportKey('raw', k)); });
  await show('generate ecdh', async () => { const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']); const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']); return hex(await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 384)) === hex(await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 384)); });
  // Errors.
  await show('wrong usage', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, hmac, msg));
  await show('wrong algorithm', () => subtle.encrypt({ name: 'AES-CBC', iv: bytes(16) }, aesKey, msg));
  await show('bad gcm data', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, aesKey, bytes(20)));
  await show('short gcm data', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, aesKey, bytes(5)));
  await show('not extractable', () => subtle.exportKey('raw', ctrKey()));
  await show('pkcs8 of secret', () => subtle.exportKey('pkcs8', aesKey));
  await show('bad key length', () => subtle.importKey('raw', bytes(5), 'AES-GCM', true, ['encrypt']));
  await show('bad usage', () => subtle.importKey('raw', bytes(16), 'AES-GCM', true, ['sign']));
  await show('unknown algorithm', () => subtle.generateKey({ name: 'FOO' }, true, ['sign']));
  await show('empty usages', () => subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, []));
  await show('bad spki', () => subtle.importKey('spki', bytes(40), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']));
  await show('x25519 raw import', async () => { const k = await subtle.importKey('raw', spki(pems.x).subarray(12), 'X25519', true, []); return [k.type, k.algorithm, k.usages, hex(await subtle.exportKey('raw', k)) === hex(spki(pems.x).subarray(12))]; });
  await show('KeyObject.from', () => { const ko = nodeCrypto.KeyObject.from(hmac); return [ko.type, ko.symmetricKeySize]; });
  await show('rsa-oaep jwk import', async () => { const k = await subtle.importKey('jwk', nodeCrypto.createPrivateKey(pems.rsa).export({ format: 'jwk' }), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']); return [k.algorithm, k.type]; });
  await show('hmac odd length', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 12 }, true, ['sign']));
  await show('raw export of private', () => subtle.exportKey('raw', ed));
  await show('deriveBits null length', () => subtle.deriveBits({ name: 'PBKDF2', salt: bytes(1), iterations: 1, hash: 'SHA-256' }, pw, null));
  await show('deriveBits odd length', () => subtle.deriveBits({ name: 'HKDF', salt: bytes(1), info: bytes(1), hash: 'SHA-256' }, ikm, 12));
  await show('pbkdf2 zero iterations', () => subtle.deriveBits({ name: 'PBKDF2', salt: bytes(1), iterations: 0, hash: 'SHA-256' }, pw, 16));
  // AES-KW (RFC 3394).
  // RFC 3394 4.1
  const kek = await subtle.importKey('raw', Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex'), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  await show('kw key', () => [kek.algorithm, kek.usages]);
  const data = await subtle.importKey('raw', Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  const w = await subtle.wrapKey('raw', data, kek, 'AES-KW');
  await show('rfc3394 4.1', () => w);
  await show('unwrap', async () => Buffer.from(await subtle.exportKey('raw', await subtle.unwrapKey('raw', w, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']))).toString('hex'));
  const bad = Buffer.from(w); bad[3] ^= 1;
  await show('unwrap tampered', () => subtle.unwrapKey('raw', bad, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  const k256 = await subtle.importKey('raw', Buffer.alloc(32, 7), { name: 'AES-KW' }, true, ['wrapKey', 'unwrapKey']);
  const aes = await subtle.importKey('raw', Buffer.alloc(32, 9), 'AES-GCM', true, ['encrypt']);
  await show('kw 256', () => subtle.wrapKey('raw', aes, k256, { name: 'AES-KW' }));
  await show('kw jwk', () => subtle.exportKey('jwk', k256));
  await show('kw generate', async () => (await subtle.generateKey({ name: 'AES-KW', length: 192 }, true, ['wrapKey'])).algorithm);
  await show('kw bad usage', () => subtle.generateKey({ name: 'AES-KW', length: 128 }, true, ['encrypt']));
  await show('kw jwk wrap (not multiple of 8)', async () => subtle.wrapKey('jwk', aes, k256, 'AES-KW'));
  await show('kw encrypt', () => subtle.encrypt('AES-KW', k256, Buffer.alloc(16)));
  await show('CryptoKey constructor', () => new (Object.getPrototypeOf(hmac).constructor)());
  function ctrKey() { return pw; }
})();
show('globals', () => [typeof Crypto, typeof SubtleCrypto, typeof CryptoKey, Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey').enumerable, crypto.subtle instanceof SubtleCrypto].join());
for (const C of ['Crypto', 'SubtleCrypto', 'CryptoKey']) show(`new ${C}`, () => { try { new globalThis[C](); } catch (e) { return [e.name, e.code, e.message].join(' '); } });
