#!/usr/bin/env bash
# Adds Selfcare to your desktop's app menu, for you only (no root): installs the desktop file, the
# AppStream metainfo and the icons under ${XDG_DATA_HOME:-~/.local/share}. Use it after
# `pipx install .` or after unpacking the bundle. The desktop file's Exec= gets the absolute path
# of the program, because a desktop session's PATH often lacks ~/.local/bin.
#
#   packaging/install-desktop-entry.sh                     # Exec = `selfcare-app` found on PATH
#   packaging/install-desktop-entry.sh --exec /opt/selfcare-app/selfcare-app     # the bundle
#   packaging/install-desktop-entry.sh --uninstall
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID="io.github.selfcare_app.Selfcare"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
SIZES="16 24 32 48 64 128 256 512"

exec_path=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) [ $# -ge 2 ] || { echo "--exec needs a path" >&2; exit 2; }; exec_path="$2"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

icon_files() {
  for n in $SIZES; do echo "icons/hicolor/${n}x${n}/apps/$APP_ID.png"; done
  echo "icons/hicolor/scalable/apps/$APP_ID.svg"
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
  while IFS= read -r rel; do rm -f "$DATA/$rel"; done < <(icon_files)
  refresh_caches
  echo "Removed the Selfcare menu entry and icons from $DATA."
  exit 0
fi

if [ -z "$exec_path" ]; then
  exec_path="$(command -v selfcare-app || true)"
  if [ -z "$exec_path" ] && [ -x "$HOME/.local/bin/selfcare-app" ]; then
    exec_path="$HOME/.local/bin/selfcare-app"
  fi
  [ -n "$exec_path" ] || {
    echo "selfcare-app is not on PATH: install it first (docs/install.md) or pass --exec PATH." >&2
    exit 1
  }
fi
exec_path="$(realpath -s "$exec_path")"
[ -x "$exec_path" ] || { echo "not an executable: $exec_path" >&2; exit 1; }
case "$exec_path" in
  *[\"\`\$\\%]*) echo "unsupported characters in $exec_path" >&2; exit 1 ;;
esac
case "$exec_path" in
  *" "*) exec_value="\"$exec_path\"" ;;  # the desktop-entry spec's quoting for spaces
  *) exec_value="$exec_path" ;;
esac

mkdir -p "$DATA/applications" "$DATA/metainfo"
tmp="$(mktemp "$DATA/applications/.$APP_ID.XXXXXX")"
sed "s|^Exec=selfcare-app|Exec=$exec_value|" "$HERE/linux/$APP_ID.desktop" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$DATA/applications/$APP_ID.desktop"
install -m 644 "$HERE/linux/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
while IFS= read -r rel; do
  install -D -m 644 "$HERE/linux/$rel" "$DATA/$rel"
done < <(icon_files)
refresh_caches
echo "Installed the Selfcare menu entry (Exec=$exec_value) and icons under $DATA."
