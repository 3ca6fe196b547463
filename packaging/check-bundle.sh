#!/usr/bin/env bash
# Checks the one-folder bundle from packaging/build-bundle.sh. Not part of ./test.sh (it needs a
# build first, which takes about half a minute). Usage:
#     packaging/check-bundle.sh [path/to/selfcare-app]      (default dist/selfcare-app/selfcare-app)
# In a throw-away data folder it runs the bundled binary's --version, init, log, show, check
# (opens and verifies the vault), report (matplotlib + Qt PDF), then starts the GUI offscreen for
# GUI_SECONDS (default 6) and fails if it exits early or prints a traceback. It also fails if the
# bundle contains QtNetwork or a library whose dependencies are missing from bundle and system.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-dist/selfcare-app/selfcare-app}")"
GUI_SECONDS="${GUI_SECONDS:-6}"
[ -x "$BIN" ] || { echo "No bundle at $BIN: run packaging/build-bundle.sh first." >&2; exit 1; }
BUNDLE="$(dirname "$BIN")"
[ -d "$BUNDLE/_internal" ] || { echo "$BUNDLE is not a PyInstaller one-folder bundle." >&2; exit 1; }

tmp="$(mktemp -d)"
gui_pid=""
cleanup() {
  if [ -n "$gui_pid" ]; then kill "$gui_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# Keep everything (matplotlib cache, settings) inside the temporary folder.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_DATA_HOME="$tmp/share" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
DATA="$tmp/data"
PASS="maple tide lantern orbit"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '%-44s' "$1"; }
run() {  # run ARGS... with the passphrase on stdin; output to $tmp/out, $tmp/err
  local rc=0
  printf '%s\n%s\n' "$PASS" "$PASS" | "$BIN" --data-dir "$DATA" "$@" >"$tmp/out" 2>"$tmp/err" \
    || rc=$?
  if [ "$rc" -ne 0 ]; then cat "$tmp/err" >&2; fail "selfcare-app $* exited with $rc"; fi
  if grep -q "Traceback" "$tmp/err"; then cat "$tmp/err" >&2; fail "traceback from: $*"; fi
}

step "no QtNetwork in the bundle"
found="$(find "$BUNDLE" \( -iname '*Qt6Network*' -o -iname 'QtNetwork*' -o -name '_ssl.*' \) -print)"
[ -z "$found" ] || fail "network modules in the bundle: $found"
echo ok

step "every bundled library resolves"
missing=""
while IFS= read -r -d '' so; do
  case "$so" in */platformthemes/libqgtk3.so) continue ;; esac  # uses the desktop's GTK if any
  out="$(LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" ldd "$so" 2>/dev/null \
         | grep 'not found' || true)"
  [ -z "$out" ] || missing+="$so: $out"$'\n'
done < <(find "$BUNDLE/_internal" -type f -name '*.so*' -print0)
[ -z "$missing" ] || fail "unresolved libraries:"$'\n'"$missing"
echo ok

step "--version"
version="$("$BIN" --version)"
expected="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
[ "$version" = "selfcare-app $expected" ] || fail "--version printed '$version'"
echo "ok ($version)"

step "init (creates the encrypted vault)"
run init
[ -s "$DATA/vault.db" ] || fail "no vault.db after init"
head -c 16 "$DATA/vault.db" | grep -q "SQLite format 3" && fail "vault.db is not encrypted"
echo ok

step "log + show (reads it back)"
run log --day 2026-11-24 --sleep 6.5 --stress 7 --mood 3 --note "bundle check"
run show --format json
grep -q '2026-11-24' "$tmp/out" && grep -q '6.5' "$tmp/out" || { cat "$tmp/out"; fail "show lost the entry"; }
echo ok

step "check (integrity of the vault)"
run check
echo ok

step "report (matplotlib charts into a Qt PDF)"
run report "$tmp/summary.pdf"
head -c 5 "$tmp/summary.pdf" | grep -q '%PDF-' || fail "report did not write a PDF"
echo "ok ($(stat -c %s "$tmp/summary.pdf") bytes)"

step "GUI starts offscreen and stays up ${GUI_SECONDS}s"
"$BIN" --data-dir "$DATA" >"$tmp/gui.out" 2>"$tmp/gui.err" </dev/null &
gui_pid=$!
sleep "$GUI_SECONDS"
if ! kill -0 "$gui_pid" 2>/dev/null; then
  wait "$gui_pid" && rc=0 || rc=$?
  gui_pid=""
  cat "$tmp/gui.err" >&2
  fail "the GUI exited early (exit code $rc)"
fi
kill "$gui_pid"
wait "$gui_pid" 2>/dev/null || true
gui_pid=""
if grep -Eq "Traceback|Fatal Python error|could not load the Qt platform plugin" "$tmp/gui.err"; then
  cat "$tmp/gui.err" >&2
  fail "the GUI reported an error"
fi
echo ok

echo "Bundle OK: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
