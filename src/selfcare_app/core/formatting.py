"""How dates, numbers and hours are written for a student: one style everywhere.

Pure functions (no Qt). Dates are written one way ("Wed 25 Nov 2026", or "25 Nov" when the
year is obvious); hours carry at most one decimal where one is needed ("6.5 h", "7 h", "6.25 h"
keeps the quarter); numbers drop trailing zeros. `decimal` is the separator the reader's
locale uses ("," in much of Europe); parsing accepts either.

Language: English (no catalog, or an `en*` catalog such as the pseudo-locale) keeps the exact
styles above. For another active gettext language (`i18n.language()`), Babel writes the same
pieces in that locale's own words and order (skeletons `yMMMEd`, `MMMd`, `MMMMEEEEd`, `Hm`), and
numbers use its decimal sign. Babel is imported only then, so English start-up stays light.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from selfcare_app import i18n
from selfcare_app.i18n import _

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FULL_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December")


def babel_locale() -> Any | None:
    """The Babel locale for the active gettext language; None for English (the built-in style)."""
    return _babel_locale(i18n.language())


@lru_cache(maxsize=8)
def _babel_locale(language: str | None) -> Any | None:
    if not language:
        return None
    code = language.split("@")[0].split(".")[0]
    if not code or code == "en" or code.startswith("en_"):
        return None
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # Babel missing: English styles rather than a crash
        return None
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def _skeleton(skeleton: str, when: date | datetime | time, locale: Any) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, when, locale=locale))


def decimal_sign() -> str:
    """The decimal separator of the active language ("." in English, "," in German)."""
    locale = babel_locale()
    if locale is None:
        return "."
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(locale))


def format_number(value: float, decimals: int = 1, decimal: str | None = None) -> str:
    """At most `decimals` decimals, trailing zeros dropped: 71.4286 → "71.4", 7.0 → "7".

    `decimal` defaults to the active language's separator."""
    if decimal is None:
        decimal = decimal_sign()
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", decimal)


def format_integer(value: int) -> str:
    """A whole number with the language's thousands separator: 12345 → "12,345"."""
    locale = babel_locale()
    if locale is None:
        return f"{value:,}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=locale))


def format_hours(hours: float | None, decimal: str | None = None) -> str:
    """"6.5 h", "7 h", "6.25 h" (quarters kept), "not set" for None."""
    if hours is None:
        return _("not set")
    quarter = abs(hours * 4 - round(hours * 4)) < 1e-9 and abs(hours * 2 - round(hours * 2)) > 1e-9
    # Translators: hours of sleep or study, e.g. "6.5 h".
    return _("{hours} h").format(hours=format_number(hours, 2 if quarter else 1, decimal))


def format_day(day: date, year: bool = True) -> str:
    """"Wed 25 Nov 2026" (the one date style); "Wed 25 Nov" without the year."""
    locale = babel_locale()
    if locale is not None:
        return _skeleton("yMMMEd" if year else "MMMEd", day, locale)
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def format_short_day(day: date) -> str:
    """"25 Nov": for axes and ranges where the weekday is noise."""
    locale = babel_locale()
    if locale is not None:
        return _skeleton("MMMd", day, locale)
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def format_medium_day(day: date, year: bool = True) -> str:
    """"25 Nov 2026" (no weekday); "25 Nov" without the year."""
    locale = babel_locale()
    if locale is not None:
        return _skeleton("yMMMd" if year else "MMMd", day, locale)
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def format_long_day(day: date) -> str:
    """"Wednesday 25 November": for headings."""
    locale = babel_locale()
    if locale is not None:
        return _skeleton("MMMMEEEEd", day, locale)
    return f"{FULL_DAY_NAMES[day.weekday()]} {day.day} {FULL_MONTH_NAMES[day.month - 1]}"


def format_weekday(weekday: int) -> str:
    """"Monday" for 0 … "Sunday" for 6, in the active language."""
    locale = babel_locale()
    if locale is not None:
        return str(locale.days["format"]["wide"][weekday])
    return FULL_DAY_NAMES[weekday]


def format_short_weekday(weekday: int) -> str:
    """"Mon" for 0 … "Sun" for 6, in the active language."""
    locale = babel_locale()
    if locale is not None:
        return str(locale.days["format"]["abbreviated"][weekday])
    return DAY_NAMES[weekday]


def format_range(start: date, end: date) -> str:
    """"18–25 Nov 2026", "28 Nov – 4 Dec 2026", "28 Dec 2025 – 3 Jan 2026"."""
    locale = babel_locale()
    if locale is not None:
        from babel.dates import format_interval

        return str(format_interval(start, end, "yMMMd", locale=locale))
    if start.year != end.year:
        return f"{format_short_day(start)} {start.year} – {format_short_day(end)} {end.year}"
    if start.month != end.month:
        return f"{format_short_day(start)} – {format_short_day(end)} {end.year}"
    return f"{start.day}–{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"


def format_time(moment: datetime | time) -> str:
    """"17:26" (24-hour clock; the locale's own clock in another language)."""
    locale = babel_locale()
    if locale is not None:
        return _skeleton("Hm", moment, locale)
    return f"{moment.hour:02d}:{moment.minute:02d}"


_HOURS_MINUTES = re.compile(r"^(\d{1,2})\s*(?::|h)\s*(\d{1,2})\s*(?:m|min)?$")


def parse_hours_text(text: str) -> str | float | None:
    """What a student typed for hours, as a number where it reads as one: "6.5", "6,5",
    "6.5 h", "6:30" and "6h30" are 6.5; "" is None (not set). Anything else is returned as
    typed, so validation reports it with the same message as any other invalid value."""
    s = text.strip().lower()
    if not s:
        return None
    match = _HOURS_MINUTES.match(s)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes < 60:
            return hours + minutes / 60
        return text.strip()
    s = s.removesuffix("hours").removesuffix("hrs").removesuffix("h").strip()
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return text.strip()
