'use strict';
// perf_hooks: `performance` over the sandbox's clock (frozen at 0 under timing mitigation).

const marks = new Map();
const entries = [];

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
}
class PerformanceMark extends PerformanceEntry {}
class PerformanceMeasure extends PerformanceEntry {}

function now() { return internal.hrtimeNs() / 1e6; }

const performance = {
  now,
  get timeOrigin() { return internal.originTimeMs; },
  mark(name, options = {}) {
    const mark = new PerformanceMark(String(name), 'mark', options.startTime ?? now(), 0, options.detail ?? null);
    marks.set(mark.name, mark.startTime);
    entries.push(mark);
    return mark;
  },
  measure(name, startOrOptions, endMark) {
    let start = 0, end = now(), detail = null;
    if (typeof startOrOptions === 'string') {
      start = marks.get(startOrOptions) ?? 0;
      if (endMark !== undefined) end = marks.get(endMark) ?? end;
    } else if (startOrOptions && typeof startOrOptions === 'object') {
      if (startOrOptions.start !== undefined) start = typeof startOrOptions.start === 'string' ? marks.get(startOrOptions.start) ?? 0 : startOrOptions.start;
      if (startOrOptions.end !== undefined) end = typeof startOrOptions.end === 'string' ? marks.get(startOrOptions.end) ?? end : startOrOptions.end;
      detail = startOrOptions.detail ?? null;
    }
    const measure = new PerformanceMeasure(String(name), 'measure', start, end - start, detail);
    entries.push(measure);
    return measure;
  },
  clearMarks(name) {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
    if (name === undefined) marks.clear(); else marks.delete(name);
  },
  clearMeasures(name) {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  },
  getEntries: () => entries.slice(),
  getEntriesByName: (name, type) => entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)),
  getEntriesByType: (type) => entries.filter((e) => e.entryType === type),
  toJSON() { return { timeOrigin: this.timeOrigin }; },
  eventLoopUtilization: () => ({ idle: 0, active: 0, utilization: 0 }),
  timerify: (fn) => fn,
  nodeTiming: { name: 'node', entryType: 'node', startTime: 0, duration: 0 },
};
Object.defineProperty(performance, Symbol.toStringTag, { __proto__: null, value: 'Performance', configurable: true });

class PerformanceObserver {
  constructor(callback) { this.callback = callback; }
  observe() {}
  disconnect() {}
  takeRecords() { return []; }
  static get supportedEntryTypes() { return ['mark', 'measure']; }
}

module.exports = {
  performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  monitorEventLoopDelay() {
    const err = new Error('perf_hooks.monitorEventLoopDelay is not supported in sandbox');
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  },
  createHistogram() {
    const err = new Error('perf_hooks.createHistogram is not supported in sandbox');
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  },
  constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
};
