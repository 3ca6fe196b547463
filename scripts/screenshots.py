"""Render the documentation screenshots from a demo vault, offscreen, at 1280x800.

    .venv/bin/python scripts/screenshots.py [--out DIR] [--only NAME ...] [--language LANG]

Builds a throw-away demo vault in a temporary folder (the `selfcare-app demo` command, with
SELFCARE_TODAY pinned so every run draws the same pictures), opens the real main window on
Qt's offscreen platform and saves one PNG per screen into DIR (default: docs/screenshots/).

The script drives the app only through what a student or the command line can reach: the CLI,
the lock screen's passphrase field and button, `MainWindow.navigate(key)` (the sidebar), the
Get help now button and the menus (found by their visible text). It leaves no file outside the
temporary folder and the output folder.

`--language en@pseudo` draws the app in the pseudo-locale (every translated text in ⟦ ⟧ with
accented letters) into shots/en@pseudo/ (not committed): plain English in those pictures is
text that still misses `_()`. Any language with a catalog works the same way.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "correct horse battery"
TODAY = "2026-11-25"
REGION = "US"
WIDTH, HEIGHT = 1280, 800

# name -> what it shows; the order is the order they are taken in.
SHOTS: dict[str, str] = {
    "first-run": "first run, step 1: what you log and why, privacy, not a diagnosis",
    "first-run-passphrase": "first run, step 2: create a passphrase",
    "first-run-choices": "first run, step 3: region, reminder, start at login, campus pack",
    "lock": "the unlock screen",
    "today": "Today: check-in form and What we noticed",
    "trends": "Trends",
    "history": "History",
    "selfchecks": "Self-checks",
    "learn": "Learn, with an article open",
    "resources": "Resources",
    "help": "Get help now",
    "summary": "the counselor summary dialog",
    "preferences": "the Preferences dialog",
    "shortcuts": "Help → Keyboard shortcuts",
    "about": "Help → About (self-check attributions)",
    "privacy": "Help → Privacy",
    "today-dark": "Today, dark theme",
    "trends-dark": "Trends, dark theme",
    "today-high-contrast": "Today, high-contrast theme",
}
FIRST_RUN = ("first-run", "first-run-passphrase", "first-run-choices")
PAGE_SHOTS = {  # shot -> (page key, argument for the page)
    "today": ("today", None),
    "trends": ("trends", None),
    "history": ("history", None),
    "selfchecks": ("selfchecks", None),
    "learn": ("learn", "early-signs"),
    "resources": ("resources", "counseling"),
}


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SELFCARE_TODAY=TODAY, SELFCARE_DATA_DIR=str(data_dir),
               QT_QPA_PLATFORM="offscreen")
    return env


def build_demo_vault(data_dir: Path) -> None:
    """A demo semester ending on TODAY, through the public CLI, with crisis lines for REGION."""
    for args in (["demo"], ["region", REGION]):
        subprocess.run([sys.executable, "-m", "selfcare_app", "--data-dir", str(data_dir), *args],
                       input=PASSPHRASE + "\n", text=True, env=_env(data_dir), check=True,
                       stdout=subprocess.DEVNULL)


class Shooter:
    """Drives one QApplication: windows over data folders, waiting, grabbing, saving."""

    def __init__(self, out: Path, only: set[str]) -> None:
        from PySide6.QtWidgets import QApplication

        self.out = out
        self.only = only
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.saved: list[Path] = []

    # -- waiting -------------------------------------------------------------------------

    def settle(self, ms: int = 400) -> None:
        """Let queued work (vault thread results, timers, layouts, paints) run for `ms`."""
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.01)

    def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.01)

    # -- windows -------------------------------------------------------------------------

    def open_window(self, data_dir: Path) -> Any:
        from selfcare_app.app import create_window
        from selfcare_app.paths import AppPaths
        from selfcare_app.ui.theme import apply_app_font

        window: Any = create_window(AppPaths(data_dir))
        # Offscreen Qt reports a 9 pt system font; desktops default to about 10 pt.
        apply_app_font(self.app, 10)
        window.resize(WIDTH, HEIGHT)
        window.show()
        self.settle()
        return window

    def unlock(self, window: Any) -> None:
        from PySide6.QtCore import QTimer

        # A dialog that opens by itself on unlock (a welcome tour, a notice) may be modal and
        # would block here: close whatever comes up until the pages are ready.
        watchdog = QTimer()
        watchdog.setInterval(250)
        watchdog.timeout.connect(self.close_stray_dialogs)
        watchdog.start()
        try:
            lock = window.lock_screen
            lock.passphrase.setText(PASSPHRASE)
            lock.submit.click()
            self.wait_until(lambda: window.main_area is not None, 30, "the vault to unlock")
            self.settle(800)
        finally:
            watchdog.stop()
        self.close_stray_dialogs()

    def close_stray_dialogs(self) -> None:
        """Anything that pops up by itself after unlocking (a tip, a notice) is closed."""
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def close_window(self, window: Any) -> None:
        window.close()
        window.deleteLater()
        self.settle(200)

    # -- saving --------------------------------------------------------------------------

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def save(self, name: str, image: Any) -> None:
        from PySide6.QtGui import QImage

        if not isinstance(image, QImage):
            image = image.toImage()
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        path = self.out / f"{name}.png"
        tmp = path.with_name(path.name + ".tmp")
        if not image.save(str(tmp), "PNG", 0):  # 0: the smallest PNG zlib can make
            raise OSError(f"could not write {tmp}")
        _shrink_png(tmp)
        os.replace(tmp, path)
        self.saved.append(path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
              f"  {path.stat().st_size // 1024} KB  ({SHOTS.get(name, name)})")

    def shoot_window(self, name: str, window: Any) -> None:
        if self.wanted(name):
            self.save(name, window.grab())

    def shoot_dialog(self, name: str, window: Any, dialog: Any) -> None:
        """The dialog over the dimmed window, as a student sees it; 1280x800 like the rest."""
        if not self.wanted(name):
            return
        from PySide6.QtGui import QColor, QPainter

        max_w, max_h = WIDTH - 40, HEIGHT - 40
        if dialog.width() > max_w or dialog.height() > max_h:
            dialog.resize(min(dialog.width(), max_w), min(dialog.height(), max_h))
            self.settle(300)
        background = window.grab().toImage()
        front = dialog.grab()
        painter = QPainter(background)
        painter.fillRect(background.rect(), QColor(0, 0, 0, 110))
        x = (background.width() - front.width()) // 2
        y = (background.height() - front.height()) // 2
        painter.fillRect(x - 1, y - 1, front.width() + 2, front.height() + 2, QColor("#5a5d63"))
        painter.drawPixmap(x, y, front)
        painter.end()
        self.save(name, background)


def _shrink_png(path: Path) -> None:
    """Re-save through Pillow with an optimised palette when that keeps the picture faithful.

    UI screenshots use few colours, so a 256-colour palette (no dithering) is visually
    identical and several times smaller. Pillow comes with matplotlib; without it the PNG
    stays as Qt wrote it.
    """
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    paletted = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                            dither=Image.Dither.NONE)
    paletted.save(path, "PNG", optimize=True)


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…. ").strip().casefold()


def _labels_for(text: str) -> set[str]:
    """`text` as a menu may show it: the English, and the catalog's translation of any message
    that reads the same without & and … (so menus are found in any language)."""
    from selfcare_app.i18n import translations

    wanted = _plain(text)
    labels = {wanted}
    catalog = getattr(translations(), "_catalog", {})
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, str) and msgid and _plain(msgid) == wanted:
            labels.add(_plain(msgstr))
    return labels


def find_action(window: Any, text: str) -> Any:
    """A menu action by its visible text (without & and …), wherever the menus put it."""
    from PySide6.QtWidgets import QMenu

    wanted = _labels_for(text)

    def walk(actions: list[Any]) -> Any:
        for action in actions:
            if action.isSeparator():
                continue
            if _plain(action.text()) in wanted:
                return action
            menu = action.menu()
            if isinstance(menu, QMenu):
                found = walk(menu.actions())
                if found is not None:
                    return found
        return None

    action = walk(window.menuBar().actions())
    if action is None:
        raise LookupError(f"no menu item called {text!r}")
    return action


def capture_dialog(shooter: Shooter, window: Any, name: str, trigger: Callable[[], None],
                   ready: Callable[[Any], bool] = lambda _d: True, timeout: float = 30) -> None:
    """Open a dialog with `trigger` (modal or not), wait until `ready`, shoot it, close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    done: list[bool] = []
    errors: list[BaseException] = []

    def the_dialog() -> QDialog | None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            return modal
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and id(widget) not in before:
                return widget
        return None

    def capture() -> None:
        if done:
            return
        done.append(True)
        try:
            shooter.wait_until(lambda: the_dialog() is not None, 10, f"the {name} dialog")
            dialog = the_dialog()
            assert dialog is not None
            shooter.settle(500)
            shooter.wait_until(lambda: ready(dialog), timeout, f"the {name} dialog to be ready")
            shooter.settle(300)
            shooter.shoot_dialog(name, window, dialog)
            dialog.reject()
        except BaseException as exc:  # reported after the (possibly modal) loop returns
            errors.append(exc)
            dialog = the_dialog()
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, capture)  # runs inside exec() if the dialog is modal
    trigger()
    shooter.settle(100)
    capture()  # a no-op if the timer already ran
    shooter.settle(300)
    if errors:
        raise errors[0]


def has_picture(dialog: Any) -> bool:
    """True once the dialog shows an image (the summary's page preview)."""
    from PySide6.QtWidgets import QLabel

    return any(not label.pixmap().isNull() for label in dialog.findChildren(QLabel)
               if label.isVisible())


def run(out: Path, only: set[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="selfcare-shots-") as tmp:
        base = Path(tmp)
        os.environ.update(SELFCARE_TODAY=TODAY, QT_QPA_PLATFORM="offscreen", QT_API="pyside6",
                          MPLCONFIGDIR=str(base / "mpl"))
        os.environ.pop("SELFCARE_DATA_DIR", None)
        demo = base / "demo"
        build_demo_vault(demo)

        shooter = Shooter(out, only)
        from selfcare_app.ui.theme import apply_theme

        apply_theme(shooter.app, "light")

        if any(shooter.wanted(n) for n in FIRST_RUN):
            window = shooter.open_window(base / "new")
            lock = window.lock_screen
            for field in ("passphrase", "confirm"):  # show the strength meter at work
                widget = getattr(lock, field, None)
                if widget is not None:
                    widget.setText("maple tide lantern quietly")
            if hasattr(lock, "set_region"):
                lock.set_region(REGION)
            understand = getattr(lock, "understand", None)
            if understand is not None:
                understand.setChecked(True)
            for step, name in enumerate(FIRST_RUN):
                if hasattr(lock, "go_to_step"):
                    lock.go_to_step(step)
                if shooter.wanted(name):
                    shooter.settle(300)
                    shooter.shoot_window(name, window)
            shooter.close_window(window)

        if not any(shooter.wanted(n) for n in SHOTS if n not in FIRST_RUN):
            return shooter.saved
        window = shooter.open_window(demo)
        shooter.shoot_window("lock", window)
        if any(shooter.wanted(n) for n in SHOTS if n not in (*FIRST_RUN, "lock")):
            shoot_unlocked(shooter, window)
        shooter.close_window(window)
        return shooter.saved


def show_attributions(dialog: Any) -> bool:
    """About opens on its first tab; the picture shows the self-check attributions."""
    from PySide6.QtWidgets import QTabWidget

    tabs = dialog.findChild(QTabWidget)
    if tabs is not None:
        tabs.setCurrentIndex(1)
    return True


def shoot_unlocked(shooter: Shooter, window: Any) -> None:
    """Every page and dialog of the unlocked app, light theme first, then dark."""
    from selfcare_app.ui.theme import apply_theme

    shooter.unlock(window)
    for name, (key, arg) in PAGE_SHOTS.items():
        if shooter.wanted(name):
            window.navigate(key, arg)
            shooter.settle(1500 if key == "trends" else 700)
            shooter.shoot_window(name, window)
    window.navigate("today")
    shooter.settle(300)
    if shooter.wanted("help"):
        capture_dialog(shooter, window, "help",
                       lambda: find_action(window, "Get help now").trigger())
    if shooter.wanted("summary"):
        capture_dialog(shooter, window, "summary",
                       lambda: find_action(window, "Counselor summary (PDF)").trigger(),
                       ready=has_picture, timeout=60)
    if shooter.wanted("preferences"):
        capture_dialog(shooter, window, "preferences",
                       lambda: find_action(window, "Preferences").trigger())
    for name, label in (("shortcuts", "Keyboard shortcuts"), ("about", "About Selfcare"),
                        ("privacy", "Privacy")):
        if shooter.wanted(name):
            capture_dialog(shooter, window, name,
                           lambda label=label: find_action(window, label).trigger(),
                           ready=show_attributions if name == "about" else lambda _d: True)
    themed = (("dark", (("today-dark", "today"), ("trends-dark", "trends"))),
              ("high-contrast", (("today-high-contrast", "today"),)))
    for theme, shots in themed:
        if not any(shooter.wanted(name) for name, _key in shots):
            continue
        apply_theme(shooter.app, theme)
        # Pages are built on unlock, so lock and unlock to draw them in the new palette.
        window.lock()
        shooter.settle(300)
        shooter.unlock(window)
        for name, key in shots:
            if shooter.wanted(name):
                window.navigate(key)
                shooter.settle(1500 if key == "trends" else 700)
                shooter.shoot_window(name, window)
        apply_theme(shooter.app, "light")
    window.lock()
    shooter.settle(200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder for the PNGs (default: docs/screenshots)")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(SHOTS),
                        default=[], help="take only these shots")
    parser.add_argument("--language", metavar="LANG",
                        help="draw the app in this language, e.g. en@pseudo (default: English; "
                             "the PNGs go to shots/LANG/ unless --out is given)")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out = args.out
    if args.language:
        from selfcare_app import i18n

        os.environ["LANGUAGE"] = args.language  # the demo vault's CLI too
        i18n.set_language([args.language])
        if i18n.language() is None:
            parser.error(f"no catalog for {args.language!r} (see docs/translating.md)")
        if out == DEFAULT_OUT:
            out = ROOT / "shots" / args.language
    saved = run(out.resolve(), set(args.only))
    missing = [n for n in SHOTS if (not args.only or n in args.only)
               and out.resolve() / f"{n}.png" not in saved]
    if missing:
        print("not taken: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
