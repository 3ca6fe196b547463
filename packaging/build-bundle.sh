#!/usr/bin/env bash
# Builds the one-folder bundle dist/selfcare-app/ (run dist/selfcare-app/selfcare-app).
# Creates/uses .venv (packaging/setup-venv.sh), installs the `bundle` extra (PyInstaller), then
# runs packaging/pyinstaller/selfcare_app.spec. Work files go to build/pyinstaller/.
# Check the result with packaging/check-bundle.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/setup-venv.sh
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/python -m pip install -q -e '.[bundle]'
fi
start=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/selfcare_app.spec
echo "Built dist/selfcare-app/ in $(( $(date +%s) - start )) s," \
  "$(du -sh dist/selfcare-app | cut -f1) on disk." \
  "Run dist/selfcare-app/selfcare-app; check it with packaging/check-bundle.sh."
