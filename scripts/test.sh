#!/usr/bin/env bash
# Runs the whole test suite (installing JavaScriptCore's development package if missing), then
# builds the documentation (warnings fail).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# JSC replaces the crash handlers; Swift's backtracer can then hang on a crash (engine.md §10).
export SWIFT_BACKTRACE=enable=no
swift build --build-tests
swift test --skip-build "$@"
scripts/docs.sh
