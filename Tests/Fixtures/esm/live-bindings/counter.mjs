export let count = 0;
export var label = 'counter';
export const config = { step: 1 };

export function increment(by = config.step) {
  count += by;
  return count;
}

export function reset() {
  count = 0;
  label = 'reset';
}

// `this` inside an imported function called as `f()` must be undefined (no receiver).
export function receiver() {
  return this === undefined ? 'undefined' : typeof this;
}

export function tag(strings, ...values) {
  return `${receiver.call(this)}:${strings.raw.join('|')}:${values.join(',')}`;
}

export { count as total };
