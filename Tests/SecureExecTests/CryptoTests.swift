import Crypto
import Foundation
import SecureExec
import Testing

/// `crypto` against the host's Node 22 with fresh keys in both directions (what the sandbox signs
/// or encrypts, Node verifies or decrypts, and the reverse), and hostile key inputs. The
/// byte-for-byte behaviour with fixed keys is in the `crypto_*` corpora.
@Suite("Crypto: cross-checks with Node and hostile inputs", .timeLimit(.minutes(3)))
struct CryptoTests {
    static let node: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/node22"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs `script` with node22 (its argument is written to a file) and returns stdout.
    static func runNode(_ script: String, input: String) throws -> String {
        let node = try #require(Self.node, "node22 must be on PATH")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scriptFile = dir.appendingPathComponent("check.js"), inputFile = dir.appendingPathComponent("input.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [scriptFile.path, inputFile.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Fresh keys on one side; signatures, ciphertexts and public keys for the other side to check.
    static let produce = #"""
    const crypto = require('crypto');
    const msg = Buffer.from('cross-check message');
    const out = [];
    const pem = (k) => k.export({ format: 'pem', type: k.type === 'public' ? 'spki' : 'pkcs8' });
    for (const [type, options, digest, extra] of [
      ['ec', { namedCurve: 'P-256' }, 'sha256', {}], ['ec', { namedCurve: 'P-384' }, 'sha384', { dsaEncoding: 'ieee-p1363' }],
      ['ec', { namedCurve: 'P-521' }, 'sha512', {}], ['ed25519', {}, null, {}],
      ['rsa', { modulusLength: 2048 }, 'sha256', { padding: 6, saltLength: 32 }], ['rsa', { modulusLength: 2048 }, 'sha512', {}],
      ['rsa', { modulusLength: 2048 }, 'sha384', { padding: 6 }], ['rsa', { modulusLength: 3072 }, 'sha1', { padding: 6, saltLength: -2 }],
      ['rsa', { modulusLength: 1024 }, 'sha512', { padding: 6, saltLength: 0 }],
    ]) {
      const { publicKey, privateKey } = crypto.generateKeyPairSync(type, options);
      const signature = crypto.sign(digest, msg, { key: privateKey, ...extra }).toString('hex');
      out.push({ kind: 'sig', publicKey: pem(publicKey), digest, extra, signature });
    }
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const oaepHash of ['sha1', 'sha256']) {
      out.push({ kind: 'oaep', privateKey: pem(rsa.privateKey), oaepHash, ciphertext: crypto.publicEncrypt({ key: rsa.publicKey, oaepHash }, msg).toString('hex') });
    }
    for (const cipher of ['aes-256-gcm', 'chacha20-poly1305', 'aes-128-cbc', 'aes-192-ctr']) {
      const info = crypto.getCipherInfo(cipher);
      const key = crypto.randomBytes(info.keyLength), iv = crypto.randomBytes(info.ivLength);
      const c = crypto.createCipheriv(cipher, key, iv);
      const ciphertext = Buffer.concat([c.update(msg), c.update(crypto.randomBytes(0)), c.final()]).toString('hex');
      const tag = cipher.endsWith('gcm') || cipher.startsWith('chacha') ? c.getAuthTag().toString('hex') : null;
      out.push({ kind: 'cipher', cipher, key: key.toString('hex'), iv: iv.toString('hex'), ciphertext, tag });
    }
    const a = crypto.generateKeyPairSync('x25519'), b = crypto.generateKeyPairSync('x25519');
    out.push({ kind: 'dh', privateKey: pem(a.privateKey), peer: pem(b.publicKey), secret: crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }).toString('hex') });
    const jwk = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    out.push({ kind: 'jwk', jwk: jwk.privateKey.export({ format: 'jwk' }), spki: pem(jwk.publicKey) });
    """#

    /// Checks what `produce` made; prints one line per item.
    static let check = #"""
    const crypto = require('crypto');
    const msg = Buffer.from('cross-check message');
    for (const item of INPUT) {
      try {
        if (item.kind === 'sig') console.log('sig', item.digest, crypto.verify(item.digest, msg, { key: item.publicKey, ...item.extra }, Buffer.from(item.signature, 'hex')));
        if (item.kind === 'oaep') console.log('oaep', item.oaepHash, crypto.privateDecrypt({ key: item.privateKey, oaepHash: item.oaepHash }, Buffer.from(item.ciphertext, 'hex')).equals(msg));
        if (item.kind === 'cipher') {
          const d = crypto.createDecipheriv(item.cipher, Buffer.from(item.key, 'hex'), Buffer.from(item.iv, 'hex'));
          if (item.tag) d.setAuthTag(Buffer.from(item.tag, 'hex'));
          console.log('cipher', item.cipher, Buffer.concat([d.update(Buffer.from(item.ciphertext, 'hex')), d.final()]).equals(msg));
        }
        if (item.kind === 'dh') console.log('dh', crypto.diffieHellman({ privateKey: crypto.createPrivateKey(item.privateKey), publicKey: crypto.createPublicKey(item.peer) }).toString('hex') === item.secret);
        if (item.kind === 'jwk') console.log('jwk', crypto.createPublicKey({ key: item.jwk, format: 'jwk' }).export({ format: 'pem', type: 'spki' }) === item.spki);
      } catch (e) { console.log(item.kind, 'error', e.code, e.message); }
    }
    """#

    static let expected = """
    sig sha256 true
    sig sha384 true
    sig sha512 true
    sig null true
    sig sha256 true
    sig sha512 true
    sig sha384 true
    sig sha1 true
    sig sha512 true
    oaep sha1 true
    oaep sha256 true
    cipher aes-256-gcm true
    cipher chacha20-poly1305 true
    cipher aes-128-cbc true
    cipher aes-192-ctr true
    dh true
    jwk true

    """

    static let nodeWrapper = "const INPUT = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));\n"

    /// Hashes run beside the engine: more data than one bridge payload (16 MiB) hashes in
    /// chunks, Hash/Hmac are streams, and unfinished hashes per call are bounded. Digests: the
    /// host's own swift-crypto on the same bytes.
    @Test func hashesAreStreamsOverAnyAmountOfData() async throws {
        let (runtime, output) = try makeRuntime(limits: ResourceLimits(memoryMB: 512))
        let result = try await runtime.exec("""
            const crypto = require('crypto');
            const chunk = Buffer.alloc(12 << 20, 0x61);
            const h = crypto.createHash('sha256');
            for (let i = 0; i < 3; i++) h.update(chunk);
            console.log(h.digest('hex'));
            const piped = await new Promise((resolve) => {
              require('stream').Readable.from([Buffer.from('ab'), Buffer.from('c')])
                .pipe(crypto.createHmac('sha1', 'key')).on('data', (d) => resolve(d.toString('hex')));
            });
            console.log(piped);
            const kept = [];
            try { for (let i = 0; i < 5000; i++) kept.push(crypto.createHash('md5')); } catch (e) { console.log(e.name, kept.length); }
            """)
        await runtime.dispose()
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        let big = SHA256.hash(data: [UInt8](repeating: 0x61, count: 36 << 20)).map { String(format: "%02x", $0) }.joined()
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array("abc".utf8), using: SymmetricKey(data: Array("key".utf8)))
            .map { String(format: "%02x", $0) }.joined()
        #expect(output.stdout == "\(big)\n\(mac)\nRangeError 4096\n")
    }

    @Test func whatTheSandboxMakesNodeAccepts() async throws {
        let (result, output) = try await exec(Self.produce + "\nconsole.log(JSON.stringify(out));")
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        let checked = try await onOwnThread { try Self.runNode(Self.nodeWrapper + Self.check, input: output.stdout) }
        #expect(checked == Self.expected)
    }

    @Test func whatNodeMakesTheSandboxAccepts() async throws {
        let made = try await onOwnThread { try Self.runNode(Self.produce + "\nconsole.log(JSON.stringify(out));", input: "") }
        #expect(made.hasPrefix("[{"))
        let (result, output) = try await exec("const INPUT = \(made.trimmingCharacters(in: .whitespacesAndNewlines));\n" + Self.check)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == Self.expected)
    }

    @Test func webCryptoSignaturesCrossBothWays() async throws {
        // ECDSA in WebCrypto is IEEE P1363; Ed25519 and RSA-PSS as well.
        let sign = #"""
        (async () => {
          const { subtle } = globalThis.crypto;
          const out = [];
          for (const [alg, gen, params] of [[{ name: 'ECDSA', hash: 'SHA-256' }, { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', namedCurve: 'P-256' }],
            ['Ed25519', { name: 'Ed25519' }, { name: 'Ed25519' }],
            [{ name: 'RSA-PSS', saltLength: 32 }, { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, { name: 'RSA-PSS', hash: 'SHA-256' }]]) {
            const { publicKey, privateKey } = await subtle.generateKey(gen, true, ['sign', 'verify']);
            const signature = Buffer.from(await subtle.sign(alg, privateKey, Buffer.from('web'))).toString('hex');
            out.push({ alg, params, spki: Buffer.from(await subtle.exportKey('spki', publicKey)).toString('hex'), signature });
          }
          console.log(JSON.stringify(out));
        })();
        """#
        let verify = #"""
        (async () => {
          const { subtle } = globalThis.crypto;
          for (const item of INPUT) {
            const key = await subtle.importKey('spki', Buffer.from(item.spki, 'hex'), item.params, true, ['verify']);
            console.log(await subtle.verify(item.alg, key, Buffer.from(item.signature, 'hex'), Buffer.from('web')));
          }
        })();
        """#
        let (result, output) = try await exec(sign)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(try await onOwnThread { try Self.runNode(Self.nodeWrapper + verify, input: output.stdout) } == "true\ntrue\ntrue\n")
        let made = try await onOwnThread { try Self.runNode(sign, input: "") }
        let (back, backOutput) = try await exec("const INPUT = \(made.trimmingCharacters(in: .whitespacesAndNewlines));\n" + verify)
        #expect(back.code == 0, "\(back.errorMessage ?? "")")
        #expect(backOutput.stdout == "true\ntrue\ntrue\n")
    }

    @Test func hostileKeyInputsAreRefusedAndTheHostCarriesOn() async throws {
        let code = #"""
        const crypto = require('crypto');
        const codes = new Set();
        const attempt = (f) => { try { f(); codes.add('accepted'); } catch (e) { codes.add(e.code); } };
        const der = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });
        // Every truncation, and every single-byte corruption of the outer lengths, of a valid PKCS#8.
        for (let n = 0; n < der.length; n++) attempt(() => crypto.createPrivateKey({ key: der.subarray(0, n), format: 'der', type: 'pkcs8' }));
        for (const i of [1, 2, 3, 4, 5, 6]) for (const v of [0, 0x7f, 0x80, 0x84, 0xff]) {
          if (der[i] === v) continue;
          const bad = Buffer.from(der); bad[i] = v;
          attempt(() => crypto.createPrivateKey({ key: bad, format: 'der', type: 'pkcs8' }));
        }
        // A length field claiming 2 GiB, deep nesting, and an oversized container.
        attempt(() => crypto.createPublicKey({ key: Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30]), format: 'der', type: 'spki' }));
        attempt(() => crypto.createPublicKey({ key: Buffer.from(Array(2000).fill([0x30, 0x80]).flat()), format: 'der', type: 'spki' }));
        attempt(() => crypto.createPrivateKey(`-----BEGIN PRIVATE KEY-----\n${Buffer.alloc(20000, 1).toString('base64')}\n-----END PRIVATE KEY-----`));
        console.log([...codes].sort().join());
        for (const bits of [512, 16384]) {
          try { crypto.generateKeyPairSync('rsa', { modulusLength: bits }); console.log('generated', bits); } catch (e) { console.log(bits, e.code); }
        }
        try { crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }); } catch (e) { console.log('exponent', e.code); }
        try { crypto.createPrivateKey({ key: { kty: 'RSA', n: 'AQ', e: 'AQAB', d: 'AQ', p: 'AQ', q: 'AQ', dp: 'AQ', dq: 'AQ', qi: 'AQ' }, format: 'jwk' }); } catch (e) { console.log('tiny rsa jwk', e.code); }
        console.log('still working', crypto.sign(null, Buffer.from('x'), crypto.generateKeyPairSync('ed25519').privateKey).length);
        """#
        let (result, output) = try await exec(code)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == """
        ERR_OSSL_UNSUPPORTED
        512 ERR_OUT_OF_RANGE
        16384 ERR_OUT_OF_RANGE
        exponent ERR_NOT_SUPPORTED_IN_SANDBOX
        tiny rsa jwk ERR_CRYPTO_INVALID_JWK
        still working 64

        """)
    }

    @Test func generateKeyPairAnswersAfterTheCurrentCode() async throws {
        let code = #"""
        const crypto = require('crypto');
        crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => {
          console.log('generated', err, publicKey.asymmetricKeyDetails.modulusLength, privateKey.type);
        });
        console.log('after the call');
        """#
        let (result, output) = try await exec(code)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "after the call\ngenerated null 2048 private\n")
    }

    @Test func concurrentRSAGenerationsAllFinish() async throws {
        // More generations than the host runs at once: the rest wait their turn, none is lost.
        let code = #"""
        const { promisify } = require('util');
        const generate = promisify(require('crypto').generateKeyPair);
        Promise.all(Array.from({ length: 5 }, () => generate('rsa', { modulusLength: 1024 })))
          .then((pairs) => console.log(pairs.length, new Set(pairs.map((p) => p.publicKey.export({ format: 'pem', type: 'spki' }))).size));
        """#
        let (result, output) = try await exec(code)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "5 5\n")
    }
}
