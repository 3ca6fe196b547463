"""Translatable text: the catalog stays in step with the code, the pseudo-locale covers it and
keeps placeholders intact, and the language comes from the environment as gettext reads it."""

from __future__ import annotations

import gettext
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = "run `.venv/bin/python scripts/i18n_catalog.py all` and commit the result"


def _load_catalog_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_catalog",
                                                  ROOT / "scripts" / "i18n_catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_catalog"] = module
    spec.loader.exec_module(module)
    return module


catalog = _load_catalog_script()
PSEUDO_MO = catalog.LOCALE / "en@pseudo" / "LC_MESSAGES" / "selfcare.mo"


def test_the_committed_template_matches_the_code() -> None:
    committed = catalog.POT.read_text(encoding="utf-8")
    assert committed == catalog.pot_text(), f"selfcare.pot is out of date: {FIX}"


def test_the_committed_pseudo_catalog_is_built_from_the_template() -> None:
    po, mo = catalog.pseudo_files(catalog.POT.read_text(encoding="utf-8"))
    assert PSEUDO_MO.read_bytes() == mo, f"the en@pseudo catalog is out of date: {FIX}"
    assert PSEUDO_MO.with_suffix(".po").read_text(encoding="utf-8") == po, FIX


def test_the_pseudo_catalog_translates_every_message() -> None:
    with PSEUDO_MO.open("rb") as f:
        pseudo = gettext.GNUTranslations(f)
    entries = catalog.extract()
    assert len(entries) > 50
    for entry in entries:
        if entry.msgid_plural is None:
            text = pseudo.gettext(entry.msgid)
            assert text.startswith("⟦") and text.endswith("⟧"), entry.msgid
        else:
            for n in (1, 2):
                text = pseudo.ngettext(entry.msgid, entry.msgid_plural, n)
                assert text.startswith("⟦") and text != entry.msgid, entry.msgid
            assert pseudo.ngettext(entry.msgid, entry.msgid_plural, 1) != pseudo.ngettext(
                entry.msgid, entry.msgid_plural, 2)


@pytest.mark.parametrize(("source", "kept"), [
    ("Saved {day}", ["{day}"]),
    ("{count:,} bytes in {path!s}", ["{count:,}", "{path!s}"]),
    ("%(count)d of %s, 100%%", ["%(count)d", "%s", "%%"]),
    ("&Back up now", ["&B"]),
    ("Tom && Jerry", ["&&"]),
    ("<b>Bold</b> and <a href='x'>link</a> &amp; more", ["<b>", "</b>", "<a href='x'>",
                                                          "</a>", "&amp;"]),
    ("{{not a field}}", ["{{", "}}"]),
])
def test_pseudo_translation_keeps_placeholders_mnemonics_and_tags(source: str,
                                                                  kept: list[str]) -> None:
    text = catalog.pseudo_text(source)
    assert text.startswith("⟦") and text.endswith("⟧")
    for piece in kept:
        assert piece in text
    assert text != f"⟦{source}⟧"  # the words themselves changed
    # Whatever survives formatting in English formats the same way after pseudo-translation.
    if "{" in source and "{{" not in source:
        values = {"day": "Monday", "count": 1234, "path": "/tmp/x"}
        assert "Monday" in text.format(**values) or "1,234" in text.format(**values)


def test_extraction_reads_literals_plurals_marks_and_translator_comments(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "a.py").write_text(
        "from selfcare_app.i18n import N_, _, ngettext\n"
        "LABEL = N_('Label')\n"
        "# Translators: {n} is a number of days.\n"
        "x = ngettext('{n} day', '{n} days', 3)\n"
        "y = _('Label') + _(LABEL)\n", encoding="utf-8")
    (src / "pkg" / "b.py").write_text("_ = print\n_('not ours')\n", encoding="utf-8")
    entries = catalog.extract(src)
    assert [(e.msgid, e.msgid_plural) for e in entries] == [("Label", None),
                                                           ("{n} day", "{n} days")]
    assert entries[0].references == {"src/pkg/a.py:2", "src/pkg/a.py:5"}
    assert entries[1].comments == ["Translators: {n} is a number of days."]
    assert entries[1].flags == {"python-brace-format"}


def test_an_f_string_inside_a_translation_call_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "bad.py").write_text("from selfcare_app.i18n import _\nday = 1\n"
                                "x = _(f'Saved {day}')\n", encoding="utf-8")
    with pytest.raises(catalog.ExtractError, match=r"bad\.py:3: _\(\) needs a literal"):
        catalog.extract(src)


def test_po_files_round_trip_and_compile(tmp_path: Path) -> None:
    po = catalog.write_po(catalog.pseudo_entries(catalog.extract()), catalog.PSEUDO_HEADER,
                          "test")
    header, entries = catalog.parse_po(po)
    assert header == catalog.PSEUDO_HEADER
    assert catalog.write_po(entries, header, "test") == po
    mo = tmp_path / "x.mo"
    mo.write_bytes(catalog.write_mo(header, entries))
    with mo.open("rb") as f:
        assert gettext.GNUTranslations(f).gettext("&Close") == "⟦&Cĺóšé⟧"


def _run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **env},
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            check=True)
    return result.stdout.strip()


SHOW = ("from selfcare_app.i18n import _, ngettext, language\n"
        "from selfcare_app.core.reminders import reminder_text\n"
        "print(_('&Close'), '|', ngettext('Exported {days} day ({size} bytes) to {path}.', "
        "'Exported {days} days ({size} bytes) to {path}.', 2).format(days=2, size=10, path='p'),"
        " '|', reminder_text(False), '|', language())")


def test_the_pseudo_locale_wraps_text_when_chosen_by_language() -> None:
    out = _run(SHOW, LANGUAGE="en@pseudo", LANG="en_US.UTF-8", PYTHONIOENCODING="utf-8")
    close, exported, reminder, lang = (part.strip() for part in out.split("|"))
    assert close == "⟦&Cĺóšé⟧"
    assert exported == "⟦Éxpóŕŧéđ 2 đàýš (10 ƀýŧéš) ŧó p.⟧"
    assert reminder.startswith("⟦") and reminder.endswith("⟧")
    assert lang == "en@pseudo"


def test_lang_alone_picks_the_catalog_too() -> None:
    out = _run(SHOW, LANG="en_US.UTF-8@pseudo", PYTHONIOENCODING="utf-8")
    assert out.startswith("⟦&Cĺóšé⟧")


def test_a_language_without_a_catalog_falls_back_to_english() -> None:
    out = _run(SHOW, LANGUAGE="xx:de", LANG="de_DE.UTF-8", PYTHONIOENCODING="utf-8")
    assert out == ("&Close | Exported 2 days (10 bytes) to p. | You haven't checked in today yet. "
                   "It takes about 30 seconds. | None")


def test_set_language_switches_and_restores() -> None:
    from selfcare_app import i18n

    try:
        i18n.set_language(["en@pseudo"])
        assert i18n._("&Close") == "⟦&Cĺóšé⟧"
        i18n.set_language(["xx"])
        assert i18n._("&Close") == "&Close"
    finally:
        i18n.set_language(None)
