const log = (s) => console.log(s)
let value = 'v'
import { helper, state, setState } from './dep.mjs'
(function () { log('iife after import') })()
log(helper())
helper()
log(helper`tag`)
value
helper
`ignored`
export let y = 2
log(`y=${y}`)
export { value }
(() => log('arrow iife after export list'))()
export const z = state
;[1, 2].forEach((n) => log(`n=${n}`))
setState('changed')
log(state)
export default helper
(['x'])
import * as ns from './entry.mjs'
log(ns.default)
let a = 1, b = 2, g = 1
a
++b
log(`${a} ${b}`)
const result = a
/ b / g
log(result)
label: {
  helper()
  break label
}
log(typeof helper
)
export function
hoisted
()
{ return 'hoisted across lines' }
log(hoisted())
