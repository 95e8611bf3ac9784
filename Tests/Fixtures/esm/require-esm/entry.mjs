// require() of ES modules from CommonJS (Node 22.12+): synchronous graphs only.
import './main.cjs';
import * as direct from './esm.mjs';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
console.log('same bindings:', require('./esm.mjs').a === direct.a, require('./esm.mjs').default === direct.default);
