"""Campus resource packs (DESIGN.md §6; format in docs/resource-pack.md): parse and validate.

A pack is untrusted input from a file someone handed the student. Parsing never raises on bad
content: every problem is collected with its JSON path (`$.resources[3].url: javascript: links
are not allowed`) and the pack is accepted only if there are none, so an invalid pack imports
nothing. Guards: size is checked before reading, nesting depth before parsing (no RecursionError),
NaN/Infinity and duplicate keys are reported, not silently accepted.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from selfcare_app.core.formatting import format_integer
from selfcare_app.core.resource import (
    CATEGORIES,
    TEXT_FIELDS,
    ResourceData,
    check_category,
    check_day,
    check_field,
    check_name,
    is_stale,
)
from selfcare_app.core.schedule import MAX_SCHEDULES, Schedule, parse_schedule
from selfcare_app.core.strict_reader import (  # MAX_DEPTH: re-exported for callers
    MAX_DEPTH as MAX_DEPTH,
)
from selfcare_app.core.strict_reader import (
    PACK_MAX_BYTES,
    JsonRefused,
    NonFinite,
    TooLarge,
    Unreadable,
    loads_strict,
    read_capped,
)
from selfcare_app.i18n import _, ngettext

PACK_FORMAT: Final = "selfcare-resource-pack"
PACK_VERSION: Final = 2  # 2 added `schedule`; version 1 packs are still read
READ_VERSIONS: Final = (1, 2)
SCHEDULE_VERSION: Final = 2
# A pack may be dated ahead (next term's edition, sent early); further than this is a typo.
MAX_DAYS_AHEAD: Final = 400
MAX_PACK_BYTES: Final = PACK_MAX_BYTES  # the limits live in core.strict_reader
MAX_RESOURCES: Final = 2000
MAX_PROBLEMS: Final = 200  # after this many, stop listing (the file is clearly not a pack)
TOP_FIELDS: Final = ("$schema", "format", "version", "campus", "updated", "resources")
RESOURCE_FIELDS: Final = ("id", "name", "category", *TEXT_FIELDS, "verified_on", "schedule")
CURLY_QUOTES: Final = "\u201c\u201d\u201e\u201f\u2018\u2019\u00ab\u00bb"
_ID_RE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_IDENT_RE: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class PackResource:
    """One resource of a pack; `key` matches it to the stored copy when a newer pack arrives."""

    key: str
    data: ResourceData


@dataclass(frozen=True)
class ResourcePack:
    campus: str
    updated: date
    resources: tuple[PackResource, ...]
    version: int = PACK_VERSION


@dataclass(frozen=True)
class PackProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return _("{where}: {problem}").format(where=self.path, problem=self.message)


class PackInvalid(ValueError):
    """The pack failed validation; `problems` lists every one found, in file order."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(ngettext(
            "This is not a valid resource pack ({count} problem); nothing was imported.",
            "This is not a valid resource pack ({count} problems); nothing was imported.",
            count).format(count=count))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


# -- JSON reading with guards ---------------------------------------------------------------


def _line_col(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return _("line {line}, column {column}").format(line=line, column=col)


def parse_json(raw: bytes) -> Any:
    """Decode untrusted JSON bytes (core.strict_reader, marking duplicate keys and non-finite
    numbers so each is listed at its place); raises PackInvalid with a `$` problem if it can't
    be read."""
    if len(raw) > MAX_PACK_BYTES:
        raise PackInvalid([PackProblem("$", _too_big(len(raw)))])
    text = decode_pack_text(raw)
    try:
        return loads_strict(text, collect=True)
    except JsonRefused as exc:
        if exc.error is not None:
            raise PackInvalid([PackProblem("$", json_hint(text, exc.error))]) from None
        if exc.kind in ("depth", "surrogate"):
            raise PackInvalid([PackProblem("$", exc.detail)]) from None
        raise PackInvalid([PackProblem("$", _("could not be read ({problem})").format(
                problem=exc.detail))]) from None


def utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text with no BOM (every
    other byte NUL, as Notepad's "Unicode" writes plain ASCII), else None."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    if odd_nuls > 0.6 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def legacy_encoding_hint(raw: bytes, start: int) -> str:
    """Plain words for a file that isn't UTF-8: where, what the byte probably is, what to do.

    Used for packs and spreadsheets alike, so the app and the command line say the same.
    """
    line = raw.count(b"\n", 0, start) + 1
    byte = raw[start]
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        char = ""
    if char and char.isprintable():
        return _("is saved in a legacy encoding (Windows-1252, \"ANSI\"), not UTF-8: line "
                 "{line} has \u201c{char}\u201d (byte {byte}). Save the file as UTF-8 "
                 "(Notepad: Save as \u2192 Encoding: UTF-8; Excel: CSV UTF-8) and try again")\
            .format(line=line, char=char, byte=f"0x{byte:02X}")
    return _("is not UTF-8 text (line {line}, byte {byte}). Save the file as UTF-8 "
             "(Notepad: Save as \u2192 Encoding: UTF-8) and try again").format(
                 line=line, byte=f"0x{byte:02X}")


def decode_pack_text(raw: bytes) -> str:
    """A pack's text: UTF-8 (BOM or not) or UTF-16 (BOM or not); anything else is refused
    with a hint naming the line and the character."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom) and not raw.startswith(codecs.BOM_UTF8):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise PackInvalid([PackProblem("$", _("is damaged UTF-16 text; save it as "
                                                 "UTF-8 and try again"))]) from None
    codec16 = utf16_without_bom(raw)
    if codec16 is not None:
        try:
            return raw.decode(codec16)
        except UnicodeDecodeError:
            pass
    body = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = len(raw) - len(body)
        raise PackInvalid([PackProblem("$", legacy_encoding_hint(raw, exc.start + offset))]) \
            from None


def _looks_like_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return not first.lstrip().startswith(("{", "[")) and any(sep in first for sep in ",;\t") \
        and "name" in first.casefold()


def json_hint(text: str, exc: json.JSONDecodeError) -> str:
    """What went wrong in words a centre's staff can act on (curly quotes, a trailing comma
    reported on its own line, a spreadsheet given instead of a pack), else the parser's words.
    """
    pos = min(exc.pos, len(text))
    char = text[pos] if pos < len(text) else ""
    if pos == 0 and _looks_like_csv(text):
        return _("looks like a spreadsheet (CSV), not a resource pack. Turn it into a pack "
                 "with: selfcare-app pack from-csv FILE.csv --campus \"CAMPUS\" --updated "
                 "YYYY-MM-DD -o PACK.json")
    if char and char in CURLY_QUOTES:
        return _("{where}: \u201c{char}\u201d is a curly (typographic) quote; JSON needs "
                 "straight double quotes (\"). Word processors change them as you type: edit "
                 "the file in a plain-text editor, or turn off smart quotes").format(
                     where=_line_col(text, pos), char=char)
    if char == "'":
        return _("{where}: text in single quotes ('...'); JSON needs straight double quotes "
                 "(\") around every name and text").format(where=_line_col(text, pos))
    if text.startswith(("//", "/*", "#"), pos):
        return _("{where}: JSON can't contain comments; remove the comment (keep notes in a "
                 "spreadsheet or a separate file)").format(where=_line_col(text, pos))
    if char and char in "]}":
        back = pos - 1
        while back >= 0 and text[back] in " \t\r\n":
            back -= 1
        if back >= 0 and text[back] == ",":
            return _("{where}: a comma after the last item (before the \u201c{char}\u201d on "
                     "line {line}); remove that comma").format(
                         where=_line_col(text, back), char=char,
                         line=text.count(chr(10), 0, pos) + 1)
    if exc.msg.startswith("Expecting ',' delimiter"):
        back = pos - 1
        while back >= 0 and text[back] in " \t\r\n":
            back -= 1
        if back >= 0 and text[back] in CURLY_QUOTES:  # “text” ends a value
            return _("{where}: \u201c{char}\u201d is a curly (typographic) quote; JSON needs "
                     "straight double quotes (\")").format(where=_line_col(text, back),
                                                           char=text[back])
        return _("is not valid JSON ({problem} at {where}); a comma is probably missing at "
                 "the end of the line before").format(problem=exc.msg,
                                                      where=_line_col(text, pos))
    return _("is not valid JSON ({problem} at {where})").format(problem=exc.msg,
                                                                where=_line_col(text, pos))


def _too_big(size: int) -> str:
    return _("the file is too large ({size} MB); a resource pack is at most {limit} MB").format(
        size=f"{size / 1_048_576:.1f}", limit=MAX_PACK_BYTES // 1_048_576)


def read_pack_bytes(path: Path) -> bytes:
    """Read a pack file, refusing (before reading) anything over the size limit."""
    try:
        return read_capped(path, MAX_PACK_BYTES)
    except TooLarge as exc:
        raise PackInvalid([PackProblem("$", _too_big(exc.size))]) from None
    except Unreadable as exc:
        if exc.reason == "folder":
            raise PackInvalid([PackProblem("$", _("{path} is a folder, not a file").format(
                path=path))]) from None
        raise PackInvalid([PackProblem("$", _("could not be read ({problem})").format(
            problem=exc.detail))]) from None


def load_pack(path: Path, today: date | None = None) -> ResourcePack:
    """Read, parse and validate a pack file; raises PackInvalid listing every problem."""
    return parse_pack(read_pack_bytes(path), today)


def parse_pack(raw: bytes, today: date | None = None) -> ResourcePack:
    return validate_pack(parse_json(raw), today)


def looks_like_pack(raw: bytes) -> bool:
    """True if the bytes declare themselves a resource pack (used by `import --format auto`).

    A damaged pack still names its format near the top, so it is reported as an invalid pack
    rather than handed to the diary importers.
    """
    head = raw[:65536]
    if PACK_FORMAT.encode() in head:
        return True
    for codec in ("utf-16-le", "utf-16-be"):  # Notepad's "Unicode" (with or without BOM)
        if PACK_FORMAT.encode(codec) in head:
            return True
    return False


# -- validation -------------------------------------------------------------------------------


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if _IDENT_RE.match(key) else f"{path}[{json.dumps(key)}]"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


class _Checker:
    def __init__(self, today: date | None) -> None:
        self.today = today
        self.version = PACK_VERSION
        self.problems: list[PackProblem] = []

    def add(self, path: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(PackProblem(path, message))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(PackProblem("$", _("too many problems; stopped listing them")))

    def object_fields(self, obj: dict[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in getattr(obj, "duplicates", []):
            self.add(_key_path(path, key), _("appears more than once in the same object"))
        for key in obj:
            if key not in allowed:
                self.add(_key_path(path, key), _("unknown field (check the spelling); "
                                                 "allowed: {fields}").format(
                                                     fields=", ".join(allowed)))

    def text(self, obj: dict[str, Any], key: str, path: str, required: bool = False) -> str | None:
        """The string at obj[key] (None if missing or wrong, after reporting)."""
        where = _key_path(path, key)
        if key not in obj:
            if required:
                self.add(where, _("is required"))
            return None
        value = obj[key]
        if isinstance(value, NonFinite):
            self.add(where, _("{value} is not allowed (and must be text here)").format(
                value=value.text))
            return None
        if not isinstance(value, str):
            self.add(where, _("must be text, not {kind}").format(kind=_type_name(value)))
            return None
        return value


def validate_pack(obj: Any, today: date | None = None) -> ResourcePack:
    """Check a decoded pack; raises PackInvalid with every problem, else returns the pack."""
    check = _Checker(today)
    if not isinstance(obj, dict):
        check.add("$", _("a resource pack must be a JSON object, not {kind}").format(
            kind=_type_name(obj)))
        raise PackInvalid(check.problems)
    check.object_fields(obj, "$", TOP_FIELDS)

    fmt = check.text(obj, "format", "$", required=True)
    if fmt is not None and fmt != PACK_FORMAT:
        check.add("$.format", _("must be {expected}, not {given}").format(
            expected=repr(PACK_FORMAT), given=repr(fmt)))

    version = obj.get("version")
    if "version" not in obj:
        check.add("$.version", _("is required"))
    elif isinstance(version, NonFinite):
        check.add("$.version", _("{value} is not allowed; use {version}").format(
            value=version.text, version=PACK_VERSION))
    elif isinstance(version, bool) or not isinstance(version, int):
        check.add("$.version", _("must be a whole number, not {kind}").format(
            kind=_type_name(version)))
    elif version not in READ_VERSIONS:
        if version > PACK_VERSION:
            check.add("$.version", _("this pack uses format version {found}; this version of "
                                     "Selfcare reads versions up to {supported}. Update the "
                                     "app").format(found=version, supported=PACK_VERSION))
        else:
            check.add("$.version", _("must be {version} (or 1 for a pack without "
                                     "schedules)").format(version=PACK_VERSION))
    check.version = version if isinstance(version, int) and not isinstance(version, bool) \
        else PACK_VERSION

    campus = check.text(obj, "campus", "$", required=True)
    if campus is not None:
        campus, problem = check_name(campus)
        if problem:
            check.add("$.campus", problem.replace("a name is required", "can't be empty"))

    updated: date | None = None
    updated_text = check.text(obj, "updated", "$", required=True)
    if updated_text is not None:
        # Next term's edition may be dated ahead; a year and more ahead is a typo.
        ahead = today + timedelta(days=MAX_DAYS_AHEAD) if today is not None else None
        updated, problem = check_day(updated_text, ahead, "date")
        if problem:
            # check_day says "… is in the future"; for a pack's date that means too far ahead.
            check.add("$.updated", problem.replace(
                "is in the future", _("is more than {days} days ahead (a typo?)").format(
                    days=MAX_DAYS_AHEAD)))

    resources = _resources(check, obj)
    if check.problems:
        raise PackInvalid(check.problems)
    assert campus is not None and updated is not None
    return ResourcePack(campus=campus, updated=updated, resources=resources,
                        version=check.version)


def _resources(check: _Checker, obj: dict[str, Any]) -> tuple[PackResource, ...]:
    if "resources" not in obj:
        check.add("$.resources", _("is required"))
        return ()
    items = obj["resources"]
    if not isinstance(items, list):
        check.add("$.resources", _("must be a list, not {kind}").format(kind=_type_name(items)))
        return ()
    if not items:
        check.add("$.resources", _("is empty; a pack needs at least one resource"))
        return ()
    if len(items) > MAX_RESOURCES:
        check.add("$.resources", _("has {count} entries; at most {limit}").format(
            count=format_integer(len(items)), limit=format_integer(MAX_RESOURCES)))
        return ()
    out: list[PackResource] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        path = f"$.resources[{index}]"
        resource = _resource(check, item, path)
        if resource is None:
            continue
        if resource.key in seen:
            by_id = not resource.key.startswith("name:")
            check.add(path + (".id" if by_id else ".name"),
                      (_("same id as {other}; each resource needs its own") if by_id else
                       _("same name and category as {other}; each resource needs its own"))
                      .format(other=seen[resource.key]))
        else:
            seen[resource.key] = path
        out.append(resource)
    return tuple(out)


def _resource(check: _Checker, item: Any, path: str) -> PackResource | None:
    if not isinstance(item, dict):
        check.add(path, _("must be an object, not {kind}").format(kind=_type_name(item)))
        return None
    before = len(check.problems)
    check.object_fields(item, path, RESOURCE_FIELDS)

    rid = check.text(item, "id", path)
    if rid is not None and not _ID_RE.match(rid):
        check.add(f"{path}.id", _("must be 1-64 letters, digits, '.', '_' or '-', starting with "
                                  "a letter or digit"))

    name = check.text(item, "name", path, required=True)
    if name is not None:
        name, problem = check_name(name)
        if problem:
            check.add(f"{path}.name", problem)

    category = check.text(item, "category", path, required=True)
    if category is not None:
        code, problem = check_category(category)
        if problem or code != category.strip():
            check.add(f"{path}.category", problem or _("use the code {code}; categories are: "
                                                       "{codes}").format(
                                                           code=repr(code),
                                                           codes=", ".join(CATEGORIES)))
        category = code

    values: dict[str, str] = {}
    for field in TEXT_FIELDS:
        raw = check.text(item, field, path)
        if raw is None:
            values[field] = ""
            continue
        values[field], problem = check_field(field, raw)
        if problem:
            check.add(f"{path}.{field}", problem)

    verified: date | None = None
    verified_text = check.text(item, "verified_on", path)
    if verified_text is not None:
        verified, problem = check_day(verified_text, check.today, "date")
        if problem:
            check.add(f"{path}.verified_on", problem)

    schedule = _schedule(check, item, path)

    if len(check.problems) > before or name is None or category is None:
        return None
    key = rid if rid is not None else "name:" + f"{category}/{name}".casefold()
    data = ResourceData(name=name, category=category, verified_on=verified, schedule=schedule,
                        **values)
    return PackResource(key=key, data=data)


def _schedule(check: _Checker, item: dict[str, Any], path: str) -> tuple[Schedule, ...]:
    if "schedule" not in item:
        return ()
    where = f"{path}.schedule"
    if check.version < SCHEDULE_VERSION:
        check.add(where, _("needs \"version\": {version} at the top of the pack").format(
            version=SCHEDULE_VERSION))
        return ()
    items = item["schedule"]
    if not isinstance(items, list):
        check.add(where, _("must be a list of times, not {kind}").format(kind=_type_name(items)))
        return ()
    if len(items) > MAX_SCHEDULES:
        check.add(where, _("has {count} times; at most {limit}").format(count=len(items),
                                                                        limit=MAX_SCHEDULES))
        return ()
    out: list[Schedule] = []
    for index, raw in enumerate(items):
        at = f"{where}[{index}]"
        if not isinstance(raw, dict):
            check.add(at, _("must be an object, not {kind}").format(kind=_type_name(raw)))
            continue
        for key in getattr(raw, "duplicates", []):
            check.add(_key_path(at, key), _("appears more than once in the same object"))
        slot, problems = parse_schedule(raw)
        for field, message in problems:
            check.add(_key_path(at, field) if field else at, message)
        if slot is not None:
            out.append(slot)
    return tuple(out)


# -- quality warnings (the pack is valid; these are worth fixing before sending it) -----------

GROUP_CATEGORIES: Final = ("peer-support", "peer-learning")


def pack_warnings(pack: ResourcePack, today: date) -> list[PackProblem]:
    """Things a valid pack should still fix: stale checks, http links, crisis entries with no
    number, groups with no meeting times, a date ahead of today."""
    out: list[PackProblem] = []
    if pack.updated > today:
        out.append(PackProblem("$.updated", _(
            "{day} is ahead of today ({today}). That's fine for next term's edition, but a "
            "correction dated earlier won't replace it on students' computers").format(
                day=pack.updated.isoformat(), today=today.isoformat())))
    for index, item in enumerate(pack.resources):
        d, path = item.data, f"$.resources[{index}]"
        if is_stale(d.verified_on, today):
            assert d.verified_on is not None
            out.append(PackProblem(f"{path}.verified_on", _(
                "{name}: last checked {day}, over a year ago; check the details and update "
                "the date").format(name=d.name, day=d.verified_on.isoformat())))
        if d.url.casefold().startswith("http://"):
            out.append(PackProblem(f"{path}.url", _(
                "{name}: an http:// link is not encrypted; use https:// if the site supports "
                "it").format(name=d.name)))
        if d.category == "crisis" and not (d.phone or d.sms):
            out.append(PackProblem(path, _(
                "{name}: a crisis entry without a phone or text number; someone in crisis "
                "needs a number to call or text").format(name=d.name)))
        if d.category in GROUP_CATEGORIES and not d.meets and not d.schedule:
            text = (_("{name}: a group without \"meets\" or \"schedule\" (its times are in "
                      "\"hours\"; groups use \"meets\"); say when and where it meets")
                    if d.hours else
                    _("{name}: a group without \"meets\" or \"schedule\"; say when and where "
                      "it meets"))
            out.append(PackProblem(path, text.format(name=d.name)))
        for n, slot in enumerate(d.schedule):
            if slot.last_day() < today:
                out.append(PackProblem(f"{path}.schedule[{n}]", _("{name}: {times} is over")
                                       .format(name=d.name, times=slot.describe())))
    return out


def pack_to_json(pack: ResourcePack) -> dict[str, Any]:
    """The pack as JSON-ready data, fields in the documented order, empty fields left out."""
    resources: list[dict[str, Any]] = []
    for item in pack.resources:
        d = item.data
        entry: dict[str, Any] = {}
        if not item.key.startswith("name:"):
            entry["id"] = item.key
        entry["name"] = d.name
        entry["category"] = d.category
        for field in TEXT_FIELDS:
            if getattr(d, field):
                entry[field] = getattr(d, field)
        if d.verified_on is not None:
            entry["verified_on"] = d.verified_on.isoformat()
        if d.schedule:
            entry["schedule"] = [slot.to_json() for slot in d.schedule]
        resources.append(entry)
    has_schedule = any(item.data.schedule for item in pack.resources)
    return {"format": PACK_FORMAT, "version": PACK_VERSION if has_schedule else 1,
            "campus": pack.campus, "updated": pack.updated.isoformat(), "resources": resources}
