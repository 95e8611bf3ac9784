#!/usr/bin/env bash
# Runs the whole test suite (installing JavaScriptCore's development package if missing), then
# builds the documentation (warnings fail).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# Real npm packages for the package tests (Debian installs them under /usr/share/nodejs).
packages="node-semver node-lodash node-yaml node-chalk node-debug node-commander node-minimist node-uuid"
if ! dpkg -s $packages >/dev/null 2>&1 || ! command -v node >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >/dev/null
  command -v node >/dev/null || packages="$packages nodejs"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $packages >/dev/null
fi
# JSC replaces the crash handlers; Swift's backtracer can then hang on a crash (engine.md §10).
export SWIFT_BACKTRACE=enable=no
swift build --build-tests
swift test --skip-build "$@"
# Every guest-visible test again with the engine in-process (one body, two setups).
SECUREEXEC_TEST_ISOLATION=in-process swift test --skip-build --filter SecureExecTests "$@"
scripts/docs.sh
