'use strict';
// Operations on a folder's entry (mkdir, rm, unlink, rename, link, symlink, lstat, readlink,
// readdir): results and error messages as Node's.
const fs = require('fs');
const base = '/tmp/se-corpus-fs-entries';
fs.rmSync(base, { recursive: true, force: true });
fs.mkdirSync(base + '/d/e', { recursive: true });
fs.writeFileSync(base + '/f', 'x');
fs.symlinkSync('f', base + '/l');
fs.symlinkSync('nowhere', base + '/dang');
const tries = [
  () => fs.mkdirSync(base + '/f', { recursive: true }),
  () => fs.mkdirSync(base + '/f/a/b', { recursive: true }),
  () => fs.mkdirSync(base + '/d', { recursive: true }),
  () => fs.mkdirSync(base + '/n1/n2', { recursive: true }),
  () => fs.mkdirSync(base + '/d'),
  () => fs.mkdirSync(base + '/l'),
  () => fs.mkdirSync(base + '/missing/x'),
  () => fs.unlinkSync(base + '/d'),
  () => fs.unlinkSync(base + '/nope'),
  () => fs.rmdirSync(base + '/f'),
  () => fs.rmdirSync(base + '/d'),
  () => fs.rmSync(base + '/d'),
  () => fs.rmSync(base + '/nope'),
  () => fs.rmSync(base + '/nope', { force: true }),
  () => fs.renameSync(base + '/nope', base + '/x'),
  () => fs.renameSync(base + '/d', base + '/d/e/inside'),
  () => fs.renameSync(base + '/f', base + '/d'),
  () => fs.renameSync(base + '/d', base + '/f'),
  () => fs.linkSync(base + '/d', base + '/dl'),
  () => fs.linkSync(base + '/f', base + '/l'),
  () => fs.linkSync(base + '/nope', base + '/q'),
  () => fs.symlinkSync('x', base + '/f'),
  () => fs.symlinkSync('x', base + '/missing/x'),
  () => fs.readlinkSync(base + '/f'),
  () => fs.readlinkSync(base + '/l'),
  () => fs.readlinkSync(base + '/nope'),
  () => fs.lstatSync(base + '/dang').isSymbolicLink(),
  () => fs.lstatSync(base + '/nope'),
  () => fs.readdirSync(base + '/f'),
  () => fs.readdirSync(base + '/nope'),
  () => fs.readdirSync(base).join(),
  () => fs.readdirSync(base, { recursive: true }).sort().join(),
  () => fs.linkSync(base + '/l', base + '/l2'),
  () => fs.lstatSync(base + '/l2').isSymbolicLink(),
  () => fs.rmSync(base + '/d', { recursive: true }),
  () => fs.readdirSync(base).join(),
];
for (const t of tries) {
  try { console.log('ok', t()); } catch (e) { console.log(e.code, e.message.replace(base, 'B').replace(base, 'B')); }
}
fs.rmSync(base, { recursive: true, force: true });
