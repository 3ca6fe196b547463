"""A campus pack from a spreadsheet: one row per resource, columns named like the pack's fields.

Centres keep their lists in Excel; "Save as CSV" gives UTF-8 (with or without a BOM), UTF-16
("Unicode text") or Windows-1252 ("CSV (Comma delimited)" on Windows), with commas, semicolons
(European Excel) or tabs. All are read. Each row is checked with the same rules as a pack, and a
problem is named by row and column ("row 7 (Night line), column url: ...").

Columns (header row, any case; only `name` and `category` are required): see CSV_COLUMNS and
docs/resource-pack.md. A row may carry one schedule: `weekday`, `start`, `end`, `term_start`,
`term_end` for a weekly meeting, or `date`, `start`, `end` for a single event.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from selfcare_app.core.resource import TEXT_FIELDS, category_from_text
from selfcare_app.core.resource_pack import (
    PACK_FORMAT,
    PACK_VERSION,
    PackInvalid,
    PackProblem,
    ResourcePack,
    utf16_without_bom,
    validate_pack,
)
from selfcare_app.core.schedule import SCHEDULE_FIELDS
from selfcare_app.core.strict_reader import CSV_PACK_MAX_BYTES
from selfcare_app.i18n import N_, _, ngettext

CSV_COLUMNS: Final[tuple[str, ...]] = (
    "id", "name", "category", *TEXT_FIELDS, "verified_on", *SCHEDULE_FIELDS,
)
# Headers people write instead of the field names.
ALIASES: Final[dict[str, str]] = {
    "text": "sms", "text_number": "sms", "sms_number": "sms", "website": "url", "link": "url",
    "web": "url", "e_mail": "email", "email_address": "email", "phone_number": "phone",
    "telephone": "phone", "location": "address", "opening_hours": "hours",
    "verified": "verified_on", "last_verified": "verified_on", "day": "weekday",
}
MAX_CSV_BYTES: Final = CSV_PACK_MAX_BYTES  # the limits live in core.strict_reader
_PATH_RE: Final = re.compile(r"^\$\.resources\[(\d+)\](?:\.schedule\[\d+\])?(?:\.(\w+))?")


RESOURCE_LIST_HINT: Final = N_(
    "This looks like a campus resource list (a spreadsheet with name and category columns), "
    "not diary data. Counseling centres turn it into a pack with: selfcare-app pack from-csv "
    "FILE.csv --campus \"CAMPUS\" --updated YYYY-MM-DD -o PACK.json. Nothing was imported.")


def looks_like_resource_list(raw: bytes) -> bool:
    """A spreadsheet of campus resources (name and category columns), in any encoding; the
    app's import dialog and `selfcare-app import` both point it to `pack from-csv`."""
    text, _ = decode_csv(raw[:65536])
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    cells = {column_name(c.strip().strip('"')) for c in re.split(r"[,;\t]", first)}
    return {"name", "category"} <= cells


@dataclass
class CsvPack:
    """The outcome of reading a spreadsheet: the pack, or every problem (by row and column)."""

    encoding: str
    pack: ResourcePack | None = None
    problems: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # spreadsheet row of each resource


def decode_csv(raw: bytes) -> tuple[str, str]:
    """(text, what it was saved as): UTF-8 (BOM or not), UTF-16 (BOM or not), else
    Windows-1252, the "ANSI" of Excel on Windows."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace"), "UTF-16"
    codec16 = utf16_without_bom(raw)
    if codec16 is not None:
        return raw.decode(codec16, errors="replace"), "UTF-16 (no BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def column_name(header: str) -> str:
    key = header.strip().strip("\ufeff").casefold()
    key = re.sub(r"[\s\-/]+", "_", key)
    return ALIASES.get(key, key)


def pack_from_csv(raw: bytes, campus: str, updated: str, today: date | None) -> CsvPack:
    """Read a spreadsheet into a pack, checking it with the pack rules."""
    text, encoding = decode_csv(raw)
    result = CsvPack(encoding=encoding)
    if len(raw) > MAX_CSV_BYTES:
        result.problems.append(_("the file is too large ({size} MB); at most {limit} MB").format(
            size=f"{len(raw) / 1_048_576:.1f}", limit=MAX_CSV_BYTES // 1_048_576))
        return result
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        result.problems.append(_("the file is empty; the first row names the columns "
                                 "(name, category, phone, ...)"))
        return result
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except csv.Error as exc:
        result.problems.append(_("row 1: can't be read as a spreadsheet row ({problem})").format(
            problem=exc))
        return result
    columns = [column_name(h) for h in header]
    unknown = [h for h, c in zip(header, columns, strict=True)
               if c and c not in CSV_COLUMNS]
    if unknown:
        result.problems.append(ngettext(
            "row 1: unknown column {names}; columns are: {columns}",
            "row 1: unknown columns {names}; columns are: {columns}", len(unknown)).format(
                names=", ".join(repr(h.strip()) for h in unknown),
                columns=", ".join(CSV_COLUMNS)))
    for needed in ("name", "category"):
        if needed not in columns:
            result.problems.append(_("row 1: a {column} column is required").format(
                column=repr(needed)))
    seen: set[str] = set()
    for c in columns:
        if c and c in seen:
            result.problems.append(_("row 1: the column {column} appears twice").format(
                column=repr(c)))
        seen.add(c)
    if result.problems:
        return result

    resources: list[dict[str, Any]] = []
    names: list[str] = []
    previous_end = reader.line_num
    try:
        for row in reader:
            start_row, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns):]):
                result.problems.append(_("row {row}: has more cells than there are columns (a "
                                         "stray separator?)").format(row=start_row))
                continue
            values = {c: cell for c, cell in zip(columns, row, strict=False) if c}
            resources.append(_resource(values))
            names.append(values.get("name", "").strip())
            result.rows.append(start_row)
    except csv.Error as exc:
        result.problems.append(_("row {row}: can't be read ({problem})").format(
            row=reader.line_num, problem=exc))
        return result
    if result.problems:
        return result
    obj = {"format": PACK_FORMAT, "version": PACK_VERSION, "campus": campus,
           "updated": updated, "resources": resources}
    try:
        result.pack = validate_pack(obj, today)
    except PackInvalid as exc:
        result.problems = [_where(p, result.rows, names) for p in exc.problems]
    return result


def _resource(values: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in ("id", "name", "category", *TEXT_FIELDS, "verified_on"):
        cell = values.get(column, "")
        if cell.strip():
            out[column] = cell.strip() if column != "description" else cell
    if "category" in out:
        # A spreadsheet may say "Peer support" or "Crisis and after-hours": use the code.
        out["category"] = category_from_text(out["category"]) or out["category"]
    slot = {k: values[k].strip() for k in SCHEDULE_FIELDS if values.get(k, "").strip()}
    if slot:
        out["schedule"] = [slot]
    return out


def _where(problem: PackProblem, rows: list[int], names: list[str]) -> str:
    """'$.resources[3].url' → 'row 5 (Night line), column url'."""
    if problem.path == "$.campus":
        return f"--campus: {problem.message}"
    if problem.path == "$.updated":
        return f"--updated: {problem.message}"
    match = _PATH_RE.match(problem.path)
    if match is None:
        return str(problem)
    index = int(match.group(1))
    row = rows[index] if index < len(rows) else index + 2
    name = names[index] if index < len(names) else ""
    column = match.group(2)
    if column:
        where = (_("row {row} ({name}), column {column}") if name else
                 _("row {row}, column {column}")).format(row=row, name=name, column=column)
    else:
        where = (_("row {row} ({name})") if name else _("row {row}")).format(row=row, name=name)
    message = problem.message
    if "YYYY-MM-DD" in message and "/" in message:
        message += " " + _("(a spreadsheet may have changed the date's format: format the "
                           "column as text, or type dates as 2026-09-01)")
    return _("{where}: {problem}").format(where=where, problem=message)
