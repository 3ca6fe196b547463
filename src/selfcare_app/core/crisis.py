"""Built-in crisis lines by region (CONTENT.md §4.3), readable before the vault is unlocked.

The lines ship as package data (`resources/crisis_lines.json`) so they work offline and can be
re-verified each year without touching code. A translation (`resources/crisis_lines/<lang>.json`)
holds only text fields (region names; each line's name, description and hours, keyed by the
line's `id`); numbers and links always come from the English file. Every region's list starts
with an emergency entry; an unknown or empty region falls back to "other" (a directory of
helplines plus the local emergency number), so the "Get help now" dialog always has something
to show.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Final

from selfcare_app.core.content_files import (
    chosen_languages,
    content_folder,
    same_language,
    translation_file,
)
from selfcare_app.core.resource import Resource, sms_url, tel_url
from selfcare_app.i18n import _

FALLBACK_REGION: Final = "other"
# Spellings a student (or an OS locale) might give for the regions we ship.
_ALIASES: Final[dict[str, str]] = {"GB": "UK", "USA": "US", "CAN": "CA", "IRL": "IE"}


@dataclass(frozen=True)
class CrisisLine:
    """One way to reach help now. Empty strings mean "not offered", never "unknown"."""

    name: str
    description: str
    phone: str = ""
    sms: str = ""
    sms_body: str = ""
    url: str = ""
    hours: str = ""
    languages: tuple[str, ...] = ()
    verified_on: date | None = None
    source: str = ""
    emergency: bool = False
    id: str = ""  # stable key for translations (crisis_lines/<lang>.json); "" for campus lines

    def ways(self) -> list[str]:
        """How to reach this line, in words: "call 988", "text HOME to 741741", a link."""
        ways = []
        if self.phone:
            ways.append(_("call {phone}").format(phone=self.phone))
        if self.sms:
            ways.append(_("text {body} to {number}").format(body=self.sms_body, number=self.sms)
                        if self.sms_body else _("text {number}").format(number=self.sms))
        if self.url:
            ways.append(self.url)
        return ways

    def tel_url(self) -> str:
        """`tel:` link for the phone number (digits and a leading + only), or ""."""
        return tel_url(self.phone)

    def sms_url(self) -> str:
        """`sms:` link for the text number, with the keyword as the body when there is one."""
        return sms_url(self.sms, self.sms_body) if self.sms else ""


TRANSLATED_FIELDS: Final = ("name", "description", "hours")


def _data() -> dict[str, Any]:
    return _data_for(tuple(chosen_languages()))


@cache
def _data_for(languages: tuple[str, ...]) -> dict[str, Any]:
    """The shipped lines with the first available translation's text fields laid over them."""
    text = content_folder("crisis_lines.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    found = translation_file(content_folder("crisis_lines"), languages)
    if found is not None:
        try:
            overlay = json.loads(found[0].read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            overlay = None  # a broken translation: the English lines still show
        if isinstance(overlay, dict) and same_language(overlay.get("language"), found[1]):
            _apply_translation(data, overlay)
    return data


def _apply_translation(data: dict[str, Any], overlay: Mapping[str, Any]) -> None:
    """Replace text fields (never numbers or links) with the translation's, where given."""
    names = overlay.get("regions")
    if isinstance(names, dict):
        for region in data["regions"]:
            name = names.get(region["code"])
            if isinstance(name, str) and name.strip():
                region["name"] = name
    lines = overlay.get("lines")
    if not isinstance(lines, dict):
        return
    for entries in data["lines"].values():
        for entry in entries:
            texts = lines.get(entry.get("id"))
            if not isinstance(texts, dict):
                continue
            for key in TRANSLATED_FIELDS:
                value = texts.get(key)
                if isinstance(value, str) and (value.strip() or key != "name"):
                    entry[key] = value


def _line(raw: dict[str, Any]) -> CrisisLine:
    verified = raw.get("verified_on")
    return CrisisLine(
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        phone=str(raw.get("phone", "")),
        sms=str(raw.get("sms", "")),
        sms_body=str(raw.get("sms_body", "")),
        url=str(raw.get("url", "")),
        hours=str(raw.get("hours", "")),
        languages=tuple(str(x) for x in raw.get("languages", ())),
        verified_on=date.fromisoformat(verified) if verified else None,
        source=str(raw.get("source", "")),
        emergency=bool(raw.get("emergency", False)),
        id=str(raw.get("id", "")),
    )


def regions() -> list[tuple[str, str]]:
    """(code, display name) for every region we ship lines for, "other" last."""
    return [(str(r["code"]), str(r["name"])) for r in _data()["regions"]]


def normalize_region(region: str | None) -> str:
    """The shipped region code for `region` (any case, common aliases), else "other"."""
    wanted = (region or "").strip()
    codes = {code.upper(): code for code, _name in regions()}
    upper = _ALIASES.get(wanted.upper(), wanted.upper())
    return codes.get(upper, FALLBACK_REGION)


def region_name(region: str | None) -> str:
    return dict(regions())[normalize_region(region)]


def lines_for(region: str | None) -> list[CrisisLine]:
    """The crisis lines for `region`, emergency entry first; unknown regions get "other"."""
    return [_line(raw) for raw in _data()["lines"][normalize_region(region)]]


def all_lines() -> dict[str, list[CrisisLine]]:
    return {code: lines_for(code) for code, _name in regions()}


# -- campus crisis entries (a pack's `crisis` category) ---------------------------------------

LINE_FIELDS: Final = ("name", "description", "phone", "sms", "url", "hours", "source")


def help_order(resources: Iterable[Resource]) -> list[Resource]:
    """Get help now's order: favourites first, then each pack in the centre's own order (an
    after-hours line listed first stays first), then the student's own entries by name."""
    def key(r: Resource) -> tuple[int, int, str, int, str]:
        own = r.source != "pack"
        return (0 if r.favourite else 1, 1 if own else 0,
                "" if own else (r.pack_campus or "").casefold(),
                r.position if r.position is not None else 10**6,
                unicodedata.normalize("NFKD", r.name).casefold())
    return sorted(resources, key=key)


def line_from_resource(resource: Resource) -> CrisisLine:
    d = resource.data
    return CrisisLine(name=d.name, description=d.description, phone=d.phone, sms=d.sms,
                      url=d.url, hours=d.hours, verified_on=d.verified_on,
                      source=resource.pack_campus or _("your own contact"))


def campus_lines(resources: Iterable[Resource]) -> list[CrisisLine]:
    """Crisis entries as cards for Get help now, in `help_order`."""
    return [line_from_resource(r) for r in help_order(resources)]


def line_to_json(line: CrisisLine) -> dict[str, str]:
    out = {name: str(getattr(line, name)) for name in LINE_FIELDS if getattr(line, name)}
    if line.verified_on is not None:
        out["verified_on"] = line.verified_on.isoformat()
    return out


def line_from_json(raw: Mapping[str, Any]) -> CrisisLine | None:
    """A stored campus line, or None if it isn't one (a damaged device file shows nothing
    rather than something wrong). Links are re-checked when a card opens them."""
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    values = {k: raw.get(k, "") for k in LINE_FIELDS}
    if not all(isinstance(v, str) for v in values.values()):
        return None
    verified = raw.get("verified_on")
    try:
        day = date.fromisoformat(verified) if isinstance(verified, str) and verified else None
    except ValueError:
        day = None
    return CrisisLine(name=values["name"], description=values["description"],
                      phone=values["phone"], sms=values["sms"], url=values["url"],
                      hours=values["hours"], source=values["source"], verified_on=day)
