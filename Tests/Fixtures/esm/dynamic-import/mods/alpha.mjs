console.log('alpha: evaluated once');
export const name = 'alpha';
export default function greet(who) { return `alpha greets ${who}`; }
