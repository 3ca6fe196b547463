"""Selfcare's own CSV: one row per day, a header row, safe to open in a spreadsheet.

Columns: day, stress, sleep_hours, study_hours, mood, energy, social, tags, note, practices.
- Tags (and practices) are joined with ';' (a ';' or '\\' inside one is escaped with a
  backslash). The practices column is optional when reading (files from before it existed).
- Any cell beginning with = + - @, a tab or a carriage return is neutralised with a leading
  apostrophe so a spreadsheet shows it as text instead of running it as a formula (CSV
  injection); a cell that itself begins with an apostrophe gets one more, so reading the file
  back removes exactly one and nothing is lost.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Final

from selfcare_app.core.entry import NUMERIC_FIELDS, DailyEntry, EntryValidationError, validate_entry
from selfcare_app.core.exchange import (
    MAX_FIELD_BYTES,
    FileFormatError,
    IncomingEntry,
    Rejection,
    RowsRejectedError,
    duplicate_day_rejection,
    short,
)
from selfcare_app.i18n import _, ngettext

HEADER: Final[tuple[str, ...]] = ("day", *(f.name for f in NUMERIC_FIELDS), "tags", "note",
                                  "practices")
_DANGEROUS: Final = ("=", "+", "-", "@", "\t", "\r")
TAG_SEPARATOR: Final = ";"


def neutralise(cell: str) -> str:
    """Prefix a cell a spreadsheet might run as a formula (or one starting with ')."""
    if cell.startswith(_DANGEROUS) or cell.startswith("'"):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def join_tags(tags: Iterable[str]) -> str:
    return TAG_SEPARATOR.join(t.replace("\\", "\\\\").replace(";", "\\;") for t in tags)


def split_tag_cell(cell: str) -> list[str]:
    tags: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == TAG_SEPARATOR:
            tags.append("".join(current))
            current = []
        else:
            current.append(ch)
    tags.append("".join(current))
    return [t for t in tags if t.strip()]


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def entry_row(entry: DailyEntry) -> list[str]:
    return [
        entry.day.isoformat(),
        *(_number(getattr(entry, f.name)) for f in NUMERIC_FIELDS),
        neutralise(join_tags(entry.tags)),
        neutralise(entry.note),
        neutralise(join_tags(entry.practices)),
    ]


def write_csv(entries: Iterable[DailyEntry]) -> str:
    """The whole file as text (UTF-8 with a BOM is added by the writer, for spreadsheets)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for entry in entries:
        writer.writerow(entry_row(entry))
    return buf.getvalue()


# -- reading ---------------------------------------------------------------------------------


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) per record; a malformed file raises FileFormatError."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FileFormatError(_csv_problem(str(exc), reader.line_num or start)) from None
        line = reader.line_num
        if any(len(cell.encode("utf-8", "surrogatepass")) > MAX_FIELD_BYTES for cell in row):
            raise FileFormatError(
                _("Line {line} has a field longer than {limit} KB; nothing was imported.")
                .format(line=start, limit=MAX_FIELD_BYTES // 1024))
        if row == [] or all(not c.strip() for c in row):
            continue  # blank lines are ignored
        yield start, row


def _csv_problem(detail: str, line: int) -> str:
    if "field larger than field limit" in detail:
        return _("Line {line} has a field longer than {limit} KB (perhaps a missing closing "
                 "quote); nothing was imported.").format(line=line,
                                                         limit=MAX_FIELD_BYTES // 1024)
    if "unexpected end of data" in detail or "EOF" in detail:
        return _("The file ends inside a quoted field that starts at or before line {line} "
                 "(a closing quote is missing); nothing was imported.").format(line=line)
    return _("Line {line} is not valid CSV ({detail}); nothing was imported.").format(
        line=line, detail=detail)


def cells_problem(cells: int, columns: int) -> str:
    """A row whose cell count doesn't match the header."""
    return ngettext("has {cells} cell but the header has {columns} columns.",
                    "has {cells} cells but the header has {columns} columns.", cells).format(
                        cells=cells, columns=columns)


def header_map(header: list[str], allowed: tuple[str, ...], required: tuple[str, ...],
               what: str) -> dict[str, int]:
    """Column name → index; unknown, repeated or missing columns raise FileFormatError."""
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h not in allowed]
    if unknown:
        # Translators: {kind} is a file kind such as "Selfcare CSV" or "Daylio".
        raise FileFormatError(ngettext(
            "The {kind} file has a column this app doesn't know: {columns}. Expected columns: "
            "{expected}. Nothing was imported.",
            "The {kind} file has columns this app doesn't know: {columns}. Expected columns: "
            "{expected}. Nothing was imported.", len(unknown)).format(
                kind=what, columns=", ".join(f"'{short(h)}'" for h in unknown),
                expected=", ".join(allowed)))
    repeated = sorted({h for h in names if names.count(h) > 1})
    if repeated:
        raise FileFormatError(ngettext(
            "Column {columns} appears more than once in the header; nothing was imported.",
            "Columns {columns} appear more than once in the header; nothing was imported.",
            len(repeated)).format(columns=", ".join(repeated)))
    missing = [h for h in required if h not in names]
    if missing:
        raise FileFormatError(
            _("The {kind} file has no '{column}' column; nothing was imported.").format(
                kind=what, column=missing[0]))
    return {name: i for i, name in enumerate(names)}


def parse_csv(text: str, today: date) -> list[IncomingEntry]:
    """Parse our own CSV completely; any rejected row raises RowsRejectedError (all listed)."""
    rows = csv_rows(text)
    first = next(rows, None)
    if first is None:
        raise FileFormatError(_("The file is empty; nothing was imported."))
    columns = header_map(first[1], HEADER, ("day",), "Selfcare CSV")
    entries: list[IncomingEntry] = []
    rejections: list[Rejection] = []
    seen: dict[date, str] = {}
    total = 0
    for line, row in rows:
        total += 1
        where = _("line {number}").format(number=line)
        if len(row) != len(columns):
            rejections.append(Rejection(where, cells_problem(len(row), len(columns))))
            continue
        values: dict[str, object] = {
            name: row[i] for name, i in columns.items()
            if name not in ("tags", "note", "practices")
        }
        if "tags" in columns:
            values["tags"] = split_tag_cell(unneutralise(row[columns["tags"]]))
        if "note" in columns:
            values["note"] = unneutralise(row[columns["note"]])
        if "practices" in columns:
            values["practices"] = split_tag_cell(unneutralise(row[columns["practices"]]))
        try:
            entry = validate_entry(values, today)
        except EntryValidationError as exc:
            rejections.append(Rejection(where, exc.one_line()))
            continue
        if entry.day in seen:
            rejections.append(duplicate_day_rejection(where, entry.day, seen[entry.day]))
            continue
        seen[entry.day] = where
        entries.append(IncomingEntry(entry, where))
    if rejections:
        raise RowsRejectedError(rejections, total)
    if total == 0:
        raise FileFormatError(_("The file has a header row but no entries; nothing was "
                                "imported."))
    return entries
