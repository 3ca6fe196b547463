"""When the daily check-in reminder is due: pure decisions, no clock or Qt.

The reminder is a gentle nudge, so it errs towards silence: at most once a day, never before the
chosen time, never when today already has an entry or falls in a quiet period. While the vault is
locked the app may not know either fact; then `today_logged`/`quiet` are None and the reminder is
worded so that it makes sense either way (see `reminder_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol

from selfcare_app.i18n import N_, _

DEFAULT_TIME = time(20, 0)
_TIME = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")

# English source text; show it through reminder_title()/reminder_text(), which translate.
TITLE = N_("Time for your check-in")
TEXT_KNOWN = N_("You haven't checked in today yet. It takes about 30 seconds.")
TEXT_UNKNOWN = N_("A 30-second check-in, if you haven't done one today. "
                  "If you have, you can ignore this.")


def parse_time(text: str) -> time:
    """'20:00' → time(20, 0); anything else raises ValueError with a plain message."""
    match = _TIME.match(text or "")
    if not match:
        raise ValueError(_("{text} is not a time of day; use HH:MM, for example 20:00.").format(
            text=repr(text)))
    return time(int(match.group(1)), int(match.group(2)))


def format_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool = False
    at: time = DEFAULT_TIME

    @classmethod
    def from_strings(cls, enabled: str | bool | None, at: str | None) -> ReminderSettings:
        """From stored text; a damaged value falls back to the default instead of failing."""
        on = enabled if isinstance(enabled, bool) else str(enabled).lower() in {"1", "true", "yes"}
        try:
            when = parse_time(at) if at else DEFAULT_TIME
        except ValueError:
            when = DEFAULT_TIME
        return cls(on, when)


def due_at(day: date, settings: ReminderSettings) -> datetime:
    return datetime.combine(day, settings.at)


def should_remind(now: datetime, settings: ReminderSettings, *, shown_on: date | None,
                  today_logged: bool | None, quiet: bool | None) -> bool:
    """True when a reminder should be shown now. `None` means "not known while locked"."""
    if not settings.enabled or now < due_at(now.date(), settings):
        return False
    if shown_on == now.date():
        return False
    return today_logged is not True and quiet is not True


def reminder_title() -> str:
    return _(TITLE)


def reminder_text(today_logged: bool | None) -> str:
    return _(TEXT_KNOWN) if today_logged is False else _(TEXT_UNKNOWN)


class Period(Protocol):
    """A quiet period (core.alerts.QuietPeriod); not imported, to keep start-up light."""

    def covers(self, day: date) -> bool: ...


@dataclass(frozen=True)
class DayFacts:
    """What the unlocked vault last said, kept in memory so a locked app can stay quiet.

    Only "today has an entry" is trusted while locked: an absent entry may have been added from
    the command line since, so absence reads as "not known" (None)."""

    logged_days: frozenset[date] = frozenset()
    quiet_periods: tuple[Period, ...] = ()

    def logged(self, day: date) -> bool | None:
        return True if day in self.logged_days else None

    def quiet(self, day: date) -> bool:
        return any(p.covers(day) for p in self.quiet_periods)

    @classmethod
    def read(cls, today: date, logged_today: bool, periods: Iterable[Period]) -> DayFacts:
        return cls(frozenset({today}) if logged_today else frozenset(), tuple(periods))
