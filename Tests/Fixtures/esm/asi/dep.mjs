export function helper(strings) {
  return Array.isArray(strings) ? `tagged:${strings[0]}` : `helper:${this === undefined}`
}
export let state = 'initial'
export function setState(v) { state = v }
