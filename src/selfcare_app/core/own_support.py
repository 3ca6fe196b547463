"""The student's own support, for a finding's suggestion: their people first for "less contact"
(R5) and "gone quiet" (R8); for other findings, the practices that went with their better days.

Pure: the findings card (or any caller) passes what it read from the vault and shows `lines`
and, for people, a button each. Words say "went with", never "helps".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.insights import Pattern, helpful_practices, helpful_practices_text
from selfcare_app.core.people import Person, offer_text, people_to_offer
from selfcare_app.i18n import N_, _

PEOPLE_FIRST: Final = frozenset({"R5", "R8"})
NO_PEOPLE_TEXT: Final = N_("You can keep a private list of people you can turn to (a friend, "
                           "a peer group, a mentor, family, a counselor).")
# Rules whose suggestion gains nothing from practices (safety support stays crisis-first).
NO_EXTRAS: Final = frozenset({"S0"})


@dataclass(frozen=True)
class OwnSupport:
    people: tuple[Person, ...] = ()
    practices: tuple[Pattern, ...] = ()
    lines: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.lines)


def own_support(rule: str, people: Iterable[Person], entries: Sequence[DailyEntry],
                practice_list: Iterable[str] | None = None, limit: int = 2) -> OwnSupport:
    """What to add under a finding's support text, best first; empty when nothing fits."""
    if rule in NO_EXTRAS:
        return OwnSupport()
    lines: list[str] = []
    chosen: list[Person] = []
    if rule in PEOPLE_FIRST:
        chosen = people_to_offer(people, rule, limit)
        lines.append(offer_text(chosen) if chosen else _(NO_PEOPLE_TEXT))
    helpful = helpful_practices(entries, practice_list)[:limit]
    if helpful:
        lines.append(helpful_practices_text(helpful, limit))
    if rule not in PEOPLE_FIRST and not helpful:
        return OwnSupport()
    return OwnSupport(tuple(chosen), tuple(helpful), tuple(lines))
