// ES-module face of common/fixtures.js (Node's tests import '../common/fixtures.mjs').
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const shared = require('./fixtures.js');

export const {
  fileURL,
  fixturesDir,
  path,
  readKey,
  readSync,
} = shared;

export default shared;
