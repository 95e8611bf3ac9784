// The test's temporary folder, `.tmp.0` inside the folder the harness gives every test file (the
// only place it may write), named in SECURE_EXEC_TEST_TMPDIR. It exists once refresh() was called.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const tmpPath = path.join(process.env.SECURE_EXEC_TEST_TMPDIR || path.join(__dirname, '..'), '.tmp.0');

function refresh() {
  fs.rmSync(tmpPath, { recursive: true, force: true, maxRetries: 3 });
  fs.mkdirSync(tmpPath, { recursive: true });
}

function resolve(...paths) {
  return path.resolve(tmpPath, ...paths);
}

function fileURL(...paths) {
  // A trailing separator is kept, as in a folder URL.
  const full = resolve(...paths);
  const last = paths.length ? String(paths[paths.length - 1]) : '';
  return pathToFileURL(last.endsWith('/') || paths.length === 0 ? `${full}/` : full);
}

function hasEnoughSpace(size) {
  if (typeof fs.statfsSync !== 'function') return true;
  try {
    const { bavail, bsize } = fs.statfsSync(tmpPath);
    return bavail >= Math.ceil(size / bsize);
  } catch {
    return true;
  }
}

module.exports = {
  fileURL,
  hasEnoughSpace,
  path: tmpPath,
  refresh,
  resolve,
};
