#!/usr/bin/env bash
# Sets everything up and runs the whole suite: lint, types, then the tests (offscreen Qt).
set -euo pipefail
cd "$(dirname "$0")"
packaging/setup-venv.sh
.venv/bin/ruff check src tests benchmarks scripts packaging
.venv/bin/mypy
.venv/bin/lint-imports --no-cache --no-logo
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
