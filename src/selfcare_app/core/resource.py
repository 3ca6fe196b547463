"""Support resources (DESIGN.md §3 `resource`, §6): categories, field rules and safe links.

One set of field rules serves both a campus pack (core/resource_pack.py, which reports problems
by JSON path) and the student's own entries (the add/edit dialog, which shows each problem beside
its field). Links are checked here so that nothing but https/http/mailto/tel ever reaches
QDesktopServices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date, datetime
from typing import Any, Final

from selfcare_app.core.schedule import Schedule

# The one list of categories: everything else (rules' support links, exports, packs, pages)
# imports it from here.
CATEGORIES: Final[tuple[str, ...]] = (
    "crisis",
    "counseling",
    "peer-support",
    "peer-learning",
    "mentorship",
    "academic",
    "health",
    "other",
)
CATEGORY_LABELS: Final[dict[str, str]] = {
    "crisis": "Crisis and after-hours",
    "counseling": "Counseling",
    "peer-support": "Peer support",
    "peer-learning": "Peer learning",
    "mentorship": "Mentorship and advising",
    "academic": "Academic support",
    "health": "Health and wellbeing",
    "other": "Other support",
}
SOURCES: Final = ("builtin", "pack", "user")

TEXT_FIELDS: Final[tuple[str, ...]] = (
    "description", "phone", "sms", "email", "url", "address", "hours", "meets",
)
# Longest text accepted per field (characters); generous, but keeps a pack from bloating a vault.
MAX_CHARS: Final[dict[str, int]] = {
    "name": 200, "description": 2000, "phone": 40, "sms": 40, "email": 254, "url": 2000,
    "address": 500, "hours": 300, "meets": 300,
}
MULTILINE: Final = frozenset({"description", "address", "hours", "meets"})
LINK_SCHEMES: Final = ("https", "http", "mailto", "tel")
STALE_AFTER_DAYS: Final = 365

_PHONE_RE: Final = re.compile(r"^\+?[0-9(][0-9 ()./-]*(\s*(ext\.?|x)\s*[0-9]{1,6})?$", re.I)
_EMAIL_RE: Final = re.compile(r"^[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"
                              r"\.[A-Za-z]{2,}$")
_SCHEME_RE: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ISO_DAY_RE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# host[:port]: DNS labels, or an IPv6 literal in brackets.
_HOST_RE: Final = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$"
)
_UNRESERVED: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)


@dataclass(frozen=True)
class ResourceData:
    """The fields a person can read and act on; empty strings mean "not given"."""

    name: str
    category: str
    description: str = ""
    phone: str = ""
    sms: str = ""
    email: str = ""
    url: str = ""
    address: str = ""
    hours: str = ""
    meets: str = ""
    verified_on: date | None = None
    schedule: tuple[Schedule, ...] = ()


@dataclass(frozen=True)
class Resource:
    """A resource as stored in the vault, and as an export or import carries the student's own
    (then `id` is 0 until it is stored; the row id is never part of equality)."""

    id: int = _field(compare=False)
    data: ResourceData
    source: str  # 'pack' or 'user' ('builtin' is reserved; crisis lines come from core.crisis)
    favourite: bool = False
    pack_campus: str | None = None
    pack_key: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    position: int | None = None  # the entry's place in its pack (the centre's order)

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def category(self) -> str:
        return self.data.category

    @property
    def editable(self) -> bool:
        """Only the student's own entries are edited or deleted; a pack's come from the pack."""
        return self.source == "user"


class ResourceValidationError(ValueError):
    """Every problem with a resource, keyed by field name."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def category_from_text(text: str) -> str | None:
    """A category code from its code or label, in any case ("Peer support" → "peer-support")."""
    wanted = text.strip().casefold().replace("_", "-")
    for code, label in CATEGORY_LABELS.items():
        if wanted in (code, label.casefold(), code.replace("-", " ")):
            return code
    return None


# -- field checks: each returns (clean value, problem or "") ------------------------------------


def _has_bad_chars(text: str, multiline: bool) -> bool:
    allowed = {"\n", "\t"} if multiline else set()
    return any(
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in allowed
        for ch in text
    )


def check_text(field: str, raw: str) -> tuple[str, str]:
    text = unicodedata.normalize("NFC", raw).strip()
    if field in MULTILINE:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_bad_chars(text, field in MULTILINE):
        return text, "contains control or invisible formatting characters"
    limit = MAX_CHARS.get(field, 500)
    if len(text) > limit:
        return text, f"is too long ({len(text):,} characters; at most {limit:,})"
    return text, ""


def check_name(raw: str) -> tuple[str, str]:
    text, problem = check_text("name", raw)
    if problem:
        return text, problem
    if not text:
        return text, "a name is required"
    if "\n" in text:
        return text, "must be one line"
    return text, ""


def check_category(raw: str) -> tuple[str, str]:
    code = category_from_text(raw)
    if code is None:
        return raw, f"unknown category {raw.strip()!r}; use one of: {', '.join(CATEGORIES)}"
    return code, ""


def check_phone(raw: str, field: str = "phone") -> tuple[str, str]:
    text, problem = check_text(field, raw)
    if problem or not text:
        return text, problem
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_RE.match(text) or digits < 3:
        return text, "isn't a phone number (use digits, spaces, + ( ) - and maybe 'ext 204')"
    if digits > 20:
        return text, "has too many digits for a phone number"
    return text, ""


def check_email(raw: str) -> tuple[str, str]:
    text, problem = check_text("email", raw)
    if problem or not text:
        return text, problem
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    if not _EMAIL_RE.match(text):
        return text, "isn't an email address like name@example.edu"
    return text, ""


def check_url(raw: str) -> tuple[str, str]:
    """Only https, http, mailto and tel links; never javascript:, file:, data: or others."""
    text, problem = check_text("url", raw)
    if problem or not text:
        return text, problem
    if any(ch.isspace() for ch in text):
        return text, "links can't contain spaces or line breaks"
    match = _SCHEME_RE.match(text)
    if match is None and _EMAIL_RE.match(text):
        return text, ("is an email address, not a link; put it in \"email\" instead (or write "
                      f"mailto:{text})")
    if match is None:
        if text.startswith("//") or "." not in text:
            return text, "isn't a web address; links start with https://"
        return text, f"add https:// to the start (https://{text})"
    scheme = match.group(1).lower()
    if scheme not in LINK_SCHEMES:
        return text, f"{scheme}: links are not allowed (only https, http, mailto and tel)"
    rest = text[match.end():]
    if scheme in ("http", "https"):
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0] if rest.startswith("//") else ""
        if "@" in authority:
            return text, "web addresses with a user name (@) before the host are not allowed"
        if not _HOST_RE.match(authority):
            return text, "isn't a complete web address (https://host/...)"
        return text, ""
    if scheme == "mailto":
        _, email_problem = check_email(rest.split("?", 1)[0])
        return text, ("mailto: " + email_problem) if email_problem else ""
    _, phone_problem = check_phone(rest)
    return text, ("tel: " + phone_problem) if phone_problem else ""


def parse_iso_day(text: str) -> date | None:
    """YYYY-MM-DD exactly (date.fromisoformat alone also accepts '20260101' and week dates)."""
    if not _ISO_DAY_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_day(raw: str, today: date | None, what: str = "date") -> tuple[date | None, str]:
    text = raw.strip()
    day = parse_iso_day(text)
    if day is None:
        return None, f"{text!r} isn't a real {what} in the form YYYY-MM-DD"
    if day.year < 2000:
        return None, f"{text} is too long ago to be a {what} for this pack"
    if today is not None and day > today:
        return None, f"{text} is in the future"
    return day, ""


_CHECKS: Final = {
    "phone": lambda v: check_phone(v, "phone"),
    "sms": lambda v: check_phone(v, "sms"),
    "email": check_email,
    "url": check_url,
}


def check_field(field: str, raw: str) -> tuple[str, str]:
    """Clean value and problem for one text field of a resource (not name/category/dates)."""
    check = _CHECKS.get(field)
    return check(raw) if check else check_text(field, raw)


def validate_resource(values: Mapping[str, Any], today: date | None = None) -> ResourceData:
    """Build a ResourceData from form values; raises ResourceValidationError with every problem.

    `values` holds strings (missing or None = empty); `verified_on` may be a date or text.
    """
    errors: dict[str, str] = {}
    name, problem = check_name(str(values.get("name") or ""))
    if problem:
        errors["name"] = problem
    category, problem = check_category(str(values.get("category") or ""))
    if problem:
        errors["category"] = problem
    cleaned: dict[str, str] = {}
    for field in TEXT_FIELDS:
        cleaned[field], problem = check_field(field, str(values.get(field) or ""))
        if problem:
            errors[field] = problem
    verified: date | None = None
    raw_day = values.get("verified_on")
    if isinstance(raw_day, date):
        verified = raw_day
        if today is not None and verified > today:
            errors["verified_on"] = f"{verified.isoformat()} is in the future"
    elif raw_day:
        verified, problem = check_day(str(raw_day), today)
        if problem:
            errors["verified_on"] = problem
    if errors:
        raise ResourceValidationError(errors)
    return ResourceData(name=name, category=category, verified_on=verified, schedule=(),
                        **cleaned)


# -- links a click may open ---------------------------------------------------------------------


_EXT_RE: Final = re.compile(r"(?i)\s*(?:ext\.?|x)\s*(\d{1,6})\s*$")


def _dial_digits(number: str) -> tuple[str, str]:
    """(digits with a leading +, extension digits) of a written phone number."""
    match = _EXT_RE.search(number)
    main = number[: match.start()] if match else number
    digits = "".join(ch for ch in main if ch.isdigit())
    if main.strip().startswith("+"):
        digits = "+" + digits
    return digits, match.group(1) if match else ""


def tel_url(number: str) -> str:
    """`tel:` link (RFC 3966: digits, + and an optional ;ext=), or "" if there's no number."""
    digits, ext = _dial_digits(number)
    if not any(ch.isdigit() for ch in digits):
        return ""
    return f"tel:{digits}" + (f";ext={ext}" if ext else "")


def sms_url(number: str, body: str = "") -> str:
    digits, _ = _dial_digits(number)
    if not any(ch.isdigit() for ch in digits):
        return ""
    return f"sms:{digits}" + (f"?body={percent_encode(body)}" if body else "")


def percent_encode(text: str) -> str:
    """RFC 3986 percent-encoding of everything but unreserved characters (UTF-8)."""
    return "".join(
        ch if ch in _UNRESERVED else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in text
    )


def mailto_url(email: str) -> str:
    address, problem = check_email(email)
    return "" if problem or not address else f"mailto:{address}"


def web_url(url: str) -> str:
    """The link if it passes check_url, else "" (so a stored bad link can never be opened)."""
    text, problem = check_url(url)
    return "" if problem or not text else text


def is_stale(verified_on: date | None, today: date) -> bool:
    """True when the details were last checked over a year ago (CONTENT.md: re-check yearly)."""
    return verified_on is not None and (today - verified_on).days > STALE_AFTER_DAYS


def search_text(data: ResourceData) -> str:
    """Everything a search should match, case-folded."""
    parts = (data.name, category_label(data.category), data.category, data.description,
             data.phone, data.sms, data.email, data.url, data.address, data.hours, data.meets,
             *(slot.describe() for slot in data.schedule))
    return "\n".join(parts).casefold()


def matches(data: ResourceData, query: str) -> bool:
    """Every word of `query` appears somewhere in the resource (case-insensitive)."""
    haystack = search_text(data)
    return all(word in haystack for word in query.casefold().split())
