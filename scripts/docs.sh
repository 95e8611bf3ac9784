#!/usr/bin/env bash
# Builds the DocC documentation of the SecureExec module; any warning (an unresolved symbol link,
# a stale article) fails. Output: .build-docs/site.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
out=.build-docs
# SwiftPM's cached build plan can miss source files added since the last build: drop it (cheap).
rm -f "$out"/build/*.yaml "$out"/build/debug/description.json
swift build --target SecureExec --scratch-path "$out/build" \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$out/symbols-all" >&2
rm -rf "$out/symbols" && mkdir -p "$out/symbols"
# Only SecureExec's own symbols (the other modules are internal).
find "$out/symbols-all" \( -name 'SecureExec.symbols.json' -o -name 'SecureExec@*.symbols.json' \) -exec cp {} "$out/symbols/" \;
docc convert Sources/SecureExec/SecureExec.docc --additional-symbol-graph-dir "$out/symbols" \
  --output-path "$out/site" --warnings-as-errors
echo "documentation: $out/site"
