// The test's temporary folder. The harness gives every test file its own folder (the only place
// it may write) and names it in SECURE_EXEC_TEST_TMPDIR.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const tmpPath = process.env.SECURE_EXEC_TEST_TMPDIR ||
  path.join(__dirname, '..', '..', 'tmp', `.tmp.${process.env.NODE_TEST_THREAD_ID || 0}`);

function refresh() {
  // Empty the folder but keep it: the harness's write grant names the folder itself.
  fs.mkdirSync(tmpPath, { recursive: true });
  for (const entry of fs.readdirSync(tmpPath)) {
    fs.rmSync(path.join(tmpPath, entry), { recursive: true, force: true, maxRetries: 3 });
  }
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
