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
    return datetime.now().replace(microsecond=0)
