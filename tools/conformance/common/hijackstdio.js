// Observe what is written to process.stdout / process.stderr (the output still goes through).
'use strict';

const originals = new Map();

function hijack(name, listener) {
  const stream = process[name];
  const write = stream.write;
  originals.set(name, write);
  stream.writeTimes = 0;
  stream.write = function(data, ...rest) {
    try {
      listener(data);
    } catch (err) {
      process.nextTick(() => { throw err; });
    }
    const result = Reflect.apply(write, stream, [data, ...rest]);
    stream.writeTimes++;
    return result;
  };
  return stream;
}

function restore(name) {
  const stream = process[name];
  if (originals.has(name)) {
    stream.write = originals.get(name);
    originals.delete(name);
  }
  delete stream.writeTimes;
}

module.exports = {
  hijackStderr: (listener) => hijack('stderr', listener),
  hijackStdout: (listener) => hijack('stdout', listener),
  restoreStderr: () => restore('stderr'),
  restoreStdout: () => restore('stdout'),
};
