export default class {
  static kind = 'anon-class';
  static who = this.name;
  hello() { return 'hello from anon class'; }
}
(function () { console.log('anon-class: IIFE after class declaration'); })()
