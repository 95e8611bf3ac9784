// Node's test/fixtures, next to this folder in the harness's staging tree.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const fixturesDir = path.join(__dirname, '..', 'fixtures');

function fixturesPath(...parts) {
  return path.join(fixturesDir, ...parts);
}

function fileURL(...parts) {
  return pathToFileURL(fixturesPath(...parts));
}

function readSync(parts, encoding) {
  return fs.readFileSync(fixturesPath(...[].concat(parts)), encoding);
}

function readKey(name, encoding) {
  return fs.readFileSync(fixturesPath('keys', name), encoding);
}

module.exports = {
  fileURL,
  fixturesDir,
  path: fixturesPath,
  readKey,
  readSync,
};
