"""My people: the friends, peers, mentors, family and counselors a student can turn to.

Private by construction: stored only in the vault, in an export the student makes, or in a
summary section they pick. Pure helpers here choose whom to offer first in a suggestion.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final

from selfcare_app.core.formatting import format_medium_day
from selfcare_app.i18n import N_, _

KINDS: Final[tuple[str, ...]] = ("friend", "peer-group", "mentor", "family", "counselor", "other")
# English msgids (marked for the catalog); kind_label() gives them in the language in use.
KIND_LABELS: Final[dict[str, str]] = {
    "friend": N_("Friend"), "peer-group": N_("Peer group"), "mentor": N_("Mentor"),
    "family": N_("Family"), "counselor": N_("Counselor"), "other": N_("Someone else"),
}


def kind_label(kind: str) -> str:
    """"Friend", "Peer group", … in the language in use (an unknown kind as it is)."""
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind
MAX_NAME: Final = 80
MAX_CONTACT: Final = 200
MAX_NOTE: Final = 500
MAX_PEOPLE: Final = 100


@dataclass(frozen=True)
class Person:
    name: str
    kind: str = "friend"
    contact: str = ""  # how to reach them, in the student's words ("text 555 0100", "Tue 5pm")
    last_talked: date | None = None
    note: str = ""
    position: int = 0
    id: int | None = field(default=None, compare=False)

    def key(self) -> tuple[str, str]:
        """Identity across an import: the same name and kind is the same person."""
        return (self.name.casefold(), self.kind)

    def line(self) -> str:
        """One line for a list, e.g. 'Sam (Friend): text 555 0100, last talked 2025-03-01'."""
        head = f"{self.name} ({kind_label(self.kind)})"
        detail = ", ".join(x for x in (
            self.contact, _("last talked {day}").format(day=format_medium_day(self.last_talked))
            if self.last_talked else "") if x)
        return f"{head}: {detail}" if detail else head


class PersonError(ValueError):
    """Every problem with a person's fields, keyed by field, in plain words."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


def _clean(text: Any) -> str:
    s = unicodedata.normalize("NFC", str(text or "")).replace("\r\n", "\n").strip()
    return "".join(ch for ch in s if ch == "\n" or not unicodedata.category(ch).startswith("C"))


def validate_person(values: Mapping[str, Any], today: date) -> Person:
    """A Person from loose input (the dialog, the CLI, an import), or PersonError."""
    errors: dict[str, str] = {}
    name = " ".join(_clean(values.get("name")).split())
    if not name:
        errors["name"] = _("Give this person a name (a nickname is fine).")
    elif len(name) > MAX_NAME:
        errors["name"] = _("The name is {length} characters; at most {limit}.").format(
            length=len(name), limit=MAX_NAME)
    kind = str(values.get("kind") or "friend")
    if kind not in KINDS:
        errors["kind"] = _("Choose one of: {kinds}.").format(kinds=", ".join(KINDS))
    contact = _clean(values.get("contact"))
    if len(contact) > MAX_CONTACT:
        errors["contact"] = _("How to reach them is {length} characters; at most {limit}.")\
            .format(length=len(contact), limit=MAX_CONTACT)
    note = _clean(values.get("note"))
    if len(note) > MAX_NOTE:
        errors["note"] = _("The note is {length} characters; at most {limit}.").format(
            length=len(note), limit=MAX_NOTE)
    raw = values.get("last_talked")
    last: date | None = None
    if isinstance(raw, date):
        last = raw
    elif isinstance(raw, str) and raw.strip():
        try:
            if len(raw.strip()) != 10:
                raise ValueError
            last = date.fromisoformat(raw.strip())
        except ValueError:
            errors["last_talked"] = _("'{text}' is not a date; use YYYY-MM-DD.").format(
                text=raw[:20])
    elif raw not in (None, ""):
        errors["last_talked"] = _("The last time you talked should be a date (YYYY-MM-DD).")
    if last is not None and last > today:
        errors["last_talked"] = _("{day} is in the future.").format(day=last.isoformat())
    position = values.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 10_000:
        errors["position"] = _("The position should be a whole number from 0 to 10000.")
    if errors:
        raise PersonError(errors)
    return Person(name=name, kind=kind, contact=contact, last_talked=last, note=note,
                  position=position, id=values.get("id") if isinstance(values.get("id"), int)
                  else None)


def person_json(p: Person) -> dict[str, Any]:
    return {"name": p.name, "kind": p.kind, "contact": p.contact,
            "last_talked": p.last_talked.isoformat() if p.last_talked else None,
            "note": p.note, "position": p.position}


# Whom to offer first for each kind of suggestion: for less contact and going quiet, the
# people closest to everyday life first; a counselor is always in the list, after them.
_ORDER_FOR: Final[dict[str, tuple[str, ...]]] = {
    "R5": ("friend", "peer-group", "family", "mentor", "counselor", "other"),
    "R8": ("friend", "family", "peer-group", "mentor", "counselor", "other"),
}
_DEFAULT_ORDER: Final = ("counselor", "mentor", "peer-group", "friend", "family", "other")


def people_to_offer(people: Iterable[Person], rule: str = "", limit: int = 3) -> list[Person]:
    """The student's people to show first in a suggestion for `rule` (e.g. "R5", "R8").

    Within a kind, the one they have not talked to longest comes first (never talked counts as
    longest), then their own order.
    """
    order = _ORDER_FOR.get(rule, _DEFAULT_ORDER)
    rank = {k: i for i, k in enumerate(order)}

    def key(p: Person) -> tuple[int, date, int, str]:
        return (rank.get(p.kind, len(order)), p.last_talked or date.min, p.position,
                p.name.casefold())

    return sorted(people, key=key)[:max(0, limit)]


def offer_text(people: Sequence[Person]) -> str:
    """One warm line for a findings card, or "" if the student has no people listed yet."""
    names = [p.name for p in people]
    if not names:
        return ""
    if len(names) == 1:
        return _("From your people: {name} might be good to reach out to.").format(
            name=names[0])
    return _("From your people: {names} or {last} might be good to reach out to.").format(
        names=", ".join(names[:-1]), last=names[-1])


def talked_today(person: Person, today: date) -> Person:
    return replace(person, last_talked=today)
