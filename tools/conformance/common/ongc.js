// onGC(object, { ongc }): call ongc once `object` has been garbage collected.
'use strict';

const registry = new FinalizationRegistry((listener) => {
  if (typeof listener.ongc === 'function') listener.ongc();
});

module.exports = function onGC(target, listener) {
  registry.register(target, listener);
};
