#!/usr/bin/env bash
# Builds the Examples package (its own SwiftPM package, built in Examples/.build) and runs every
# example. Each example checks its own output and exits non-zero when it is wrong; the first
# failure stops the script and names the example. Usage: scripts/examples.sh [name ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# module-loading loads Debian's npm packages from /usr/share/nodejs.
if ! dpkg -s node-semver node-yaml >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y node-semver node-yaml >/dev/null
fi
export SWIFT_BACKTRACE=enable=no
start=$SECONDS
# SwiftPM's cached build plan can miss source files added to the main package: drop it (cheap).
rm -f Examples/.build/*.yaml Examples/.build/debug/description.json
swift build --package-path Examples
# The runtimes' engine runs in secure-exec-worker, which must sit beside the executables.
swift build --package-path Examples --product secure-exec-worker
bin="$(swift build --package-path Examples --show-bin-path)"
echo "examples built in $((SECONDS - start)) s"

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for dir in Examples/Sources/*/; do
    name="$(basename "$dir")"
    [ "$name" = ExampleSupport ] || names+=("$name")
  done
fi
for name in "${names[@]}"; do
  echo "=== example: $name"
  example_start=$SECONDS
  if ! timeout 300 "$bin/$name"; then
    echo "=== example FAILED: $name" >&2
    exit 1
  fi
  echo "=== example passed: $name ($((SECONDS - example_start)) s)"
done
echo "all ${#names[@]} examples passed ($((SECONDS - start)) s in all)"
