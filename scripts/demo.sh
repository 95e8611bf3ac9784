#!/usr/bin/env bash
# Builds the command-line tool and runs Examples/demo.js with a few grants: the guest sees what
# it was granted and gets Node's EACCES errors for the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --product secure-exec >&2
bin="$(swift build --show-bin-path)/secure-exec"
echo "+ secure-exec run --allow-env=DEMO_GREETING --allow-read=/tmp --allow-write=/tmp Examples/demo.js" >&2
DEMO_GREETING="hello from the host" DEMO_SECRET="do not leak" \
  "$bin" run --allow-env=DEMO_GREETING --allow-read=/tmp --allow-write=/tmp Examples/demo.js
