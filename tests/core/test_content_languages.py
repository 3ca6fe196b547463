"""Content files and dates in the chosen language: translated instruments, Learn articles and
crisis lines are picked per file with English as the fallback (core/content_files.py), a
translation that scores differently or names another language is ignored, and dates and
numbers follow the active catalog's language through Babel while English stays as it was."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from selfcare_app import i18n
from selfcare_app.core import content_files, crisis, formatting, instruments, learn

RESOURCES = Path(instruments.__file__).resolve().parents[1] / "resources"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the shipped content, read by the loaders instead of the package's."""
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES / "instruments", root / "instruments")
    shutil.copytree(RESOURCES / "learn", root / "learn")
    shutil.copy(RESOURCES / "crisis_lines.json", root / "crisis_lines.json")

    def folder(name: str) -> Path:
        return root / name

    for module in (instruments, learn, crisis):
        monkeypatch.setattr(module, "content_folder", folder)
    caches = (instruments._load_instruments, learn._load_articles, crisis._data_for)
    for cached in caches:
        cached.cache_clear()
    yield root
    for cached in caches:
        cached.cache_clear()
    i18n.set_language(None)


def _german_who5(root: Path, **changes: object) -> None:
    raw = json.loads((root / "instruments" / "who5.json").read_text(encoding="utf-8"))
    raw.update({"language": "de", "name": "WHO-5-Fragebogen zum Wohlbefinden",
                "measures": "Ihr Wohlbefinden in den letzten zwei Wochen."}, **changes)
    (root / "instruments" / "de").mkdir(exist_ok=True)
    (root / "instruments" / "de" / "who5.json").write_text(json.dumps(raw), encoding="utf-8")


def test_the_language_list_is_read_like_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert i18n.languages() == ["de_AT", "de"]
    monkeypatch.setenv("LANGUAGE", "fr_CA:en:de")
    assert i18n.languages() == ["fr_CA", "fr"]  # English is the default: the list ends there
    monkeypatch.setenv("LANGUAGE", "C")
    assert i18n.languages() == []
    i18n.set_language(["de"])
    assert i18n.languages() == ["de"]
    i18n.set_language(None)


def test_every_shipped_content_file_names_its_language() -> None:
    for path in (RESOURCES / "instruments").glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en", path.name
    for path in (RESOURCES / "learn").glob("*.md"):
        assert content_files.markdown_language(path.read_text(encoding="utf-8")) == "en"
        assert "\nlanguage: en\n" in path.read_text(encoding="utf-8"), path.name
    lines = json.loads((RESOURCES / "crisis_lines.json").read_text(encoding="utf-8"))
    assert lines["language"] == "en"
    ids = [line["id"] for entries in lines["lines"].values() for line in entries]
    assert all(ids) and len(set(ids)) == len(ids)


def test_a_translated_instrument_is_used_and_english_is_the_fallback(content: Path) -> None:
    _german_who5(content)
    i18n.set_language(["de"])
    loaded = instruments.load_instruments()
    assert loaded["who5"].name == "WHO-5-Fragebogen zum Wohlbefinden"
    assert loaded["phq9"].name == instruments._load_instruments(())["phq9"].name  # per file
    i18n.set_language(["fr"])
    assert instruments.load_instruments()["who5"].name == "WHO-5 Well-Being Index"
    i18n.set_language(None)


def test_a_translation_that_scores_differently_is_ignored(content: Path) -> None:
    english = json.loads((content / "instruments" / "who5.json").read_text(encoding="utf-8"))
    bands = english["bands"]
    bands[0] = {**bands[0], **({"max": bands[0]["max"] + 1} if "max" in bands[0]
                               else {"below": bands[0]["below"] + 1})}
    _german_who5(content, bands=bands)
    assert instruments._load_instruments(("de",))["who5"].name == "WHO-5 Well-Being Index"


def test_a_translation_in_the_wrong_folder_is_ignored(content: Path) -> None:
    _german_who5(content, language="fr")
    assert instruments._load_instruments(("de",))["who5"].name == "WHO-5 Well-Being Index"


def test_a_translated_article_is_used_per_file(content: Path) -> None:
    english = (content / "learn" / "sleep.md").read_text(encoding="utf-8")
    german = english.replace("language: en", "language: de").replace("title: Sleep",
                                                                     "title: Schlaf")
    (content / "learn" / "de").mkdir()
    (content / "learn" / "de" / "sleep.md").write_text(german, encoding="utf-8")
    titles = {a.id: a.title for a in learn._load_articles(("de",))}
    assert titles["sleep"] == "Schlaf"
    assert titles["self-care"] == {a.id: a.title for a in learn._load_articles(())}["self-care"]
    broken = "no header at all"
    (content / "learn" / "de" / "sleep.md").write_text(broken, encoding="utf-8")
    learn._load_articles.cache_clear()
    assert {a.id: a.title for a in learn._load_articles(("de",))}["sleep"] == "Sleep"


def test_translated_crisis_lines_keep_numbers_and_links(content: Path) -> None:
    (content / "crisis_lines").mkdir()
    (content / "crisis_lines" / "de.json").write_text(json.dumps({
        "format": "selfcare-crisis-lines-translation", "language": "de",
        "regions": {"UK": "Vereinigtes Königreich"},
        "lines": {"uk-samaritans": {"description": "Rund um die Uhr für Sie da.",
                                    "phone": "000"}},
    }), encoding="utf-8")
    english = {line.id: line for line in crisis.lines_for("UK")}
    i18n.set_language(["de"])
    assert crisis.region_name("UK") == "Vereinigtes Königreich"
    german = {line.id: line for line in crisis.lines_for("UK")}
    assert german["uk-samaritans"].description == "Rund um die Uhr für Sie da."
    assert german["uk-samaritans"].phone == english["uk-samaritans"].phone  # never translated
    assert german["uk-samaritans"].name == english["uk-samaritans"].name
    assert german["uk-shout"] == english["uk-shout"]
    i18n.set_language(["fr"])
    assert crisis.region_name("UK") == "United Kingdom"
    i18n.set_language(None)


def test_dates_and_numbers_follow_the_catalog_language(monkeypatch: pytest.MonkeyPatch) -> None:
    d = date(2026, 11, 25)
    english = (formatting.format_day(d), formatting.format_range(date(2026, 11, 18), d),
               formatting.format_hours(6.5), formatting.format_integer(12345))
    assert english == ("Wed 25 Nov 2026", "18–25 Nov 2026", "6.5 h", "12,345")
    monkeypatch.setattr(i18n, "language", lambda: "de")
    assert formatting.format_day(d) == "Mi., 25. Nov. 2026"
    assert formatting.format_short_day(d) == "25. Nov."
    assert formatting.format_hours(6.5) == "6,5 h"
    assert formatting.format_number(71.4286) == "71,4"
    assert formatting.format_integer(12345) == "12.345"
    assert formatting.format_time(time(17, 26)) == "17:26"
    assert formatting.format_weekday(0) == "Montag"
    monkeypatch.setattr(i18n, "language", lambda: "en@pseudo")  # pseudo: English styles
    assert formatting.format_day(d) == "Wed 25 Nov 2026"
