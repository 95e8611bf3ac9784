// tick(n, callback): run callback after n turns of the event loop (setImmediate).
'use strict';

module.exports = function tick(turns, callback) {
  function next() {
    turns--;
    if (turns <= 0) {
      if (typeof callback === 'function') callback();
    } else {
      setImmediate(next);
    }
  }
  setImmediate(next);
};
