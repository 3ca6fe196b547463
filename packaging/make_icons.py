#!/usr/bin/env python3
"""Render the app icon SVG to the hicolor PNG sizes (and the 256 px package-resource PNG).

Run from the repository root after editing the SVG, then commit the PNGs:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Uses Qt's own SVG renderer (QtSvg ships in PySide6-Essentials), so it needs nothing beyond the
app's dependencies. `--check` renders in memory and exits 1 if a committed PNG is missing, has the
wrong size or differs visibly from the SVG.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_ID = "io.github.selfcare_app.Selfcare"
ROOT = Path(__file__).resolve().parents[1]
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
RESOURCE_PNG = ROOT / "src" / "selfcare_app" / "resources" / "icons" / "selfcare-256.png"
# Mean absolute channel difference (0-255) tolerated by --check: covers anti-aliasing differences
# between Qt versions, catches an SVG edited without regenerating the PNGs.
CHECK_TOLERANCE = 3.0


def targets() -> list[tuple[Path, int]]:
    out = [(HICOLOR / f"{n}x{n}" / "apps" / f"{APP_ID}.png", n) for n in SIZES]
    out.append((RESOURCE_PNG, 256))
    return out


def render(svg: Path, size: int):  # type: ignore[no-untyped-def]
    """The SVG drawn into a transparent size x size ARGB32 image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot parse {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def mean_difference(a, b) -> float:  # type: ignore[no-untyped-def]
    """Mean absolute difference over all RGBA channels of two same-size images."""
    from PySide6.QtGui import QImage

    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    da, db = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(da, db, strict=True)) / len(da)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify the committed PNGs instead of writing them")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    failures = 0
    for path, size in targets():
        image = render(SVG, size)
        rel = path.relative_to(ROOT)
        if args.check:
            committed = QImage(str(path))
            if committed.isNull() or committed.width() != size or committed.height() != size:
                print(f"{rel}: missing or not {size}x{size}")
                failures += 1
                continue
            diff = mean_difference(image, committed)
            if diff > CHECK_TOLERANCE:
                print(f"{rel}: differs from the SVG (mean difference {diff:.1f})")
                failures += 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(path), "PNG"):
                raise SystemExit(f"cannot write {rel}")
            print(f"wrote {rel} ({size}x{size})")
    if failures:
        print("icons are out of date: run packaging/make_icons.py and commit the PNGs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
