"""The documentation stays true: the module map matches the code, every picture and local link
in the docs exists, and the screenshot script still drives the app."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "selfcare_app"
DOCS = ROOT / "docs"
ARCHITECTURE = DOCS / "architecture.md"
SCREENSHOTS = DOCS / "screenshots"
SCRIPT = ROOT / "scripts" / "screenshots.py"
# Paths in architecture.md are relative to src/selfcare_app/ unless they start with one of these.
REPO_FOLDERS = ("tests", "scripts", "benchmarks", "docs")
MODULE_REF = re.compile(r"`((?:[\w.-]+/)*[\w.-]+\.py)`")
MAP_ROW = re.compile(r"^\|\s*`((?:[\w.-]+/)*[\w.-]+\.py)`\s*\|", re.MULTILINE)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
IMG_TAG = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
MAX_PNG_BYTES = 400 * 1024


def source_modules() -> set[str]:
    return {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if p.name != "__init__.py"}


def module_map(text: str) -> set[str]:
    """The modules listed in the first column of the tables under '## Module map'."""
    start = text.index("## Module map")
    end = text.find("\n## ", start + 1)
    return set(MAP_ROW.findall(text[start:end if end != -1 else len(text)]))


def resolve_ref(ref: str) -> Path:
    return (ROOT if ref.split("/")[0] in REPO_FOLDERS else SRC) / ref


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def local_targets(path: Path) -> list[str]:
    """Every local file a Markdown page links to or shows (web links and anchors left out)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # examples are not links
    targets = LINK.findall(text) + IMG_TAG.findall(text)
    return [t.split("#")[0] for t in targets
            if not re.match(r"^[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


# -- architecture.md ---------------------------------------------------------------------------


def test_every_module_is_in_the_architecture_module_map() -> None:
    listed = module_map(ARCHITECTURE.read_text(encoding="utf-8"))
    assert sorted(source_modules() - listed) == []


def test_architecture_names_no_module_that_does_not_exist() -> None:
    refs = set(MODULE_REF.findall(ARCHITECTURE.read_text(encoding="utf-8")))
    assert refs, "the module references were not found; did the format change?"
    assert sorted(r for r in refs if not resolve_ref(r).is_file()) == []


def test_the_map_checks_would_catch_a_stale_or_missing_module() -> None:
    text = ("## Module map\n| `core/alerts.py` | policy |\n| `core/gone.py` | removed |\n"
            "## Next\n| `ui/theme.py` | not in the map section |\n")
    listed = module_map(text)
    assert listed == {"core/alerts.py", "core/gone.py"}
    assert "ui/theme.py" in source_modules() - listed
    assert not resolve_ref("core/gone.py").is_file() and resolve_ref("core/alerts.py").is_file()
    assert resolve_ref("tests/test_layering.py").is_file()


# -- pictures and links ------------------------------------------------------------------------


@pytest.mark.parametrize("page", markdown_files(), ids=lambda p: p.name)
def test_every_local_link_and_picture_exists(page: Path) -> None:
    missing = [t for t in local_targets(page) if not (page.parent / t).exists()]
    assert missing == []


def test_link_finder_sees_pictures_and_links_but_not_web_addresses(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text('![Today](screenshots/today.png) [guide](user-guide.md#start) '
                    '<img src="x.png" alt=""> [web](https://example.org) [top](#top)\n'
                    "```\n![not](in-code.png)\n```\n", encoding="utf-8")
    assert local_targets(page) == ["screenshots/today.png", "user-guide.md", "x.png"]


def test_readme_shows_screenshots_and_links_every_doc() -> None:
    targets = local_targets(ROOT / "README.md")
    assert [t for t in targets if t.startswith("docs/screenshots/")], "no screenshot in README"
    docs = {f"docs/{p.name}" for p in DOCS.glob("*.md")}
    assert sorted(docs - set(targets)) == []


def test_every_screenshot_the_script_takes_is_committed_small_and_full_size() -> None:
    names = _script_shot_names()
    assert len(names) >= 13
    for name in names:
        path = SCREENSHOTS / f"{name}.png"
        assert path.is_file(), f"{path.name} is missing: run scripts/screenshots.py"
        assert png_size(path) == (1280, 800), path.name
        assert path.stat().st_size <= MAX_PNG_BYTES, f"{path.name} is larger than it needs to be"


def _script_shot_names() -> list[str]:
    text = SCRIPT.read_text(encoding="utf-8")
    block = text[text.index("SHOTS: dict[str, str] = {"):]
    block = block[:block.index("}")]
    return re.findall(r'^\s*"([a-z-]+)":', block, flags=re.MULTILINE)


# -- the screenshot script ---------------------------------------------------------------------


def test_screenshot_script_unlocks_the_demo_and_captures_a_dialog(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(tmp_path / "home")  # nothing of the real user's is read or written
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--only", "lock",
                           "help"], capture_output=True, text=True, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["help.png", "lock.png"]
    for name in ("lock.png", "help.png"):
        assert png_size(out / name) == (1280, 800)
    # The help shot has the dialog over the dimmed window: far more detail than the lock screen.
    assert (out / "help.png").stat().st_size > 3 * (out / "lock.png").stat().st_size
