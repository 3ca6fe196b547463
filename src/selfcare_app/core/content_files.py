"""Content files in the chosen language: Learn articles, self-check definitions and crisis
lines (docs/translating.md, "Content files").

English files are the defaults and sit where they always have; a translation sits beside them
in a folder per language (`learn/de/sleep.md`, `instruments/de/phq9.json`) or, for crisis
lines, as `crisis_lines/de.json` holding only the text fields. Each file names its language
(`"language": "de"`, or `language: de` in a Markdown header), so a misplaced file is caught.
Lookup is per file, in the order of `i18n.languages()`, falling back to English: a partly
translated set still works.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Final

from selfcare_app import i18n

DEFAULT_LANGUAGE: Final = "en"
_MD_LANGUAGE = re.compile(r"\A---\n(?:.*\n)*?language:\s*\"?([\w@-]+)\"?\s*\n", re.MULTILINE)


def content_folder(name: str) -> Traversable:
    """A folder of shipped content, e.g. content_folder("learn")."""
    return resources.files("selfcare_app.resources").joinpath(name)


def chosen_languages() -> list[str]:
    """Languages to look for, most wanted first (English, the default, is not listed)."""
    return i18n.languages()


def localized_file(folder: Traversable, name: str,
                   languages: Sequence[str] | None = None) -> tuple[Traversable, str]:
    """The file `name` from `folder/<lang>/` for the first language that has it, with that
    language; else the English `folder/name` and "en"."""
    for lang in chosen_languages() if languages is None else languages:
        candidate = folder.joinpath(lang, name)
        if candidate.is_file():
            return candidate, lang
    return folder.joinpath(name), DEFAULT_LANGUAGE


def translation_file(folder: Traversable,
                     languages: Sequence[str] | None = None) -> tuple[Traversable, str] | None:
    """`folder/<lang>.json` for the first language that has one (crisis lines), else None."""
    for lang in chosen_languages() if languages is None else languages:
        candidate = folder.joinpath(f"{lang}.json")
        if candidate.is_file():
            return candidate, lang
    return None


def markdown_language(text: str) -> str:
    """The `language:` of a Markdown file's --- header; English when it has none."""
    match = _MD_LANGUAGE.match(text.replace("\r\n", "\n"))
    return match.group(1) if match else DEFAULT_LANGUAGE


def same_language(declared: object, expected: str) -> bool:
    """Does a file's `language` key match the folder it was found in ("de" fits "de_AT")?"""
    if not isinstance(declared, str) or not declared:
        return expected == DEFAULT_LANGUAGE
    return declared == expected or expected.split("_")[0].split("@")[0] == declared
