"""Measures mini-racer (an embedded V8 isolate) for secure-exec-bench, inside this process.

Usage: python mini_racer_driver.py '<json config>'; prints one JSON line of timings in
milliseconds (memory in bytes). Spawned by Benchmarks/Sources/secure-exec-bench; the config:
{"cold": N, "warm": N, "memory": [1, 10, 100], "markdown": {"input": path, "renders": N},
 "lodash": {"path": path, "runs": N}}.

mini-racer has no require, filesystem or network, so markdown-it's CommonJS graph is bundled
here (its files read from /usr/share/nodejs, wrapped in functions) before timing starts.
"""

import json
import os
import re
import sys
import time
from importlib.metadata import version

from py_mini_racer import MiniRacer

NODE_SHARE = "/usr/share/nodejs"
REQUIRE = re.compile(r"""require\(\s*['"]([^'"]+)['"]\s*\)""")
# `punycode` is built into Node and not on disk; the benchmark input has ASCII links only.
STUBS = {"punycode": "module.exports = { toASCII: (s) => s, toUnicode: (s) => s };"}


def anonymous_pss():
    """Anonymous memory (heaps, JIT code): unlike shared library pages, what other processes
    map does not move it."""
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss_Anon:"):
                return int(line.split()[1]) * 1024
    return 0


def ms(start):
    return (time.perf_counter() - start) * 1000


def resolve_file(path):
    candidates = [path, path + ".js", path + ".json"]
    if os.path.isdir(path):
        package = os.path.join(path, "package.json")
        if os.path.isfile(package):
            with open(package) as f:
                main = json.load(f).get("main")
            if main:
                candidates.append(os.path.normpath(os.path.join(path, main)))
                candidates.append(os.path.normpath(os.path.join(path, main)) + ".js")
        candidates.append(os.path.join(path, "index.js"))
    return next((c for c in candidates if os.path.isfile(c)), None)


def resolve(spec, from_file):
    if spec.startswith(("./", "../", "/")):
        return resolve_file(os.path.normpath(os.path.join(os.path.dirname(from_file), spec)))
    directory = os.path.dirname(from_file)
    while True:
        found = resolve_file(os.path.join(directory, "node_modules", spec))
        if found or directory == "/":
            return found or resolve_file(os.path.join(NODE_SHARE, spec))
        directory = os.path.dirname(directory)


def bundle(entry):
    """A script defining `__require(entry)` over every file reachable by static requires."""
    modules, links, pending = {}, {}, [entry]
    while pending:
        path = pending.pop()
        if path in modules:
            continue
        with open(path) as f:
            source = f.read()
        modules[path] = source
        links[path] = {}
        if path.endswith(".json"):
            continue
        for spec in set(REQUIRE.findall(source)):
            target = resolve(spec, path)
            if target:
                links[path][spec] = target
                pending.append(target)
            elif spec in STUBS:
                links[path][spec] = "stub:" + spec
    parts = ["var __defs = {};"]
    for path, source in modules.items():
        body = "module.exports = " + source if path.endswith(".json") else source
        parts.append("__defs[%s] = function (module, exports, require) {\n%s\n};" % (json.dumps(path), body))
    for name, source in STUBS.items():
        parts.append("__defs[%s] = function (module, exports, require) {\n%s\n};" % (json.dumps("stub:" + name), source))
    parts.append("var __links = %s;" % json.dumps(links))
    parts.append("""
var __cache = {};
function __require(path) {
  if (__cache[path]) return __cache[path].exports;
  var module = { exports: {} };
  __cache[path] = module;
  __defs[path](module, module.exports, function (spec) {
    var target = (__links[path] || {})[spec];
    if (!target) throw new Error('cannot find module ' + spec);
    return __require(target);
  });
  return module.exports;
}""")
    return "\n".join(parts), len(modules)


def main():
    config = json.loads(sys.argv[1])
    # V8's process-wide initialisation happens once, before any timing.
    keeper = MiniRacer()
    keeper.eval("1")
    out = {"version": version("mini-racer"), "v8": keeper.v8_version}

    # Memory first: contexts closed later would leave freed pages for new ones to reuse.
    memory = {}
    for count in config.get("memory", []):
        base = anonymous_pss()
        live = []
        for _ in range(count):
            ctx = MiniRacer()
            ctx.eval("1")
            live.append(ctx)
        time.sleep(0.3)
        memory[str(count)] = (anonymous_pss() - base) / count
        for ctx in live:
            ctx.close()
    out["memory"] = memory

    cold = []
    for _ in range(config.get("cold", 0)):
        start = time.perf_counter()
        ctx = MiniRacer()
        ctx.eval("1")
        cold.append(ms(start))
        ctx.close()
    out["cold"] = cold

    for _ in range(20):
        keeper.eval("1")
    warm = []
    for _ in range(config.get("warm", 0)):
        start = time.perf_counter()
        keeper.eval("1")
        warm.append(ms(start))
    out["warm"] = warm


    if "markdown" in config:
        source, _ = bundle(resolve_file(os.path.join(NODE_SHARE, "markdown-it")))
        with open(config["markdown"]["input"]) as f:
            text = f.read()
        ctx = MiniRacer()
        ctx.eval(source + "\nvar md = __require(%s)();" % json.dumps(resolve_file(os.path.join(NODE_SHARE, "markdown-it"))))
        ctx.eval("var input = %s; var html = md.render(input); html.length" % json.dumps(text))
        renders = []
        for _ in range(config["markdown"]["renders"]):
            start = time.perf_counter()
            ctx.eval("html = md.render(input); html.length")
            renders.append(ms(start))
        out["markdown"] = renders
        ctx.close()

    if "lodash" in config:
        with open(config["lodash"]["path"]) as f:
            source = f.read()
        loads = []
        for _ in range(config["lodash"]["runs"]):
            ctx = MiniRacer()
            ctx.eval("1")
            start = time.perf_counter()
            ctx.eval(source + "\n;typeof _")
            loads.append(ms(start))
            ctx.close()
        out["lodash"] = loads

    keeper.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
