"""What every importer shares: typed errors, safe decoding, the report, and conflict handling.

Importers are all-or-nothing: a file is parsed and validated completely before the vault is
touched, and any problem (a bad byte, an unknown column, one rejected row) means nothing is
imported. Every problem is described precisely (line number, column, value) in words a student
can act on, and never echoes more of the student's own text than needed to find the line.

Only `ImportFileError` and its subclasses leave a parser; property tests hold them to that.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Final

from selfcare_app.core.entry import (
    MAX_NOTE_CHARS,
    NUMERIC_FIELDS,
    DailyEntry,
    EntryValidationError,
    entry_to_values,
    validate_entry,
)
from selfcare_app.core.formatting import decimal_sign, format_integer
from selfcare_app.core.strict_reader import IMPORT_MAX_BYTES
from selfcare_app.i18n import _, ngettext

# Refused by size before a byte is read: far above any real export (ten years of daily
# entries with long notes is a few MB), far below what would strain memory.
MAX_IMPORT_BYTES: Final = IMPORT_MAX_BYTES  # the limits live in core.strict_reader
# A single CSV field may be at most this long (Python's csv limit; notes are ≤ 20,000 chars).
MAX_FIELD_BYTES: Final = 128 * 1024
# At most this many rejected rows are listed one by one; the rest are counted.
MAX_LISTED_REJECTIONS: Final = 50
FORMATS: Final = ("auto", "json", "csv", "daylio")


class ImportFileError(Exception):
    """The file can't be imported, so nothing was imported. `str()` is one plain sentence.

    This is the base of every error an importer raises on bad input (our "ImportError").
    """

    exit_code = 5


class FileTooLargeError(ImportFileError):
    pass


class FileEncodingError(ImportFileError):
    pass


class FileFormatError(ImportFileError):
    pass


@dataclass(frozen=True)
class Rejection:
    """One row (or record) that could not be imported: where it is and why."""

    where: str  # "line 12" for CSV, "entries[3]" for JSON
    message: str

    def text(self) -> str:
        return _("{where}: {problem}").format(where=self.where, problem=self.message)


class RowsRejectedError(ImportFileError):
    """Some rows are invalid; each is listed, and nothing was imported."""

    def __init__(self, rejections: Sequence[Rejection], total: int) -> None:
        self.rejections: tuple[Rejection, ...] = tuple(rejections)
        self.total = total
        n = len(self.rejections)
        first = self.rejections[0].text() if self.rejections else ""
        super().__init__(ngettext(
            "{count} of {total} row could not be imported, so nothing was imported "
            "(first: {first}).",
            "{count} of {total} rows could not be imported, so nothing was imported "
            "(first: {first}).", total).format(count=n, total=total, first=first))

    def lines(self, limit: int = MAX_LISTED_REJECTIONS) -> list[str]:
        shown = [r.text() for r in self.rejections[:limit]]
        if len(self.rejections) > limit:
            shown.append(_("… and {count} more.").format(count=len(self.rejections) - limit))
        return shown


class UnknownMoodLabelsError(ImportFileError):
    """Daylio moods with custom names that have no value on our 0–10 scale yet."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels: tuple[str, ...] = tuple(labels)
        listed = ", ".join(f"'{label}'" for label in self.labels)
        example = ",".join(f"{label}=5" for label in self.labels[:2])
        super().__init__(
            _("These mood names have no value on the 0–10 mood scale: {names}. Give each a "
              "value, e.g. --mood-map \"{example}\"; nothing was imported.").format(
                  names=listed, example=example))


class OnConflict(StrEnum):
    """What to do when the vault already has different data for the same day or record."""

    KEEP = "keep"  # keep what is in the vault (the safe default)
    REPLACE = "replace"  # the imported version replaces it
    MERGE = "merge"  # fill in what the vault is missing; join notes and tags


# -- decoding ------------------------------------------------------------------------------


def check_size(size: int, limit: int = MAX_IMPORT_BYTES) -> None:
    """Refuse a file by its size alone, before reading it (memory stays bounded)."""
    if size > limit:
        raise FileTooLargeError(
            _("The file is {size} MB; files up to {limit} MB can be imported. Nothing was "
              "imported.").format(size=f"{size / 1_048_576:.1f}".replace(".", decimal_sign()),
                                  limit=format_integer(round(limit / 1_048_576))))


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is accepted and dropped), or a precise ImportFileError."""
    check_size(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileEncodingError(
            _("The file is saved as UTF-16; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8') "
              "and try again. Nothing was imported."))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise FileFormatError(_("The file is empty; nothing was imported."))
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FileEncodingError(
            _("The file contains a NUL byte on line {line}, so it is not a text file "
              "(CSV or JSON). Nothing was imported.").format(line=line))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileEncodingError(
            _("The file is not UTF-8 text: byte {byte} on line {line} can't be read. Save it "
              "as UTF-8 (in a spreadsheet: 'CSV UTF-8') and try again. Nothing was "
              "imported.").format(byte=f"0x{data[exc.start]:02X}", line=line)) from None


def detect_format(text: str) -> str:
    """'json', 'csv' (our own) or 'daylio', from the content; raises FileFormatError."""
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return "json"
    first = head.splitlines()[0] if head else ""
    cells = [c.strip().strip('"').strip().lower() for c in first.split(",")]
    if cells and cells[0] == "day":
        return "csv"
    if "mood" in cells and "activities" in cells and cells[0] in ("full_date", "year"):
        return "daylio"
    raise FileFormatError(_(
        "The file's format was not recognised: expected a Selfcare JSON export, a Selfcare "
        "CSV export (first column 'day') or a Daylio CSV export (first column 'full_date' or "
        "'year'). Nothing was imported."
    ))


def short(text: str, limit: int = 30) -> str:
    """A value as quoted in an error message: trimmed, control characters shown safely."""
    cleaned = "".join(
        "�" if unicodedata.category(ch).startswith("C") else ch for ch in text.strip()
    )
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


# -- the incoming data and the report ------------------------------------------------------


@dataclass(frozen=True)
class IncomingEntry:
    """A validated entry from the file and where it came from (for messages)."""

    entry: DailyEntry
    where: str


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    conflicts: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.added + other.added, self.updated + other.updated,
                      self.skipped + other.skipped, self.conflicts + other.conflicts)

    def text(self) -> str:
        return ngettext("{added} added, {updated} updated, {skipped} skipped, {conflicts} "
                        "conflict",
                        "{added} added, {updated} updated, {skipped} skipped, {conflicts} "
                        "conflicts", self.conflicts).format(
                            added=self.added, updated=self.updated, skipped=self.skipped,
                            conflicts=self.conflicts)


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do), per kind of record."""

    source_format: str
    dry_run: bool
    on_conflict: OnConflict
    counts: dict[str, Counts] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        total = Counts()
        for c in self.counts.values():
            total = total + c
        return total

    def lines(self) -> list[str]:
        head = (_("Would import ({format}, on conflict: {policy}): {counts}.") if self.dry_run
                else _("Imported ({format}, on conflict: {policy}): {counts}."))
        out = [head.format(format=self.source_format, policy=self.on_conflict.value,
                           counts=self.total.text())]
        for kind, c in self.counts.items():
            if c != Counts():
                out.append(f"  {kind}: {c.text()}")
        out.extend(self.notices)
        if self.dry_run:
            out.append(_("Dry run: nothing was changed."))
        return out


# -- conflicts -------------------------------------------------------------------------------


def merge_entries(existing: DailyEntry, incoming: DailyEntry) -> DailyEntry:
    """Fill in the vault's empty fields from the import; join tags, practices and notes.

    Values the student already has are never overwritten.
    """
    changes: dict[str, object] = {}
    for spec in NUMERIC_FIELDS:
        if getattr(existing, spec.name) is None and getattr(incoming, spec.name) is not None:
            changes[spec.name] = getattr(incoming, spec.name)
    tags = list(existing.tags)
    known = {t.casefold() for t in tags}
    for tag in incoming.tags:
        if tag.casefold() not in known:
            known.add(tag.casefold())
            tags.append(tag)
    changes["tags"] = tuple(tags)
    practices = list(existing.practices)
    done = {p.casefold() for p in practices}
    for practice in incoming.practices:
        if practice.casefold() not in done:
            done.add(practice.casefold())
            practices.append(practice)
    changes["practices"] = tuple(practices)
    note_a, note_b = existing.note.strip(), incoming.note.strip()
    if note_b and note_b not in note_a:
        changes["note"] = f"{existing.note.rstrip()}\n\n{incoming.note.strip()}" if note_a \
            else incoming.note
    return replace(existing, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class EntryPlan:
    """Entries to write, with the counts and the rows that can't be applied."""

    to_write: tuple[DailyEntry, ...]
    counts: Counts
    rejections: tuple[Rejection, ...]


def plan_entries(incoming: Iterable[IncomingEntry], existing: Mapping[date, DailyEntry],
                 policy: OnConflict, today: date) -> EntryPlan:
    """Decide, per day, whether to add, update or skip; pure, so a dry run sees the same plan.

    Added entries keep the timestamps from the file (a JSON export carries them); updated ones
    keep the vault's created_at and get a fresh updated_at when written.
    """
    counts = Counts()
    out: list[DailyEntry] = []
    rejections: list[Rejection] = []
    for item in incoming:
        new = item.entry
        old = existing.get(new.day)
        if old is None:
            counts.added += 1
            out.append(new)
            continue
        if old == new:
            counts.skipped += 1
            continue
        counts.conflicts += 1
        if policy is OnConflict.KEEP:
            counts.skipped += 1
            continue
        if policy is OnConflict.REPLACE:
            candidate = replace(new, created_at=old.created_at, updated_at=None)
        else:
            merged = merge_entries(old, new)
            if merged == old:
                counts.skipped += 1
                continue
            try:
                merged = validate_entry(entry_to_values(merged), today)
            except EntryValidationError as exc:
                rejections.append(Rejection(
                    item.where, _("merging with your entry for {day} would not be a valid "
                                  "entry: {problem}").format(day=new.day,
                                                             problem=exc.one_line())))
                continue
            candidate = replace(merged, created_at=old.created_at, updated_at=None)
        counts.updated += 1
        out.append(candidate)
    return EntryPlan(tuple(out), counts, tuple(rejections))


def join_notes(parts: Iterable[str]) -> str:
    """Several notes of one day, in order, separated by a blank line."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def note_too_long(note: str) -> bool:
    return len(note) > MAX_NOTE_CHARS


def duplicate_day_rejection(where: str, day: date, first_where: str) -> Rejection:
    return Rejection(where, _("{day} appears more than once (also {where}).").format(
        day=day.isoformat(), where=first_where))
