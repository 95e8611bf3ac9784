'use strict';
// `os`: the sandbox's view, from the embedder's OSConfig. Nothing is read from the host.

const { settings } = internal;
const cfg = settings.os;

function notNegative(n) { return n < 0 ? 0 : n; }

const constants = Object.freeze({
  UV_UDP_REUSEADDR: 4,
  dlopen: Object.freeze({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }),
  errno: Object.freeze({ E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAGAIN: 11, EBADF: 9, EBUSY: 16, ECONNREFUSED: 111, ECONNRESET: 104, EEXIST: 17, EINTR: 4, EINVAL: 22, EIO: 5, EISDIR: 21, ELOOP: 40, EMFILE: 24, ENAMETOOLONG: 36, ENOENT: 2, ENOMEM: 12, ENOSPC: 28, ENOSYS: 38, ENOTDIR: 20, ENOTEMPTY: 39, EPERM: 1, EPIPE: 32, ETIMEDOUT: 110, EXDEV: 18 }),
  signals: Object.freeze({ ...internal.signals }),
  priority: Object.freeze({ PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 }),
});

function cpus() {
  const list = [];
  for (let i = 0; i < cfg.cpus; i++) {
    list.push({ model: cfg.cpuModel, speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } });
  }
  return list;
}

module.exports = {
  constants,
  arch: () => process.arch,
  platform: () => process.platform,
  type: () => cfg.type,
  release: () => cfg.release,
  version: () => cfg.version,
  machine: () => cfg.machine,
  hostname: () => cfg.hostname,
  homedir: () => cfg.homedir,
  tmpdir: () => cfg.tmpdir,
  endianness: () => 'LE',
  uptime: () => notNegative(Math.floor(internal.hrtimeNs() / 1e9)),
  loadavg: () => [0, 0, 0],
  totalmem: () => settings.memoryLimitBytes,
  freemem: () => settings.memoryLimitBytes,
  availableParallelism: () => cfg.cpus,
  cpus,
  networkInterfaces: () => ({}),
  userInfo(options) {
    const info = { uid: process.getuid(), gid: process.getgid(), username: cfg.username, homedir: cfg.homedir, shell: cfg.shell };
    if (options && options.encoding === 'buffer') {
      const { Buffer } = require('buffer');
      return { ...info, username: Buffer.from(info.username), homedir: Buffer.from(info.homedir), shell: info.shell === null ? null : Buffer.from(info.shell) };
    }
    return info;
  },
  getPriority: () => 0,
  setPriority: () => {},
};
// Constants as Node defines them: read-only, still configurable.
for (const [name, value] of [['EOL', '\n'], ['devNull', '/dev/null']]) {
  Object.defineProperty(module.exports, name, { __proto__: null, value, writable: false, enumerable: true, configurable: true });
}
