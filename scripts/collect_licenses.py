"""Write the third-party licence notices shipped in About → Licences.

Usage: .venv/bin/python scripts/collect_licenses.py
Walks the app's runtime dependencies in the current environment and copies each one's licence
files, plus the components bundled inside wheels (SQLCipher and OpenSSL inside sqlcipher3, Qt
inside PySide6) and the bundled DejaVu fonts. tests/test_licenses.py fails when a runtime
dependency is missing from the output, so re-run this after changing dependencies.
"""

from __future__ import annotations

import importlib.metadata as md
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "selfcare_app" / "resources" / "licenses" / "third-party.txt"
COMMON = Path("/usr/share/common-licenses")

# Bundled inside wheels; their texts are not in the wheels' metadata.
BUNDLED = [
    ("Qt 6 (inside PySide6-Essentials)", "LGPL-3.0-only (as used here)",
     "Copyright (C) The Qt Company Ltd. Source: https://download.qt.io/official_releases/qt/ "
     "— the LGPL-3.0 and GPL-3.0 texts follow at the end of this file.", None),
    ("SQLCipher (inside sqlcipher3)", "BSD-3-Clause",
     "Copyright (c) 2025, ZETETIC LLC. All rights reserved.", "BSD-3-SQLCIPHER"),
    ("OpenSSL (inside sqlcipher3)", "Apache-2.0",
     "Copyright (c) 1998-2025 The OpenSSL Project Authors. Apache-2.0 text: see below.", None),
    ("DejaVu fonts (bundled)", "Bitstream Vera / Arev fonts licence (free)",
     "See resources/fonts/LICENSE_DEJAVU.", None),
]

BSD_SQLCIPHER = """Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
    * Redistributions of source code must retain the above copyright
      notice, this list of conditions and the following disclaimer.
    * Redistributions in binary form must reproduce the above copyright
      notice, this list of conditions and the following disclaimer in the
      documentation and/or other materials provided with the distribution.
    * Neither the name of the ZETETIC LLC nor the
      names of its contributors may be used to endorse or promote products
      derived from this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY ZETETIC LLC ''AS IS'' AND ANY
EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL ZETETIC LLC BE LIABLE FOR ANY
DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."""


def runtime_distributions(name: str = "selfcare-app") -> dict[str, md.Distribution]:
    """The installed distributions the app needs at run time (markers evaluated here)."""
    found: dict[str, md.Distribution] = {}

    def walk(dist_name: str) -> None:
        dist = md.distribution(dist_name)
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in found:
            return
        found[key] = dist
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            walk(req.name)

    walk(name)
    found.pop(name, None)
    return found


def _licence_name(dist: md.Distribution) -> str:
    expr = dist.metadata.get("License-Expression")
    if expr:
        return expr
    text = (dist.metadata.get("License") or "").strip()
    classifiers = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0] if text and len(text) < 80 else "see the text below"


def _licence_texts(dist: md.Distribution) -> list[str]:
    texts = []
    files = dist.metadata.get_all("License-File") or []
    for path in dist.files or []:
        if path.name in {Path(f).name for f in files} or path.name.upper().startswith(
                ("LICENSE", "LICENCE", "COPYING")):
            try:
                texts.append(path.read_text(encoding="utf-8").strip())
            except (OSError, UnicodeDecodeError):
                continue
            break  # the main licence; nested vendored ones are listed in the package itself
    if not texts:
        body = (dist.metadata.get("License") or "").strip()
        if len(body) > 80:
            texts.append(body)
    return texts


def render() -> str:
    parts = ["Selfcare uses these open-source components. Thank you to their authors.", ""]
    for _key, dist in sorted(runtime_distributions().items()):
        parts += ["=" * 72, f"{dist.metadata['Name']} {dist.version} — {_licence_name(dist)}",
                  "=" * 72]
        parts += _licence_texts(dist) or ["(licence named above)"]
        parts.append("")
    for name, licence, note, extra in BUNDLED:
        parts += ["=" * 72, f"{name} — {licence}", "=" * 72, note]
        if extra == "BSD-3-SQLCIPHER":
            parts.append(BSD_SQLCIPHER)
        parts.append("")
    for name in ("LGPL-3", "GPL-3", "Apache-2.0"):
        path = COMMON / name
        if path.exists():
            parts += ["=" * 72, f"Full text: {name}", "=" * 72,
                      path.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(parts) + "\n"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
