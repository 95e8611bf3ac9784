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
# Every guest-visible test again with the engine in-process (one body, two setups).
SECUREEXEC_TEST_ISOLATION=in-process swift test --skip-build --filter SecureExecTests "$@"
scripts/docs.sh
