"""Selfcare's own JSON export: everything in the vault, in a versioned, documented format.

    {
      "format": "selfcare-export", "version": 2,
      "app_version": "0.1.0", "exported_at": "2025-03-01T09:30:00+00:00",
      "entries":       [{"day", "stress", "sleep_hours", "study_hours", "mood", "energy",
                         "social", "tags": [...], "practices": [...], "note", "created_at",
                         "updated_at"}],
      "self_checks":   [{"instrument", "instrument_version", "taken_at", "answers": [...],
                         "score", "band", "subscores": {...}}],
      "findings":      [{"rule", "day", "window_start", "window_end", "message", "state",
                         "evidence": {...} or [...], "snoozed_until", "created_at"}],
      "safety_events": [{"at", "source", "detail"}],
      "quiet_periods": [{"start_day", "end_day", "label"}],
      "resources":     [{"name", "category", "description", "phone", "sms", "email", "url",
                         "address", "hours", "meets", "verified_on", "favourite",
                         "created_at", "updated_at"}],      (the student's own, source 'user')
      "settings":      {"key": value, ...},     (the practice list is the setting "practices")
      "people":        [{"name", "kind", "contact", "last_talked", "note", "position"}]
    }
"practices" and "people" are optional (files from before they existed have neither).

Missing values are null. Reading is strict: NaN/Infinity, huge integers, duplicate keys, lone
surrogates, unknown keys and out-of-range values are refused with their JSON path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Final

from selfcare_app.core import strict_reader
from selfcare_app.core.alerts import QuietPeriod
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import (
    MIN_DAY,
    NUMERIC_FIELDS,
    DailyEntry,
    EntryValidationError,
    validate_entry,
)
from selfcare_app.core.exchange import (
    FileFormatError,
    IncomingEntry,
    Rejection,
    RowsRejectedError,
    duplicate_day_rejection,
    short,
)
from selfcare_app.core.formatting import format_integer
from selfcare_app.core.people import Person, PersonError, person_json, validate_person
from selfcare_app.core.records import (
    FINDING_STATES,
    RESOURCE_CATEGORIES,
    RESOURCE_TEXT_FIELDS,
    FindingRecord,
    ImportBundle,
    SafetyEventRecord,
    assessment_key,
    duplicates,
    quiet_period_key,
    user_resource_key,
)
from selfcare_app.core.resource import Resource, ResourceData
from selfcare_app.core.settings_model import SettingError, validate_setting
from selfcare_app.i18n import _, ngettext

FORMAT_NAME: Final = "selfcare-export"
# 2 added entries' "practices" and the "people" section; version 1 files still import, and an
# older app refuses a version 2 file with a clear "update the app" message instead of a
# confusing "unknown section".
FORMAT_VERSION: Final = 2
TOP_KEYS: Final = ("format", "version", "app_version", "exported_at", "entries", "self_checks",
                   "findings", "safety_events", "quiet_periods", "resources", "settings",
                   "people")
MAX_INT_DIGITS: Final = strict_reader.MAX_INT_DIGITS
MAX_TEXT: Final = 20_000
# Bookkeeping timestamps (created_at, updated_at) come from the device clock, which may run
# ahead of the day being logged; only their lower bound is checked.
_ANY_TIME: Final = date(9999, 12, 31)
_INSTRUMENT: Final = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


# -- writing -------------------------------------------------------------------------------


def entry_json(entry: DailyEntry) -> dict[str, Any]:
    return {
        "day": entry.day.isoformat(),
        **{spec.name: getattr(entry, spec.name) for spec in NUMERIC_FIELDS},
        "tags": list(entry.tags),
        "practices": list(entry.practices),
        "note": entry.note,
        "created_at": entry.created_at.isoformat() if entry.created_at else None,
        "updated_at": entry.updated_at.isoformat() if entry.updated_at else None,
    }


def assessment_json(a: Assessment) -> dict[str, Any]:
    return {
        "instrument": a.instrument,
        "instrument_version": a.instrument_version,
        "taken_at": a.taken_at.isoformat(),
        "answers": list(a.answers),
        "score": a.score,
        "band": a.band,
        "subscores": dict(a.subscores),
    }


def finding_json(f: FindingRecord) -> dict[str, Any]:
    return {
        "rule": f.rule, "day": f.day.isoformat(), "window_start": f.window_start.isoformat(),
        "window_end": f.window_end.isoformat(), "message": f.message, "state": f.state,
        "evidence": f.evidence, "snoozed_until": f.snoozed_until, "created_at": f.created_at,
    }


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def resource_json(r: Resource) -> dict[str, Any]:
    """One of the student's own resources (packs are re-imported from the pack, not here)."""
    return {
        "name": r.name, "category": r.category,
        **{name: getattr(r.data, name) for name in RESOURCE_TEXT_FIELDS},
        "verified_on": _iso(r.data.verified_on), "favourite": r.favourite,
        "created_at": _iso(r.created_at) or "", "updated_at": _iso(r.updated_at) or "",
    }


def build_document(*, entries: Iterable[DailyEntry], assessments: Iterable[Assessment],
                   findings: Iterable[FindingRecord], safety_events: Iterable[SafetyEventRecord],
                   quiet_periods: Iterable[QuietPeriod],
                   resources: Iterable[Resource], settings: dict[str, Any],
                   app_version: str, exported_at: datetime,
                   people: Iterable[Person] = ()) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": exported_at.isoformat(),
        "entries": [entry_json(e) for e in entries],
        "self_checks": [assessment_json(a) for a in assessments],
        "findings": [finding_json(f) for f in findings],
        "safety_events": [{"at": s.at, "source": s.source, "detail": s.detail}
                          for s in safety_events],
        "quiet_periods": [{"start_day": q.start.isoformat(), "end_day": q.end.isoformat(),
                           "label": q.label} for q in quiet_periods],
        "resources": [resource_json(r) for r in resources],
        "settings": dict(settings),
        "people": [person_json(p) for p in people],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


# -- reading -------------------------------------------------------------------------------


def loads_strict(text: str) -> Any:
    """json.loads under core.strict_reader's policy; refusals worded for an import."""
    try:
        return strict_reader.loads_strict(text)
    except strict_reader.JsonRefused as exc:
        if exc.error is not None:
            raise FileFormatError(
                _("The file is not valid JSON: {problem} at line {line}, column {column}; nothing "
                  "was imported.").format(problem=exc.error.msg, line=exc.error.lineno,
                                          column=exc.error.colno)) from None
        if exc.kind == "depth":
            raise FileFormatError(_("The JSON file is nested too deeply to be a Selfcare "
                                    "export; nothing was imported.")) from None
        if exc.kind == "surrogate":
            raise FileFormatError(_("The JSON file contains an invalid character (a lone "
                                    "UTF-16 surrogate); nothing was imported.")) from None
        raise FileFormatError(_("The JSON file can't be imported: {problem}; nothing was "
                                "imported.").format(problem=exc.detail)) from None


class _Bad(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _obj(value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...]) -> dict[
        str, Any]:
    if not isinstance(value, dict):
        raise _Bad(path, _("should be an object."))
    unknown = [k for k in value if k not in keys]
    if unknown:
        raise _Bad(path, ngettext("has an unknown key {keys}.", "has unknown keys {keys}.",
                                  len(unknown)).format(
                                      keys=", ".join(f"'{short(k)}'" for k in unknown)))
    for k in required:
        if k not in value:
            raise _Bad(path, _("has no '{key}'.").format(key=k))
    return value


def _text(d: dict[str, Any], key: str, path: str, limit: int, *, empty: bool = True,
          nullable: bool = False) -> Any:
    v = d.get(key, None if nullable else "")
    if v is None and nullable:
        return None
    if not isinstance(v, str):
        raise _Bad(f"{path}.{key}", _("should be text."))
    if len(v) > limit:
        raise _Bad(f"{path}.{key}", _("is {length} characters; at most {limit} allowed.").format(
            length=format_integer(len(v)), limit=format_integer(limit)))
    if not empty and not v.strip():
        raise _Bad(f"{path}.{key}", _("can't be empty."))
    return v


def _day(d: dict[str, Any], key: str, path: str, latest: date, nullable: bool = False) -> Any:
    v = d.get(key)
    if v is None and nullable:
        return None
    try:
        if not isinstance(v, str) or len(v) != 10:
            raise ValueError
        day = date.fromisoformat(v)
    except ValueError:
        raise _Bad(f"{path}.{key}", _("'{text}' is not a date (YYYY-MM-DD).").format(
            text=short(str(v)))) from None
    if not MIN_DAY <= day <= latest:
        raise _Bad(f"{path}.{key}", _("{day} is out of range ({first} to {last}).").format(
            day=day, first=MIN_DAY, last=latest))
    return day


def _stamp(d: dict[str, Any], key: str, path: str, latest: date, nullable: bool = False,
           allow_date: bool = False) -> Any:
    v = d.get(key)
    if v is None and nullable:
        return None
    try:
        if not isinstance(v, str) or not 10 <= len(v) <= 40:
            raise ValueError
        when = datetime.fromisoformat(v)
        if len(v) == 10 and not allow_date:
            raise ValueError
    except ValueError:
        raise _Bad(f"{path}.{key}", _("'{text}' is not a date and time (ISO 8601).").format(
            text=short(str(v)))) from None
    if not MIN_DAY <= when.date() <= latest:
        raise _Bad(f"{path}.{key}", _("{day} is out of range ({first} to {last}).").format(
            day=when.date(), first=MIN_DAY, last=latest))
    return v


def _finite(v: Any, path: str, low: float, high: float, *, integer: bool = False) -> Any:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(
            v, int)):
        raise _Bad(path, _("should be a whole number.") if integer else
                   _("should be a number."))
    if not low <= v <= high:
        raise _Bad(path, _("{value} is out of range ({low} to {high}).").format(
            value=f"{v:g}", low=f"{low:g}", high=f"{high:g}"))
    return v


def _list(d: dict[str, Any], key: str, path: str, limit: int) -> list[Any]:
    v = d.get(key, [])
    if not isinstance(v, list):
        raise _Bad(f"{path}.{key}", _("should be a list."))
    if len(v) > limit:
        raise _Bad(f"{path}.{key}", _("has {count} items; at most {limit} allowed.").format(
            count=format_integer(len(v)), limit=format_integer(limit)))
    return v


def _entry(v: Any, path: str, today: date) -> IncomingEntry:
    keys = ("day", *(f.name for f in NUMERIC_FIELDS), "tags", "practices", "note",
            "created_at", "updated_at")
    d = _obj(v, path, keys, ("day",))
    tags = _list(d, "tags", path, 1000)
    if not all(isinstance(t, str) for t in tags):
        raise _Bad(f"{path}.tags", _("should be a list of texts."))
    practices = _list(d, "practices", path, 1000)
    if not all(isinstance(t, str) for t in practices):
        raise _Bad(f"{path}.practices", _("should be a list of texts."))
    note = _text(d, "note", path, 10 * MAX_TEXT)
    if not isinstance(d["day"], str):
        raise _Bad(f"{path}.day", _("should be a date (YYYY-MM-DD)."))
    created = _stamp(d, "created_at", path, _ANY_TIME, nullable=True)
    updated = _stamp(d, "updated_at", path, _ANY_TIME, nullable=True)
    values = {k: d.get(k) for k in keys if k not in ("created_at", "updated_at")}
    values["tags"], values["note"], values["practices"] = tags, note, practices
    try:
        entry = validate_entry(values, today)
    except EntryValidationError as exc:
        raise _Bad(f"{path} ({short(str(d['day']), 12)})", exc.one_line()) from None
    return IncomingEntry(DailyEntry(
        **{k: getattr(entry, k) for k in ("day", "stress", "sleep_hours", "study_hours", "mood",
                                         "energy", "social", "tags", "note", "practices")},
        created_at=datetime.fromisoformat(created) if created else None,
        updated_at=datetime.fromisoformat(updated) if updated else None,
    ), path)


def _assessment(v: Any, path: str, latest: date) -> Assessment:
    d = _obj(v, path, ("instrument", "instrument_version", "taken_at", "answers", "score",
                       "band", "subscores"), ("instrument", "taken_at", "answers"))
    instrument = _text(d, "instrument", path, 40, empty=False)
    if not _INSTRUMENT.match(instrument):
        raise _Bad(f"{path}.instrument", _("'{text}' is not an instrument id.").format(
            text=short(instrument)))
    version = _text(d, "instrument_version", path, 40)
    taken = _stamp(d, "taken_at", path, latest)
    answers = _list(d, "answers", path, 200)
    checked = tuple(_finite(a, f"{path}.answers[{i}]", 0, 1000, integer=True)
                    for i, a in enumerate(answers))
    score = _finite(d.get("score"), f"{path}.score", -1e6, 1e6)
    band = _text(d, "band", path, 60, nullable=True)
    subs = d.get("subscores", {})
    if not isinstance(subs, dict) or len(subs) > 50:
        raise _Bad(f"{path}.subscores", _("should be an object of at most 50 numbers."))
    subscores = {}
    for k, s in subs.items():
        if len(k) > 60:
            raise _Bad(f"{path}.subscores", _("has a name longer than 60 characters."))
        number = _finite(s, f"{path}.subscores.{short(k)}", -1e6, 1e6)
        if number is None:
            raise _Bad(f"{path}.subscores.{short(k)}", _("should be a number."))
        subscores[k] = number
    return Assessment(instrument=instrument, instrument_version=version,
                      taken_at=datetime.fromisoformat(taken), answers=checked, score=score,
                      band=band, subscores=MappingProxyType(subscores))


def _evidence_ok(value: Any, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if isinstance(value, list):
        return all(_evidence_ok(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_evidence_ok(v, depth + 1) for v in value.values())
    return value is None or isinstance(value, (str, int, float, bool))


def _finding(v: Any, path: str, latest: date) -> FindingRecord:
    d = _obj(v, path, ("rule", "day", "window_start", "window_end", "message", "state",
                       "evidence", "snoozed_until", "created_at"),
             ("rule", "day", "window_start", "window_end", "message"))
    start = _day(d, "window_start", path, latest)
    end = _day(d, "window_end", path, latest)
    if end < start:
        raise _Bad(f"{path}.window_end", _("is before window_start."))
    state = d.get("state", "new")
    if state not in FINDING_STATES:
        raise _Bad(f"{path}.state", _("should be one of {values}.").format(
            values=", ".join(FINDING_STATES)))
    evidence = d.get("evidence", [])
    if not isinstance(evidence, (list, dict)) or len(evidence) > 1000:
        raise _Bad(f"{path}.evidence",
                   _("should be a list or an object of at most 1,000 items."))
    if not _evidence_ok(evidence):
        raise _Bad(f"{path}.evidence", _("is nested too deeply."))
    return FindingRecord(
        rule=_text(d, "rule", path, 20, empty=False), day=_day(d, "day", path, latest),
        window_start=start, window_end=end, message=_text(d, "message", path, 2000),
        state=state, evidence=evidence,
        snoozed_until=_stamp(d, "snoozed_until", path, date.max, nullable=True,
                             allow_date=True),
        created_at=_stamp(d, "created_at", path, _ANY_TIME) if "created_at" in d else "")


def _safety(v: Any, path: str, latest: date) -> SafetyEventRecord:
    d = _obj(v, path, ("at", "source", "detail"), ("at", "source"))
    return SafetyEventRecord(at=_stamp(d, "at", path, latest),
                             source=_text(d, "source", path, 60, empty=False),
                             detail=_text(d, "detail", path, 2000))


def _quiet(v: Any, path: str, today: date) -> QuietPeriod:
    d = _obj(v, path, ("start_day", "end_day", "label"), ("start_day", "end_day"))
    latest = today + timedelta(days=5 * 366)  # exam blocks can be planned ahead
    start, end = _day(d, "start_day", path, latest), _day(d, "end_day", path, latest)
    if end < start:
        raise _Bad(f"{path}.end_day", _("is before start_day."))
    return QuietPeriod(start, end, _text(d, "label", path, 200))


def _when(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _resource(v: Any, path: str, latest: date) -> Resource:
    keys = ("name", "category", *RESOURCE_TEXT_FIELDS, "verified_on", "favourite",
            "created_at", "updated_at")
    d = _obj(v, path, keys, ("name", "category"))
    category = d["category"]
    if category not in RESOURCE_CATEGORIES:
        raise _Bad(f"{path}.category", _("should be one of {values}.").format(
            values=", ".join(RESOURCE_CATEGORIES)))
    favourite = d.get("favourite", False)
    if not isinstance(favourite, bool):
        raise _Bad(f"{path}.favourite", _("should be true or false."))
    verified = _day(d, "verified_on", path, latest, nullable=True)
    data = ResourceData(
        name=_text(d, "name", path, 200, empty=False), category=category,
        **{k: _text(d, k, path, 5000 if k == "description" else 500)
           for k in RESOURCE_TEXT_FIELDS},
        verified_on=verified)
    return Resource(
        id=0, data=data, source="user", favourite=favourite,
        created_at=_when(_stamp(d, "created_at", path, _ANY_TIME) if "created_at" in d else ""),
        updated_at=_when(_stamp(d, "updated_at", path, _ANY_TIME) if "updated_at" in d else ""))


def _person(v: Any, path: str, today: date) -> Person:
    d = _obj(v, path, ("name", "kind", "contact", "last_talked", "note", "position"),
             ("name",))
    for key in ("name", "kind", "contact", "note"):
        _text(d, key, path, 1000, nullable=key == "kind")
    _day(d, "last_talked", path, today + timedelta(days=1), nullable=True)
    try:
        return validate_person(d, today + timedelta(days=1))
    except PersonError as exc:
        raise _Bad(path, str(exc)) from None


def _collect(doc: dict[str, Any], key: str, parse: Callable[[Any, str], Any],
             rejections: list[Rejection], limit: int = 100_000) -> list[tuple[Any, str]]:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise FileFormatError(_("'{key}' should be a list; nothing was imported.").format(
            key=key))
    if len(items) > limit:
        raise FileFormatError(_("'{key}' has {count} items; at most {limit} can be imported. "
                                "Nothing was imported.").format(
                                    key=key, count=format_integer(len(items)),
                                    limit=format_integer(limit)))
    out: list[tuple[Any, str]] = []
    for i, item in enumerate(items):
        path = f"{key}[{i}]"
        try:
            out.append((parse(item, path), path))
        except _Bad as bad:
            rejections.append(Rejection(bad.path, bad.message))
    return out


def parse_document(text: str, today: date) -> ImportBundle:
    """Validate a whole JSON export; RowsRejectedError lists every bad record by path."""
    doc = loads_strict(text)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise FileFormatError(_("This JSON file is not a Selfcare export (it has no "
                                "\"format\": \"{format}\"); nothing was imported.").format(
                                    format=FORMAT_NAME))
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FileFormatError(_("The export has no valid format version; nothing was "
                                "imported."))
    if version > FORMAT_VERSION:
        raise FileFormatError(
            _("This export was written by a newer version of Selfcare (format version "
              "{found}; this version reads {supported}). Update the app; nothing was "
              "imported.").format(found=version, supported=FORMAT_VERSION))
    unknown = [k for k in doc if k not in TOP_KEYS]
    if unknown:
        raise FileFormatError(ngettext(
            "The export has an unknown section {sections}; nothing was imported.",
            "The export has unknown sections {sections}; nothing was imported.",
            len(unknown)).format(sections=", ".join(f"'{short(k)}'" for k in unknown)))
    latest = today + timedelta(days=1)
    rejections: list[Rejection] = []
    bundle = ImportBundle("Selfcare JSON")
    bundle.entries = [e for e, _ in _collect(doc, "entries", lambda v, p: _entry(v, p, today),
                                             rejections)]
    seen: dict[date, str] = {}
    for item in bundle.entries:
        if item.entry.day in seen:
            rejections.append(duplicate_day_rejection(item.where, item.entry.day,
                                                      seen[item.entry.day]))
        seen.setdefault(item.entry.day, item.where)
    for key, attr, parse, keyf, what in (
        ("self_checks", "assessments", lambda v, p: _assessment(v, p, latest), assessment_key,
         "self-check"),
        ("findings", "findings", lambda v, p: _finding(v, p, latest), FindingRecord.key,
         "finding"),
        ("safety_events", "safety_events", lambda v, p: _safety(v, p, latest),
         SafetyEventRecord.key, "safety event"),
        ("quiet_periods", "quiet_periods", lambda v, p: _quiet(v, p, today),
         quiet_period_key, "quiet period"),
        ("resources", "resources", lambda v, p: _resource(v, p, latest), user_resource_key,
         "resource"),
        ("people", "people", lambda v, p: _person(v, p, today), Person.key, "person"),
    ):
        paired = _collect(doc, key, parse, rejections)
        rejections.extend(duplicates(paired, keyf, what))
        setattr(bundle, attr, paired)
    settings = doc.get("settings", {})
    if not isinstance(settings, dict):
        raise FileFormatError("'settings' should be an object; nothing was imported.")
    for k, v in settings.items():
        if not 0 < len(k) <= 64:
            rejections.append(Rejection("settings", f"the key '{short(k)}' is not a setting."))
        elif not _evidence_ok(v):
            rejections.append(Rejection(f"settings.{short(k)}", "is nested too deeply."))
        else:
            try:
                validate_setting(k, v)  # ranges from the one settings model (issue 13)
            except SettingError as exc:
                rejections.append(Rejection(exc.path, exc.message))
    bundle.settings = dict(settings)
    if rejections:
        total = sum(len(doc.get(k) or ()) for k in TOP_KEYS[4:])  # settings and people too
        raise RowsRejectedError(rejections, total)
    return bundle
