"""Self-care practices: the short list a student picks from and logs with one click a day.

A practice is not a free tag: it is its own field on the day (DailyEntry.practices), so
"I went for a walk" can be counted, charted and compared with how days went (core/insights).
Names follow the tag rules (trimmed, NFC, unique ignoring case, at most 40 characters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from selfcare_app.core.entry import normalize_practices
from selfcare_app.i18n import N_, _

SETTING_KEY: Final = "practices"
MAX_PRACTICES: Final = 12
# Basic needs that burnout crowds out first (CONTENT.md §3, phase 5 "neglecting needs").
# English msgids; default_practices() offers them in the student's language. Once a practice
# is logged, its name is the student's own word on that day (stored like a tag).
DEFAULT_PRACTICES: Final[tuple[str, ...]] = (
    N_("a walk"), N_("exercise"), N_("time outside"), N_("a proper meal"), N_("a break"),
    N_("talking to someone"), N_("sleep routine"),
)


def default_practices() -> tuple[str, ...]:
    """The starting list in the language in use."""
    return tuple(_(name) for name in DEFAULT_PRACTICES)


class PracticeListError(ValueError):
    """A practice list that can't be saved; the message says why, in plain words."""


def validate_practice_list(names: Iterable[str]) -> tuple[str, ...]:
    """The cleaned list, or PracticeListError (empty names are dropped)."""
    cleaned, problem = normalize_practices(names)
    if problem:
        raise PracticeListError(problem)
    if len(cleaned) > MAX_PRACTICES:
        raise PracticeListError(
            _("You have {count} practices; keep it to at most {limit} so logging stays quick.")
            .format(count=len(cleaned), limit=MAX_PRACTICES))
    return cleaned


def display_name(name: str) -> str:
    """'a walk' → 'A walk' for a chip or a chart label; the stored name is unchanged."""
    return name[:1].upper() + name[1:]


def practice_counts(entries: Iterable[object], names: Iterable[str]) -> dict[str, int]:
    """How many days each practice was logged (case-insensitive), in the list's order."""
    order = list(names)
    keys = {n.casefold(): n for n in order}
    counts = dict.fromkeys(order, 0)
    for entry in entries:
        for p in getattr(entry, "practices", ()):
            name = keys.get(p.casefold())
            if name is not None:
                counts[name] += 1
    return counts
