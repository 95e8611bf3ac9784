// Asymmetric keys as Node 22 has them: import/export (PEM, DER, JWK), details, signatures
// (deterministic ones compared byte for byte; randomised ones verified both ways with fixed
// signatures made by Node), RSA-OAEP, ECDH/X25519, key generation and errors.
const crypto = require('crypto');
const show = (label, f) => { try { const r = f(); console.log(label, Buffer.isBuffer(r) ? r.toString('hex') : typeof r === 'object' && r !== null && !(r instanceof crypto.KeyObject) ? JSON.stringify(r, (k, v) => typeof v === 'bigint' ? `${v}n` : v) : r) } catch (e) { console.log(label, e.name, e.code, e.message) } };
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
const msg = Buffer.from('the quick brown fox');
const priv = {}, pub = {};
for (const [name, pem] of Object.entries(pems)) {
  show(`import ${name}`, () => { priv[name] = crypto.createPrivateKey(pem); pub[name] = crypto.createPublicKey(pem); return [priv[name].type, pub[name].type, priv[name].asymmetricKeyType, JSON.stringify(priv[name].asymmetricKeyDetails, (k, v) => typeof v === 'bigint' ? `${v}n` : v)].join(' '); });
  show(`inspect ${name}`, () => require('util').inspect(priv[name]) + ' ' + require('util').inspect(pub[name]));
  show(`pkcs8 pem ${name}`, () => priv[name].export({ format: 'pem', type: 'pkcs8' }) === (name === 'rsa1024' || name === 'p256b' ? priv[name].export({ format: 'pem', type: 'pkcs8' }) : pem));
  show(`pkcs8 der ${name}`, () => priv[name].export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  show(`spki pem ${name}`, () => pub[name].export({ format: 'pem', type: 'spki' }));
  show(`spki der ${name}`, () => pub[name].export({ format: 'der', type: 'spki' }).toString('base64'));
  show(`jwk ${name}`, () => JSON.stringify(priv[name].export({ format: 'jwk' })) + ' ' + JSON.stringify(pub[name].export({ format: 'jwk' })));
  show(`jwk round trip ${name}`, () => crypto.createPrivateKey({ key: priv[name].export({ format: 'jwk' }), format: 'jwk' }).equals(priv[name]) + ' ' + crypto.createPublicKey({ key: pub[name].export({ format: 'jwk' }), format: 'jwk' }).equals(pub[name]));
  show(`der round trip ${name}`, () => crypto.createPrivateKey({ key: priv[name].export({ format: 'der', type: 'pkcs8' }), format: 'der', type: 'pkcs8' }).equals(priv[name]) + ' ' + crypto.createPublicKey({ key: pub[name].export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' }).equals(pub[name]));
  show(`pkcs1 ${name}`, () => priv[name].export({ format: 'pem', type: 'pkcs1' }) + pub[name].export({ format: 'pem', type: 'pkcs1' }));
  show(`sec1 ${name}`, () => priv[name].export({ format: 'pem', type: 'sec1' }));
}
show('pkcs1 der import', () => crypto.createPrivateKey({ key: priv.rsa.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' }).equals(priv.rsa) + ' ' + crypto.createPublicKey({ key: pub.rsa.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' }).equals(pub.rsa));
show('sec1 der import', () => crypto.createPrivateKey({ key: priv.p384.export({ format: 'der', type: 'sec1' }), format: 'der', type: 'sec1' }).equals(priv.p384));
show('public from private', () => crypto.createPublicKey(priv.p256).equals(pub.p256) + ' ' + crypto.createPublicKey(pems.ed).equals(pub.ed));
// Deterministic signatures: byte for byte.
show('ed25519 sign', () => crypto.sign(null, msg, priv.ed));
show('ed25519 sign pem', () => crypto.sign(undefined, msg, pems.ed));
show('rsa pkcs1 sha256', () => crypto.sign('sha256', msg, priv.rsa));
show('rsa pkcs1 sha1', () => crypto.sign('RSA-SHA1', msg, priv.rsa1024));
show('rsa pkcs1 sha384', () => crypto.createSign('SHA384').update('the quick ').update('brown fox').sign(priv.rsa, 'base64'));
show('rsa pkcs1 sha512', () => crypto.sign('sha512', msg, { key: pems.rsa, padding: crypto.constants.RSA_PKCS1_PADDING }));
// Randomised signatures: our own verify, and Node's fixed signatures.
for (const [name, digest] of [['p256', 'sha256'], ['p384', 'sha384'], ['p521', 'sha512'], ['p256b', 'sha1']]) {
  show(`ecdsa ${name} der`, () => { const s = crypto.sign(digest, msg, priv[name]); return crypto.verify(digest, msg, pub[name], s) + ' ' + crypto.verify(digest, Buffer.from('other'), pub[name], s); });
  show(`ecdsa ${name} p1363`, () => { const s = crypto.sign(digest, msg, { key: priv[name], dsaEncoding: 'ieee-p1363' }); return s.length + ' ' + crypto.verify(digest, msg, { key: pub[name], dsaEncoding: 'ieee-p1363' }, s); });
}
const nodeMade = {
 "p256": "30460221009c5f05a38c14c1c244d302a2d761e4e966d009e254497f394c2485e168448fca022100f7687b45b51f1b93ada46587e0471edad7a547face90900fd2bd75486918e9fb",
 "p384": "02a5113beb079f4469ec4644db81e5f47dd42096c22c6d50cfed54d71d0a3d83153672f26d6ef073a7b914586ce82f7b9bd95d1003fb4a9f6b5975e783a5b76d1db00e77b3d1705c73db85cce584bb365d8863992e2dd3a1b2a958eacafc34c0",
 "p521": "3081880242015ab5f4ae16968954c41e160bf252527ca74745f112f52d7b55b23fd79594ee8a88736475ade327612c6e2d885e636989539be5c4ac10d09a7ae983f6934cdcaf0502420124f66b99860da36c0d27de7884b9ce718d9bed0f3fe254e0de5cf9517786c693f9ba8d2ba3771910d9a83cffbbf2b05cf9c07bc338c60660b924b424873c835cef",
 "pss": "ae33894bb4bfcc9013092890b32b4fe7a3600d67b17e9e6ad8a69187806c20975dd7d1f1a66c6910556da01ccf29f7dadb43c18bd21f02e18809bdec056da180b6d5099aec098d1fb82eac97fd205de01fa70634aa558a7c51673fdd9bfa9c4121f43ae73afc509d1a0dba8a602904173ca231c766fe1a98ac024a08e64f3a5ef04ea4e05b1014e0e6b8c383ff1b3de00f533a7eb3e635c588963e039cba3b34ac7f724000bdd5e55902e5b367c847c9772e3187d437dcaaaa5e2113841c47efae01373e6bc44d18fd1471b067aeced0444364ad565204a50f74e8197e955e8ca05250f3f4ab554e52b7ac2a3ea34e778e2fbf41bb3df8a70894ab31a416a71c",
 "oaep": "1b03bfb8bd91df48dbbcb34ad092f045d8b2a5ea623a065d8a9605d45749b314c1d13ca51e697be6eee0671e8e16fb0c3d0a91806fcefe02067f925bc686b9329b566b7900a679d0f4f1c8b1f79934965f4e350e96fdf7cf9f78795770dc4f6b2280965ffba9fe91c21b24eaef6b109fd9a3c3161d52126b54eea7dcbc4c3d3c97b0322f1bf9f3cbe1f34151568b58288d4e930232f73939c2c836adf013e2467f239587c09ca2001404d2e0b62071dd642e9d830113043faefed4e250d3342eec501547edd177aec9c0b4c501ab1cc48cb3c6902a4125fa2cd5315942b75b0c7ae5e1d919f603fb088be0912a366f60b9516341b1a0762480a3823a347a2f41",
 "oaep256": "83094558bc62a25d03f1b6f19d8adeae8791c29b8ee96207cf5cf1b29ce0ddc3d079398cd7c434c0970590db1454ec93e4e7d3c71ff5c2af03ad7cdea74aa02b8ed13e7592689e7e3f2036c22c1f9a09636d88a78623f2548444f5c4f74ce65b08a5f04fcfe9123e7d119765669b09e9882d0c20b66ca6e869a59cd96f67378178ea76d4166a0cd4403cf43cd55cbdad617a87b05b1b72d718d16e7361cf3a42b6303e13dc93440e06f522e7eada4a2890c2203a2cde954a202b95d6a6c3f3260ba14575d87822d087a4987d30bc9acca6d52bc00896c208c3937486f8e2ad30125bc3688aac59122ad2f83d2d2d5e35e0a60ad34055e88e3b63d6b494ab7e16"
};
show('node ecdsa p256', () => crypto.verify('sha256', msg, pub.p256, Buffer.from(nodeMade.p256, 'hex')));
show('node ecdsa p384 p1363', () => crypto.verify('sha384', msg, { key: pems.p384, dsaEncoding: 'ieee-p1363' }, Buffer.from(nodeMade.p384, 'hex')));
show('node ecdsa p521', () => crypto.verify('sha512', msg, pub.p521, Buffer.from(nodeMade.p521, 'hex')));
show('node rsa pss', () => crypto.verify('sha256', msg, { key: pub.rsa, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(nodeMade.pss, 'hex')));
show('node oaep', () => crypto.privateDecrypt(priv.rsa, Buffer.from(nodeMade.oaep, 'hex')).toString());
show('node oaep sha256', () => crypto.privateDecrypt({ key: priv.rsa, oaepHash: 'sha256' }, Buffer.from(nodeMade.oaep256, 'hex')).toString());
const nodePss = {"max":"0ce3badd79b50d18566d0beea5c9323932eb3e8319a53134e688bb7277239b5c8deaa8e23131f4ad3ebd9236ea6efa66c45a0b5edb98652f7128d5fe5106fb9d67f1f82bb76142f7914097364267c22b21da9bbd6a66a164699896a8199e2e1562b68f174acbc99bb6c400fb8dedc28f31337366746cdd2bd8770d12095f9b49c1e4dd5fb3194d88a74887cac5b69908de5d388be86abac5f5de842cd2cb04792bcd7958e949b6f52f93c9fd955a13ef3337feb36dd13e9e0d8bed0792f191b069c6ed13e8931197bc6141b1742dc409b4105e696f3c4d4d41cb8b31f3eff2899ff01b006f2fdd0c3232beaa8e8915f6812be5e8170023173eeaeb3d6beb733c","zero":"9fb8e56664945b97cb12020888ec1b1eb5cb8738a0afe3ebb423e0384b3b771c1488895915872d5fb2bf4c025d6f19d196d3d1921e525f79b24e0656138b0b6fd6863daf29fef91960021d042c3bd056f4c66bd21bea759bd90d7cb481f3400cd7ae961ab7c0be2707d0ba724d9195046beba68819fcaf6e20b74f9ef2efe59bfb0b99ac9012d94f28ed813bddae748007ea6c022e6f5476fe9f34e7fea46bb205c2d538d9683f31b2d256836dc6ef8cb323f38ed160c65418a92bdab81649824721aa57518d8672f1df8963ef64473a49f5733b81cd88d926b2c44f5704d364c44da976b7cf8bc8c5ba91dd1adb9378f2c87fb6a0a35374be1f30537258403d","sha1":"b86289ee61f49203c8b2836260a7aa0025c88022e90e64bd4633a099c1473b4b5a41f7864adec0ed02acd2d5509f9f53e3395153e2202f8d7fdc26560bbf1d4b83f23f2748ce3dfacaafcf9c19c0d20855a0d4b81e845a93b32eaa2a9737900bdc8fbc9ce9f527fa2bf8cc40012dc94212865da55da84ec08b921b0b1f7291a8"};
const PSS = crypto.constants.RSA_PKCS1_PSS_PADDING;
show('node pss max salt', () => crypto.verify('sha256', msg, { key: pub.rsa, padding: PSS }, Buffer.from(nodePss.max, 'hex')) + ' ' + crypto.verify('sha256', msg, { key: pub.rsa, padding: PSS, saltLength: 222 }, Buffer.from(nodePss.max, 'hex')) + ' ' + crypto.verify('sha256', msg, { key: pub.rsa, padding: PSS, saltLength: 32 }, Buffer.from(nodePss.max, 'hex')));
show('node pss zero salt', () => crypto.verify('sha512', msg, { key: pub.rsa, padding: PSS, saltLength: 0 }, Buffer.from(nodePss.zero, 'hex')) + ' ' + crypto.verify('sha512', msg, { key: pub.rsa, padding: PSS }, Buffer.from(nodePss.zero, 'hex')) + ' ' + crypto.verify('sha256', msg, { key: pub.rsa, padding: PSS }, Buffer.from(nodePss.zero, 'hex')));
show('node pss sha1 1024', () => crypto.verify('sha1', msg, { key: pub.rsa1024, padding: PSS, saltLength: 7 }, Buffer.from(nodePss.sha1, 'hex')) + ' ' + crypto.verify('sha1', Buffer.from('x'), { key: pub.rsa1024, padding: PSS }, Buffer.from(nodePss.sha1, 'hex')));
for (const saltLength of [undefined, -2, -1, 0, 20, 94]) {
  show(`pss round trip ${saltLength}`, () => { const s = crypto.sign('sha384', msg, { key: priv.rsa, padding: PSS, saltLength }); return s.length + ' ' + crypto.verify('sha384', msg, { key: pub.rsa, padding: PSS, saltLength }, s) + ' ' + crypto.verify('sha384', msg, { key: pub.rsa, padding: PSS }, s) + ' ' + crypto.verify('sha384', msg, { key: pub.rsa, padding: PSS, saltLength: 48 }, s) + ' ' + crypto.verify('sha384', msg, { key: pub.rsa, padding: PSS, saltLength: 206 }, s); });
}
show('pss salt too long', () => crypto.sign('sha512', msg, { key: priv.rsa1024, padding: PSS, saltLength: 100 }));
show('pss createSign', () => { const s = crypto.createSign('sha256').update(msg).sign({ key: pems.rsa, padding: PSS }); return crypto.createVerify('sha256').update(msg).verify({ key: pub.rsa, padding: PSS }, s); });
show('ecdsa verify with private', () => crypto.verify('sha256', msg, priv.p256, crypto.sign('sha256', msg, priv.p256)));
show('rsa pss', () => { const o = { key: priv.rsa, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }; const s = crypto.sign('sha256', msg, o); return s.length + ' ' + crypto.verify('sha256', msg, { key: pub.rsa, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, s); });
show('createVerify', () => { const s = crypto.sign('sha256', msg, priv.rsa); return crypto.createVerify('sha256').update(msg).verify(pub.rsa, s) + ' ' + crypto.createVerify('sha256').update('x').verify(pub.rsa, s); });
show('ed25519 verify', () => crypto.verify(null, msg, pub.ed, crypto.sign(null, msg, priv.ed)) + ' ' + crypto.verify(null, msg, pub.ed, Buffer.alloc(64)));
show('verify garbage signature', () => crypto.verify('sha256', msg, pub.p256, Buffer.from('nonsense')));
show('sign callback', () => crypto.sign(null, msg, priv.ed, (err, sig) => console.log('sign callback', err, sig.toString('hex'))));
// RSA-OAEP.
show('oaep sha1', () => crypto.privateDecrypt(priv.rsa, crypto.publicEncrypt(pub.rsa, Buffer.from('secret'))).toString());
show('oaep sha256', () => crypto.privateDecrypt({ key: pems.rsa, oaepHash: 'sha256' }, crypto.publicEncrypt({ key: pub.rsa, oaepHash: 'sha256' }, Buffer.from('secret'))).toString());
show('oaep length', () => crypto.publicEncrypt(pub.rsa, Buffer.from('x')).length);
show('oaep wrong key', () => crypto.privateDecrypt(priv.rsa, crypto.publicEncrypt(pub.rsa1024, Buffer.from('x'))));
show('oaep too long', () => crypto.publicEncrypt(pub.rsa1024, Buffer.alloc(200)));
// privateEncrypt/publicDecrypt and PKCS#1 v1.5 / no padding.
show('privateEncrypt', () => crypto.privateEncrypt(pems.rsa1024, Buffer.from('hello')));
show('publicDecrypt', () => crypto.publicDecrypt(pub.rsa1024, crypto.privateEncrypt(pems.rsa1024, Buffer.from('hello'))).toString());
show('privateEncrypt too long', () => crypto.privateEncrypt(pems.rsa1024, Buffer.alloc(118)));
show('privateEncrypt max', () => crypto.privateEncrypt(pems.rsa1024, Buffer.alloc(117)).length);
show('publicDecrypt garbage', () => crypto.publicDecrypt(pub.rsa1024, Buffer.alloc(128, 1)));
show('publicDecrypt short', () => crypto.publicDecrypt(pub.rsa1024, Buffer.alloc(5, 1)));
show('no padding', () => crypto.publicDecrypt({ key: pub.rsa1024, padding: crypto.constants.RSA_NO_PADDING }, crypto.privateEncrypt({ key: pems.rsa1024, padding: crypto.constants.RSA_NO_PADDING }, Buffer.alloc(128, 3))).toString('hex'));
show('no padding wrong length', () => crypto.privateEncrypt({ key: pems.rsa1024, padding: crypto.constants.RSA_NO_PADDING }, Buffer.alloc(12, 3)));
show('publicEncrypt pkcs1', () => crypto.publicEncrypt({ key: pub.rsa1024, padding: 1 }, Buffer.from('x')).length);
show('privateDecrypt pkcs1', () => crypto.privateDecrypt({ key: pems.rsa1024, padding: 1 }, crypto.publicEncrypt({ key: pub.rsa1024, padding: 1 }, Buffer.from('x'))).toString());
show('publicEncrypt none', () => crypto.privateDecrypt({ key: pems.rsa1024, padding: 3 }, crypto.publicEncrypt({ key: pub.rsa1024, padding: 3 }, Buffer.alloc(128, 5))).toString('hex'));
show('privateEncrypt ec', () => crypto.privateEncrypt(pems.p256, Buffer.from('x')));
show('publicDecrypt with private', () => crypto.publicDecrypt(pems.rsa1024, crypto.privateEncrypt(pems.rsa1024, Buffer.from('hey'))).toString());
show('privateEncrypt 2048', () => crypto.privateEncrypt(priv.rsa, msg));
// Diffie-Hellman.
show('x25519', () => crypto.diffieHellman({ privateKey: priv.x, publicKey: pub.x2 }).equals(crypto.diffieHellman({ privateKey: priv.x2, publicKey: pub.x })) + ' ' + crypto.diffieHellman({ privateKey: priv.x, publicKey: pub.x2 }).toString('hex'));
show('ecdh p256', () => crypto.diffieHellman({ privateKey: priv.p256, publicKey: pub.p256b }).toString('hex'));
show('ecdh mismatch', () => crypto.diffieHellman({ privateKey: priv.p256, publicKey: pub.x }));
show('ecdh curve mismatch', () => crypto.diffieHellman({ privateKey: priv.p256, publicKey: pub.p384 }));
show('dh with public', () => crypto.diffieHellman({ privateKey: pub.x, publicKey: pub.x2 }));
show('createECDH', () => {
  const a = crypto.createECDH('prime256v1'), b = crypto.createECDH('prime256v1');
  a.setPrivateKey(priv.p256.export({ format: 'jwk' }).d, 'base64url');
  const bPub = b.generateKeys();
  return [a.getPublicKey('hex'), a.getPrivateKey().length, bPub.length, a.computeSecret(bPub).equals(b.computeSecret(a.getPublicKey()))].join(' ');
});
show('createECDH secret', () => { const a = crypto.createECDH('prime256v1'); a.setPrivateKey(priv.p256.export({ format: 'jwk' }).d, 'base64url'); const j = pub.p256b.export({ format: 'jwk' }); return a.computeSecret(Buffer.concat([Buffer.from([4]), Buffer.from(j.x, 'base64url'), Buffer.from(j.y, 'base64url')]), null, 'hex'); });
show('ECDH compressed', () => {
  const a = crypto.createECDH('secp384r1'), b = crypto.createECDH('secp384r1');
  a.setPrivateKey(priv.p384.export({ format: 'jwk' }).d, 'base64url'); b.generateKeys();
  const compressed = a.getPublicKey('hex', 'compressed');
  return [compressed, crypto.ECDH.convertKey(compressed, 'secp384r1', 'hex', 'hex', 'uncompressed') === a.getPublicKey('hex'),
    b.computeSecret(compressed, 'hex').equals(a.computeSecret(b.getPublicKey(null, 'compressed'))),
    crypto.ECDH.convertKey(a.getPublicKey(), 'secp384r1', undefined, 'base64', 'compressed')].join(' ');
});
show('ECDH bad format', () => crypto.createECDH('prime256v1').generateKeys('hex', 'bogus'));
show('convertKey bad curve', () => crypto.ECDH.convertKey('00', 'nope', 'hex'));
show('convertKey bad point', () => crypto.ECDH.convertKey('0011', 'prime256v1', 'hex'));
show('createECDH bad curve', () => crypto.createECDH('nope'));
show('createECDH bad point', () => { const a = crypto.createECDH('secp384r1'); a.generateKeys(); return a.computeSecret(Buffer.alloc(10)); });
// Generation.
for (const [type, options] of [['ed25519'], ['x25519'], ['ec', { namedCurve: 'P-256' }], ['ec', { namedCurve: 'secp384r1' }], ['ec', { namedCurve: 'P-521' }], ['rsa', { modulusLength: 1024 }]]) {
  show(`generate ${type} ${options?.namedCurve ?? options?.modulusLength ?? ''}`, () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(type, options);
    const ok = type === 'x25519' ? crypto.createPublicKey(privateKey).equals(publicKey) : crypto.verify(type === 'ed25519' ? null : 'sha256', msg, publicKey, crypto.sign(type === 'ed25519' ? null : 'sha256', msg, privateKey));
    return [publicKey.type, privateKey.asymmetricKeyType, JSON.stringify(publicKey.asymmetricKeyDetails, (k, v) => typeof v === 'bigint' ? `${v}n` : v), ok].join(' ');
  });
}
show('generate encoded', () => { const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } }); return typeof publicKey + ' ' + publicKey.split('\n')[0] + ' ' + Buffer.isBuffer(privateKey) + ' ' + privateKey.length; });
show('generate jwk', () => Object.keys(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { format: 'jwk' } }).publicKey).join());
show('generate bad type', () => crypto.generateKeyPairSync('foo'));
show('generate bad curve', () => crypto.generateKeyPairSync('ec', { namedCurve: 'foo' }));
show('generate no curve', () => crypto.generateKeyPairSync('ec', {}));
show('generate rsa no length', () => crypto.generateKeyPairSync('rsa', {}));
show('generateKeySync hmac', () => crypto.generateKeySync('hmac', { length: 64 }).symmetricKeySize);
show('generateKeySync aes', () => crypto.generateKeySync('aes', { length: 256 }).symmetricKeySize);
show('generateKeySync aes bad', () => crypto.generateKeySync('aes', { length: 100 }));
// Secret keys.
const secret = crypto.createSecretKey(Buffer.from('abc'));
show('secret', () => [require('util').inspect(secret), secret.type, secret.symmetricKeySize, secret.asymmetricKeyType, secret.export().toString(), JSON.stringify(secret.export({ format: 'jwk' }))].join(' '));
show('secret hex', () => crypto.createSecretKey('abcd', 'hex').export());
show('secret bad', () => crypto.createSecretKey(5));
show('secret equals', () => secret.equals(crypto.createSecretKey(Buffer.from('abc'))) + ' ' + secret.equals(crypto.createSecretKey(Buffer.from('abd'))) + ' ' + priv.p256.equals(pub.p256));
show('hmac with KeyObject', () => crypto.createHmac('sha256', secret).update('x').digest('hex'));
show('cipher with KeyObject', () => crypto.createCipheriv('aes-128-ecb', crypto.createSecretKey(Buffer.alloc(16, 1)), null).final());
// Errors.
show('export no options', () => pub.p256.export());
show('export bad type', () => pub.p256.export({ format: 'pem', type: 'pkcs8' }));
show('export pkcs1 ec', () => priv.p256.export({ format: 'pem', type: 'pkcs1' }));
show('export sec1 rsa', () => priv.rsa.export({ format: 'der', type: 'sec1' }));
show('create public garbage', () => crypto.createPublicKey('not a key'));
show('create private garbage', () => crypto.createPrivateKey('not a key'));
show('create public number', () => crypto.createPublicKey(5));
show('jwk missing crv', () => crypto.createPrivateKey({ key: { kty: 'EC' }, format: 'jwk' }));
show('jwk not object', () => crypto.createPrivateKey({ key: 'x', format: 'jwk' }));
show('sign no key', () => crypto.sign(null, msg));
show('sign with public', () => crypto.sign('sha256', msg, pub.p256));
show('sign bad digest', () => crypto.sign('sha999', msg, priv.p256));
show('ed25519 with digest', () => crypto.sign('sha256', msg, priv.ed));
show('x25519 sign', () => crypto.sign(null, msg, priv.x));
show('sign data type', () => crypto.sign('sha256', 5, priv.p256));
show('verify signature type', () => crypto.verify('sha256', msg, pub.p256, 5));
show('KeyObject', () => typeof crypto.KeyObject + ' ' + (priv.p256 instanceof crypto.KeyObject));
show('KeyObject new', () => new crypto.KeyObject('secret'));
show('getCurves', () => ['prime256v1', 'secp384r1', 'secp521r1'].every((c) => crypto.getCurves().includes(c)));
show('verify pem string', () => crypto.verify(null, msg, pub.ed.export({ format: 'pem', type: 'spki' }), crypto.sign(null, msg, pems.ed)));
show('publicEncrypt with private pem', () => crypto.privateDecrypt(pems.rsa, crypto.publicEncrypt(pems.rsa, msg)).toString());
show('createPublicKey from private jwk', () => crypto.createPublicKey({ key: priv.p256.export({ format: 'jwk' }), format: 'jwk' }).equals(pub.p256));
show('createPrivateKey from KeyObject', () => crypto.createPrivateKey(priv.ed));
show('p1363 wrong length', () => crypto.verify('sha256', msg, { key: pems.p256, dsaEncoding: 'ieee-p1363' }, Buffer.alloc(10)));
show('rsa default digest', () => crypto.verify(null, msg, pub.rsa, crypto.sign(null, msg, pems.rsa)));
show('ec default digest', () => crypto.verify('sha256', msg, pub.p256, crypto.sign(null, msg, pems.p256)));
show('createSign bad digest', () => crypto.createSign('nope'));
show('sign twice', () => { const s = crypto.createSign('sha256'); s.update('x'); s.sign(pems.p256); return s.sign(pems.p256); });
show('verify twice', () => { const v = crypto.createVerify('sha256'); v.update('x'); const sig = crypto.sign('sha256', Buffer.from('x'), priv.p256); return v.verify(pub.p256, sig) + ' ' + v.verify(pub.p256, sig); });
show('update after sign', () => { const s = crypto.createSign('sha256'); s.sign(pems.p256); s.update('x'); });
show('sign stream', () => { const s = crypto.createSign('sha256'); s.write('the quick '); s.end('brown fox'); return crypto.verify('sha256', msg, pub.rsa, s.sign(priv.rsa)); });
// The second generation starts once the first has answered, so the order of the lines is fixed.
crypto.generateKeyPair('ec', { namedCurve: 'P-384' }, (err, publicKey, privateKey) => {
  console.log('generateKeyPair', err, publicKey.asymmetricKeyDetails.namedCurve, privateKey.type);
  require('util').promisify(crypto.generateKeyPair)('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'pkcs1', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
    .then(({ publicKey, privateKey }) => console.log('generateKeyPair promisified', publicKey.split('\n')[0], privateKey.split('\n')[0]));
});
show('createPublicKey of a public KeyObject', () => crypto.createPublicKey(pub.p256));
show('createPublicKey of a secret KeyObject', () => crypto.createPublicKey(secret));
show('Sign without new', () => { const s = crypto.Sign('sha256'); return [s instanceof crypto.Sign, s.constructor.name, crypto.Verify('sha256') instanceof crypto.Verify, crypto.ECDH('prime256v1') instanceof crypto.ECDH].join(); });
for (const o of [{ publicKeyEncoding: 'x' }, { publicKeyEncoding: { format: 'x' } }, { publicKeyEncoding: { format: 'pem', type: 'pkcs8' } }, { privateKeyEncoding: { format: 'pem', type: 'spki' } },
  { privateKeyEncoding: { format: 'pem' } }, { publicKeyEncoding: { format: 'pem', type: 'pkcs1' } }, { privateKeyEncoding: { format: 'pem', type: 'sec1' } }, { privateKeyEncoding: { format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc' } }]) {
  show(`generate encoding ${JSON.stringify(o)}`, () => crypto.generateKeyPairSync('ed25519', o));
}
