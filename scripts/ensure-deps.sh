#!/usr/bin/env bash
# Installs the system package SecureExec builds against (JavaScriptCore), when it is missing.
set -euo pipefail
if pkg-config --exists javascriptcoregtk-4.1 2>/dev/null; then exit 0; fi
echo "Installing libjavascriptcoregtk-4.1-dev ..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y libjavascriptcoregtk-4.1-dev
