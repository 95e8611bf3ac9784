#!/usr/bin/env bash
# Installs the system packages SecureExec builds against when they are missing: JavaScriptCore,
# and zlib and brotli for the guest's `zlib` module.
set -euo pipefail
if pkg-config --exists javascriptcoregtk-4.1 zlib libbrotlienc libbrotlidec 2>/dev/null; then exit 0; fi
echo "Installing libjavascriptcoregtk-4.1-dev zlib1g-dev libbrotli-dev ..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y libjavascriptcoregtk-4.1-dev zlib1g-dev libbrotli-dev
