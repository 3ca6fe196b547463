#!/usr/bin/env bash
# Sets everything up (system libraries, .venv, the app) and launches Selfcare.
set -euo pipefail
cd "$(dirname "$0")"
packaging/setup-venv.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" = "" ]; then
  echo "No display found: running on a virtual screen (xvfb-run). See README, 'No display'."
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/selfcare-app "$@"
fi
exec .venv/bin/selfcare-app "$@"
