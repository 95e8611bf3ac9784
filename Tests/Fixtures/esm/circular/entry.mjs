import { aValue, hoisted } from './a.mjs';
import './self.mjs';
console.log(`entry: ${aValue} ${hoisted()}`);
