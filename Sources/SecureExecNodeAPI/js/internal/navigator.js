'use strict';
// The `navigator` global of Node 21+: a Navigator whose getters tell the guest's view of the
// machine (the sandbox's CPU count, its platform and architecture, the engine's default locale).
// Nothing here reaches the host.

const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');

const kInitialize = Symbol('kInitialize');

// `navigator.platform` as browsers spell it.
function navigatorPlatform(platform, arch) {
  if (platform === 'darwin') return 'MacIntel';
  if (platform === 'win32') return 'Win32';
  const machine = { x64: 'x86_64', ia32: 'i686', arm64: 'aarch64' }[arch] ?? arch;
  if (platform === 'linux') return `Linux ${machine}`;
  if (platform === 'freebsd') return `FreeBSD ${machine}`;
  if (platform === 'openbsd') return `OpenBSD ${machine}`;
  if (platform === 'sunos') return `SunOS ${machine}`;
  if (platform === 'aix') return 'AIX';
  return `${platform} ${machine}`;
}

function defaultLocale() {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return undefined;
  }
}

class Navigator {
  #hardwareConcurrency;
  #userAgent;
  #platform;
  #languages;

  constructor(token) {
    if (token !== kInitialize) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get hardwareConcurrency() {
    this.#hardwareConcurrency ??= require('os').availableParallelism();
    return this.#hardwareConcurrency;
  }

  get language() {
    return defaultLocale() || 'en-US';
  }

  get languages() {
    this.#languages ??= Object.freeze([this.language]);
    return this.#languages;
  }

  get userAgent() {
    const version = process.version;
    this.#userAgent ??= `Node.js/${version.slice(1, version.indexOf('.'))}`;
    return this.#userAgent;
  }

  get platform() {
    this.#platform ??= navigatorPlatform(process.platform, process.arch);
    return this.#platform;
  }
}

for (const name of ['hardwareConcurrency', 'language', 'languages', 'userAgent', 'platform']) {
  Object.defineProperty(Navigator.prototype, name, { __proto__: null, enumerable: true });
}

let navigator;

module.exports = {
  Navigator,
  get navigator() {
    navigator ??= new Navigator(kInitialize);
    return navigator;
  },
};
