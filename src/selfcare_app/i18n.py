"""Translatable text: `_()`, `ngettext()` and `N_()` over gettext (docs/translating.md).

The language comes from the environment the way gettext reads it (LANGUAGE, then LC_ALL,
LC_MESSAGES, LANG); catalogs live in `resources/locale/<lang>/LC_MESSAGES/selfcare.mo`, and
anything without a translation stays in the source English. The catalog is opened on the first
call, not at import, so importing this module costs next to nothing.

Rules for callers: pass a literal string (the extractor reads the source, not values); use
named placeholders and format after translating, `_("Saved {day}").format(day=...)`; use
`ngettext` for anything counted; mark module-level constants with `N_()` and translate them
with `_()` where they are shown, so text follows the language chosen at run time.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Final

DOMAIN: Final = "selfcare"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "resources" / "locale"

_translations: gettext.NullTranslations | None = None
_chosen: list[str] | None = None  # set_language()'s list; None: the environment's


def translations() -> gettext.NullTranslations:
    """The catalog for the current language (English pass-through when there is none)."""
    global _translations
    if _translations is None:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)
    return _translations


def language() -> str | None:
    """The language code of the catalog in use (e.g. "de", "en@pseudo"), or None for English."""
    info = translations().info()
    return info.get("language") or None


def set_language(languages: list[str] | None) -> None:
    """Use these languages (first found wins) instead of the environment's; None: re-read it.

    For tests and a future language preference; text already on screen is not re-translated.
    """
    global _translations, _chosen
    _chosen = None if languages is None else list(languages)
    _translations = (None if languages is None else
                     gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True))


def languages() -> list[str]:
    """The chosen languages, most wanted first, as gettext reads them: set_language()'s list,
    else the first of LANGUAGE (colon-separated), LC_ALL, LC_MESSAGES, LANG that is set. Each
    is expanded ("de_DE.UTF-8" → "de_DE", "de"); the list ends at "C"/"POSIX"/English, since
    English is the default. Content loaders use it to pick translated files."""
    chosen = _chosen
    if chosen is None:
        chosen = []
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(name)
            if value:
                chosen = value.split(":")
                break
    out: list[str] = []
    for code in chosen:
        base, _sep, modifier = code.partition("@")
        base = base.split(".")[0]
        if base in ("C", "POSIX", "") or base == "en" or base.startswith("en_") and not modifier:
            break
        suffix = f"@{modifier}" if modifier else ""
        for candidate in (base + suffix, base.split("_")[0] + suffix, base.split("_")[0]):
            if candidate not in out:
                out.append(candidate)
    return out


def _(message: str) -> str:
    """The translation of `message` (a literal string), or `message` itself."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language: `ngettext("{n} day", "{n} days", n)`."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools know
    """Mark `message` for the catalog without translating it now (translate it where shown)."""
    return message
