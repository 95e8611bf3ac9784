import * as self from './self.mjs';
import { selfValue as mine } from './self.mjs';
export const selfValue = 'self';
console.log(`self: ${self.selfValue} ${mine} ${Object.keys(self).join(',')}`);
