'use strict';
// Node's older constructors (`http.Server`, `net.Server`, `net.Socket`, …) are functions that
// also work without `new`: `http.Server(handler)` returns a new server. Our classes get a
// function in front with the same prototype, statics and name; subclasses (`class X extends
// http.Server`) construct through it as usual.

module.exports = function callableClass(Class) {
  const Callable = function (...args) {
    return Reflect.construct(Class, args, new.target || Callable);
  };
  Object.setPrototypeOf(Callable, Class);
  Object.defineProperty(Callable, 'prototype', { __proto__: null, value: Class.prototype, writable: false });
  Object.defineProperty(Class.prototype, 'constructor', { __proto__: null, value: Callable, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(Callable, 'name', { __proto__: null, value: Class.name, configurable: true });
  Object.defineProperty(Callable, 'length', { __proto__: null, value: Class.length, configurable: true });
  return Callable;
};
