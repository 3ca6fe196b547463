"""Today's date, in one place. `SELFCARE_TODAY=YYYY-MM-DD` pins it for tests and demos."""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    pinned = os.environ.get("SELFCARE_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()


def now() -> datetime:
    """The current time of day; on the pinned day when SELFCARE_TODAY is set."""
    current = datetime.now().replace(microsecond=0)
    pinned = os.environ.get("SELFCARE_TODAY")
    return datetime.combine(date.fromisoformat(pinned), current.time()) if pinned else current
