'use strict';
// Corpus for the `path` module, POSIX and Windows flavours. Prints strings
// only. Everything printed is independent of the current directory: resolve()
// and relative() only get inputs that are already absolute (for win32: with a
// drive or UNC root, or rooted, which never picks up a POSIX cwd).

const path = require('path');
const { posix, win32 } = path;

const q = JSON.stringify;
const log = (...parts) => console.log(parts.join(' '));

function attempt(label, fn) {
  try {
    log(label, '->', q(fn()));
  } catch (e) {
    log(label, 'threw', `${e.name} | ${e.code} | ${e.message} | ${String(e)}`);
  }
}

log('== module shape');
log(path === posix, path === require('node:path'), posix.posix === posix, posix.win32 === win32, win32.win32 === win32, win32.posix === posix);
log(q(Object.keys(posix)), q(Object.keys(win32)));
log(q(posix.sep), q(posix.delimiter), q(win32.sep), q(win32.delimiter));
for (const name of ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'toNamespacedPath', 'dirname', 'basename', 'extname', 'format', 'parse', 'matchesGlob', '_makeLong']) {
  log(name, typeof posix[name], posix[name].name, posix[name].length, win32[name].name, win32[name].length);
}
log(posix._makeLong === posix.toNamespacedPath, win32._makeLong === win32.toNamespacedPath);

// Inputs shared by the single-argument functions.
const commonInputs = [
  '', '.', '..', '...', '/', '//', '///', '\\', '\\\\', 'a', 'a/', 'a//', '/a', '/a/', '//a', '///a',
  'a/b', 'a/b/', 'a//b', 'a/./b', 'a/../b', 'a/b/..', 'a/b/../..', 'a/b/../../..', '../a', '../../a/b',
  './a', './', './/', '/..', '/../a', '/a/../..', 'a/.', 'a/..', '/.', '/./', 'foo/bar/baz.js',
  '/foo/bar/baz.js', 'file.txt', '.bashrc', '.bashrc.bak', 'file.', 'file..', '..file', 'a.b.c',
  '/a.b/c', '/a.b/c.d', 'a/.b', 'a/..b', 'a/...', '.../', '..\\', 'dir/.hidden/', 'x.', 'x..',
  '.x.', '/x/y.z/', 'a\\b', 'a\\b\\c.d', '\\a\\b\\', 'C:', 'C:\\', 'C:/', 'C:\\foo', 'c:/foo/',
  'C:foo', 'C:foo\\bar', 'C:\\foo\\..\\..', 'C:..\\..', 'C:.', 'C:\\.', 'C:\\..', 'c:\\foo\\bar.baz',
  '\\\\server\\share', '\\\\server\\share\\', '\\\\server\\share\\dir\\file.ext', '//server/share/a',
  '\\\\server', '\\\\server\\', '\\\\?\\C:\\a', '\\\\?\\UNC\\server\\share', '\\\\.\\PHYSICALDRIVE0',
  '\\\\.\\pipe\\name', '\\\\?\\COM1:', '\\\\?\\COM1:\\x', 'CON', 'CON:', 'con:', 'CON:x', 'COM1:\\x',
  'LPT1:..\\..', 'NUL.txt', 'COM\xb9:', 'a:b', 'a:b:', 'x/y:z', 'foo:bar\\baz', ':', '::', 'a::b',
  'd:\\a:b', '\\a:b', 'file:stream', 'file:stream:$DATA', 'A:', 'z:\\', '1:\\x', 'é/ü.txt',
  '/ünïcödé/ファイル.txt', 'İ', 'ß/x', 'a b/c d.e f', ' ', '/ /', '\t', 'a\nb', '🙂/🙃.js',
];

const flavours = [['posix', posix], ['win32', win32]];

log('== normalize / isAbsolute / dirname / basename / extname / parse');
for (const [name, p] of flavours) {
  for (const input of commonInputs) {
    log(name, q(input),
        q(p.normalize(input)), p.isAbsolute(input), q(p.dirname(input)), q(p.basename(input)),
        q(p.extname(input)), q(p.parse(input)), q(p.format(p.parse(input))));
  }
}

log('== toNamespacedPath');
for (const input of commonInputs) {
  // Drive-relative inputs ('C:x') would pick up the current directory.
  if (!win32.isAbsolute(input)) continue;
  log(q(input), q(posix.toNamespacedPath(input)), q(win32.toNamespacedPath(input)));
}
for (const v of [undefined, null, 1, {}, '']) {
  log('toNamespacedPath passthrough', q(posix.toNamespacedPath(v)), q(win32.toNamespacedPath(v)));
}

log('== basename with suffix');
const suffixCases = [
  ['foo.js', '.js'], ['foo.js', 'js'], ['foo.js', 'foo.js'], ['foo.js', 'o.js'], ['foo.js', '.ts'],
  ['/a/b/foo.js', '.js'], ['/a/b/foo.js/', '.js'], ['/a/b/foo.js//', 'js'], ['a', 'a'], ['a', 'b'],
  ['aaa', 'a'], ['aaa', 'aa'], ['aaa', 'aaa'], ['aaa/', 'a'], ['/aaa/', 'aaa'], ['file', ''],
  ['file.ext.ext', '.ext'], ['.js', '.js'], ['a/.js', '.js'], ['C:\\foo.js', '.js'], ['C:foo.js', '.js'],
  ['C:\\', 'x'], ['\\dir\\x.js\\', '.js'], ['/dir/x.js\\', '.js'], ['x.js', 'x.js.js'], ['basename.ext', 'e.ext'],
  ['basename.ext', 'sename.ext'], ['', ''], ['', 'a'], ['/', '/'], ['//', '/'], ['a/b', 'b'], ['a/bb', 'b'],
];
for (const [name, p] of flavours) {
  for (const [input, suffix] of suffixCases) log(name, 'basename', q(input), q(suffix), q(p.basename(input, suffix)));
}

log('== join');
const joinCases = [
  [], [''], ['', ''], ['.', '.'], ['a', 'b'], ['a/', 'b'], ['a', '/b'], ['/a', '/b'], ['a', '', 'b'],
  ['a', '..', 'b'], ['a', '..', '..', 'b'], ['/', '..', 'a'], ['.', '..'], ['..', '..'], ['a', './b'],
  ['a/b/c', '../../..'], ['a/b/c', '../../../..'], ['/a/b', '../../../x'], ['', '/a'], ['/', ''],
  ['//', 'a'], ['//a', 'b'], ['///a', 'b'], ['\\\\a', 'b'], ['\\\\a\\', 'b'], ['//server', 'share'],
  ['//server/', 'share'], ['\\\\server', 'share', 'x'], ['\\', 'a'], ['\\\\', '\\\\', 'a'], ['', '//', 'a'],
  ['', '', '//a'], ['C:', 'a'], ['C:\\', 'a'], ['C:', '\\a'], ['C:', '..', 'a'], ['c:', 'D:'],
  ['a', 'C:'], ['CON:', 'a'], ['a', 'CON:x'], ['a/b', 'COM1:'], ['lpt1:', '..'], ['x', 'NUL'],
  ['foo', 'bar:baz'], ['foo:', 'bar'], ['./foo:', 'bar'], ['a', 'b', 'c', 'd', 'e', 'f'], [' ', 'x'],
  ['a\\b', 'c/d'], ['/a/', '/b/', '/c/'], ['a', 'b/'], ['a', 'b/.'], ['a', 'b/..'],
];
for (const [name, p] of flavours) {
  for (const args of joinCases) log(name, 'join', q(args), q(p.join(...args)));
}

log('== resolve (absolute inputs)');
const posixResolveCases = [
  ['/'], ['/a'], ['/a/b', 'c'], ['/a/b', '/c'], ['/a/b', '../c'], ['/a', 'b', '..', 'c'], ['/a', '', 'b'],
  ['/a', '.', 'b/'], ['/x/y', '../../..', 'z'], ['/', '..'], ['/foo/bar', './baz'], ['/foo/bar', '/tmp/file/'],
  ['/var/lib', '../', 'file/'], ['/a//b', 'c//d'], ['/a/b/', 'c/../d/./e/'], ['a', '/b', 'c'], ['x', 'y', '/'],
  ['/a\\b', 'c'], ['/é', 'ü'],
];
for (const args of posixResolveCases) log('posix resolve', q(args), q(posix.resolve(...args)));
const win32ResolveCases = [
  ['C:\\'], ['C:/'], ['c:/blah\\blah', 'd:/games', 'c:../a'], ['c:/ignore', 'd:\\a/b\\c/d', '\\e.exe'],
  ['c:/ignore', 'c:/some/file'], ['d:/ignore', 'd:some/dir//'], ['C:\\foo', 'bar'], ['C:\\foo', '..\\..\\..'],
  ['//server/share', '..', 'relative\\'], ['\\\\server\\share', 'x'], ['\\\\server\\share\\', '..\\..'],
  ['c:/', '//'], ['c:/', '//dir'], ['c:/', '//server/share'], ['c:/', '//server//share'], ['c:/', '///some//dir'],
  ['C:\\foo\\tmp.3\\', '..\\tmp.3\\cycles\\root.js'], ['\\\\?\\C:\\x', '..'], ['\\\\.\\pipe\\p', 'x'],
  ['\\\\?\\UNC\\srv\\sh', 'a'], ['C:\\a', 'D:\\b', 'c:c'], ['C:\\a', 'c:b'], ['C:\\a', 'C:'], ['\\\\srv\\sh', 'C:\\x', 'y'],
  ['c:\\a', 'CON:', 'x'], ['C:\\', 'COM1:\\x'], ['C:\\x', 'İ', 'ß'],
  ['\\'], ['/'], ['\\a\\b'], ['/a', 'b'], ['\\a', '..\\..\\b'], ['\\x', '/y'],
];
for (const args of win32ResolveCases) log('win32 resolve', q(args), q(win32.resolve(...args)));

log('== relative (absolute inputs)');
const posixRelativeCases = [
  ['/var/lib', '/var'], ['/var/lib', '/bin'], ['/var/lib', '/var/lib'], ['/var/lib', '/var/apache'],
  ['/var/', '/var/lib'], ['/', '/var/lib'], ['/foo/test', '/foo/test/bar/package.json'],
  ['/Users/a/web/b/test/mails', '/Users/a/web/b'], ['/foo/bar/baz-quux', '/foo/bar/baz'],
  ['/foo/bar/baz', '/foo/bar/baz-quux'], ['/baz-quux', '/baz'], ['/baz', '/baz-quux'], ['/page1/page2/foo', '/'],
  ['/a/b/c', '/a/x/y'], ['/a', '/a/'], ['/a/', '/a'], ['/a//b', '/a/b/c'], ['/', '/'], ['/x/y', '/x/y/../z'],
];
for (const [a, b] of posixRelativeCases) log('posix relative', q(a), q(b), q(posix.relative(a, b)));
const win32RelativeCases = [
  ['c:/blah\\blah', 'd:/games'], ['c:/aaaa/bbbb', 'c:/aaaa'], ['c:/aaaa/bbbb', 'c:/cccc'],
  ['c:/aaaa/bbbb', 'c:/aaaa/bbbb'], ['c:/aaaa/bbbb', 'c:/aaaa/cccc'], ['c:/aaaa/', 'c:/aaaa/cccc'],
  ['c:/', 'c:\\aaaa\\bbbb'], ['c:/aaaa/bbbb', 'd:\\'], ['c:/AaAa/bbbb', 'c:/aaaa/bbbb'],
  ['c:/aaaaa/', 'c:/aaaa/cccc'], ['C:\\foo\\bar\\baz\\quux', 'C:\\'], ['C:\\foo\\test', 'C:\\foo\\test\\bar\\package.json'],
  ['C:\\foo\\bar\\baz-quux', 'C:\\foo\\bar\\baz'], ['C:\\foo\\bar\\baz', 'C:\\foo\\bar\\baz-quux'],
  ['\\\\foo\\bar', '\\\\foo\\bar\\baz'], ['\\\\foo\\bar\\baz', '\\\\foo\\bar'], ['\\\\foo\\bar\\baz-quux', '\\\\foo\\bar\\baz'],
  ['\\\\foo\\bar\\baz', '\\\\foo\\bar\\baz-quux'], ['C:\\baz-quux', 'C:\\baz'], ['C:\\baz', 'C:\\baz-quux'],
  ['\\\\foo\\baz-quux', '\\\\foo\\baz'], ['\\\\foo\\baz', '\\\\foo\\baz-quux'], ['C:\\baz', '\\\\foo\\bar\\baz'],
  ['\\\\foo\\bar\\baz', 'C:\\baz'], ['C:\\İ\\a', 'C:\\i̇\\b'], ['C:\\İx', 'C:\\İy'], ['C:\\a\\İ', 'C:\\A\\İ\\c'],
  ['C:\\x\\y', 'c:\\X\\Y'], ['\\a', '\\a\\b'], ['\\a\\b', '/c'],
];
for (const [a, b] of win32RelativeCases) log('win32 relative', q(a), q(b), q(win32.relative(a, b)));
log('relative identical strings', q(posix.relative('x', 'x')), q(win32.relative('x', 'x')));

log('== format');
const formatCases = [
  {}, { root: '/' }, { dir: '/a' }, { base: 'b' }, { name: 'n' }, { ext: '.e' }, { ext: 'e' }, { name: 'n', ext: 'e' },
  { name: 'n', ext: '.e' }, { dir: '/a', base: 'b' }, { root: '/', base: 'b' }, { root: '/', dir: '/', base: 'b' },
  { root: '/x/', dir: '/x/', base: 'b' }, { root: '/', dir: '/a', base: 'b', name: 'ignored', ext: '.no' },
  { dir: 'a', name: 'n', ext: '..' }, { dir: 'a', name: 'n', ext: '.' }, { root: 'C:\\', dir: 'C:\\', base: 'x' },
  { dir: 'C:\\a', base: 'x' }, { root: 'C:\\', name: 'x', ext: 'txt' }, { dir: '', root: '', base: '' },
  { base: '', name: '', ext: '' }, { dir: null, base: 'z' }, { root: 0, dir: 0, base: 0, name: 0, ext: 0 },
  { dir: 'd', base: 'b', ext: '.e' }, { name: '.hidden' }, { name: 'x', ext: '.tar.gz' },
];
for (const [name, p] of flavours) {
  for (const obj of formatCases) log(name, 'format', q(obj), q(p.format(obj)));
}

log('== deterministic generated cases');
let seed = 20240611;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const atoms = ['a', 'bc', 'd.e', '.', '..', '...', '', '.x', 'x.', 'CON', 'c:', 'D:', ':', '?', ' ', 'ü', 'a.b.c'];
const seps = ['/', '\\', '//', '\\\\', '/\\'];
function genRelative() {
  let s = atoms[rnd(atoms.length)];
  const n = rnd(5);
  for (let i = 0; i < n; i++) s += seps[rnd(seps.length)] + atoms[rnd(atoms.length)];
  return s;
}
const posixRoots = ['/', '//', '///', '/./', '/../'];
const win32Roots = ['C:\\', 'c:/', 'D:/', '\\', '/', '\\\\srv\\sh\\', '//srv/sh/', '\\\\?\\C:\\', '\\\\.\\dev\\'];
for (let k = 0; k < 300; k++) {
  const rel = genRelative();
  const rel2 = genRelative();
  const pa = posixRoots[rnd(posixRoots.length)] + genRelative();
  const pb = posixRoots[rnd(posixRoots.length)] + genRelative();
  const wa = win32Roots[rnd(win32Roots.length)] + genRelative();
  const wb = win32Roots[rnd(win32Roots.length)] + genRelative();
  log('gen', k, q([rel, rel2, pa, pb, wa, wb]));
  log(' posix', q(posix.normalize(rel)), q(posix.join(rel, rel2)), q(posix.dirname(rel)), q(posix.basename(rel)),
      q(posix.extname(rel)), q(posix.parse(pa)), q(posix.resolve(pa, rel)), q(posix.relative(pa, pb)));
  log(' win32', q(win32.normalize(rel)), q(win32.join(rel, rel2)), q(win32.dirname(rel)), q(win32.basename(rel)),
      q(win32.extname(rel)), q(win32.parse(wa)), q(win32.resolve(wa, rel.replace(/^[a-zA-Z]:/, ''))), q(win32.relative(wa, wb)),
      q(win32.toNamespacedPath(wa)), q(win32.normalize(wa)), q(win32.join(wa, rel)));
}

log('== argument validation');
const badValues = [undefined, null, 1, -0, NaN, 10n, true, Symbol('s'), {}, [], ['a'], () => {}, function named() {}, new Map(), Object.create(null), new (class Custom {})()];
for (const [name, p] of flavours) {
  for (const bad of badValues) {
    const label = typeof bad === 'symbol' ? 'Symbol' : typeof bad === 'bigint' ? '10n' : typeof bad === 'function' ? 'function' : q(bad) || String(bad);
    attempt(`${name} join(${label})`, () => p.join('a', bad));
    attempt(`${name} resolve(${label})`, () => p.resolve('/a', bad));
    attempt(`${name} normalize(${label})`, () => p.normalize(bad));
    attempt(`${name} isAbsolute(${label})`, () => p.isAbsolute(bad));
    attempt(`${name} relative(${label})`, () => p.relative(bad, '/a'));
    attempt(`${name} relative(_, ${label})`, () => p.relative('/a', bad));
    attempt(`${name} dirname(${label})`, () => p.dirname(bad));
    attempt(`${name} basename(${label})`, () => p.basename(bad));
    attempt(`${name} basename(_, ${label})`, () => p.basename('/a.js', bad));
    attempt(`${name} extname(${label})`, () => p.extname(bad));
    attempt(`${name} parse(${label})`, () => p.parse(bad));
    attempt(`${name} format(${label})`, () => p.format(bad));
  }
  attempt(`${name} basename both bad`, () => p.basename(1, 2));
  attempt(`${name} resolve index`, () => p.resolve('/a', 'b', 3));
  attempt(`${name} matchesGlob bad path`, () => p.matchesGlob(1, '*'));
  attempt(`${name} matchesGlob bad pattern`, () => p.matchesGlob('a', null));
}
