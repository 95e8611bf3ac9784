#!/usr/bin/env bash
# After a test run that failed: if the test process crashed and left a core dump here (the
# kernel's core_pattern decides whether it does), print every thread's stack with gdb, then
# remove the dump. Prints nothing when there is no dump or no gdb.
cd "$(dirname "$0")/.."
binary=".build/debug/SecureExecPackageTests.xctest"
for core in core core.[0-9]*; do
  [ -f "$core" ] || continue
  echo "== crash report: $core ==" >&2
  # A worker's dump (its engine crashed) is read with the worker's binary.
  exe="$binary"
  if command -v file >/dev/null && file "$core" | grep -q "secure-exec-worker"; then exe=".build/debug/secure-exec-worker"; fi
  if command -v gdb >/dev/null; then
    gdb -batch -q -ex 'p $_siginfo' -ex "thread apply all bt 40" "$exe" "$core" 2>&1 | grep -v "^\[New LWP\|^During symbol reading" | head -2000 >&2
  fi
  rm -f "$core"
done
