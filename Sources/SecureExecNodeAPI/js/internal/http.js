'use strict';
// Symbols the HTTP modules share, as Node's internal/http: an OutgoingMessage's header map
// (`[kOutHeaders]`: lower-cased name -> [name, value]) and its wait-for-drain flag.

module.exports = {
  kOutHeaders: Symbol('kOutHeaders'),
  kNeedDrain: Symbol('kNeedDrain'),
};
