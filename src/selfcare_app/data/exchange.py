"""Export and import against the vault: reading every table, writing a plaintext file
atomically, and applying an import in one transaction.

Parsing and validation are pure (core.csv_format, core.daylio, core.json_format); this module
holds no SQL: each record is read and written by its own repository (data/entries.py,
assessments.py, findings.py, resources.py, people.py, settings.py). An import is planned from
a snapshot read inside the same write transaction that applies it, so it is all-or-nothing; a
dry run computes the same plan and writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.atomic import atomic_write
from selfcare_app.core.alerts import QuietPeriod
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.csv_format import parse_csv, write_csv
from selfcare_app.core.daylio import parse_daylio
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.exchange import (
    MAX_IMPORT_BYTES,
    Counts,
    FileFormatError,
    ImportFileError,
    ImportReport,
    OnConflict,
    RowsRejectedError,
    check_size,
    decode_text,
    detect_format,
    plan_entries,
)
from selfcare_app.core.json_format import build_document, dumps, parse_document
from selfcare_app.core.people import Person
from selfcare_app.core.records import (
    FindingRecord,
    ImportBundle,
    SafetyEventRecord,
    assessment_key,
    plan_records,
    plan_settings,
    quiet_period_key,
    user_resource_key,
)
from selfcare_app.core.resource import Resource
from selfcare_app.core.strict_reader import TooLarge, Unreadable, read_capped
from selfcare_app.data import assessments, entries, findings, people, resources, settings
from selfcare_app.i18n import N_

if TYPE_CHECKING:
    import sqlcipher3

    from selfcare_app.data.vault import Vault

UNENCRYPTED_WARNING: Final = N_(
    "This file is not encrypted: anyone who can open it can read what is in it. Keep it "
    "somewhere private and delete it when you no longer need it."
)


# -- reading the vault -----------------------------------------------------------------------


@dataclass
class VaultContents:
    entries: list[DailyEntry] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    findings: list[FindingRecord] = field(default_factory=list)
    safety_events: list[SafetyEventRecord] = field(default_factory=list)
    quiet_periods: list[QuietPeriod] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)


def read_all(vault: Vault) -> VaultContents:
    """Everything an export holds (the student's own resources only; packs come from packs)."""
    return VaultContents(
        entries=vault.entries.all(), assessments=vault.assessments.list(),
        findings=vault.findings.records(), safety_events=vault.safety_events.records(),
        quiet_periods=vault.quiet_periods.list(), resources=vault.resources.own(),
        settings=vault.settings.stored(), people=vault.people.list(),
    )


@dataclass
class SummaryInputs:
    """Everything the counselor summary may draw on (the student chooses what is shown)."""

    entries: list[DailyEntry]
    assessments: list[Assessment]
    findings: list[FindingRecord]
    safety_events: list[SafetyEventRecord]
    display_name: str


def load_summary_inputs(vault: Vault) -> SummaryInputs:
    return SummaryInputs(vault.entries.all(), vault.assessments.list(), vault.findings.records(),
                         vault.safety_events.records(),
                         str(vault.settings.get("display_name") or ""))


# -- export ------------------------------------------------------------------------------------


def export_json_bytes(vault: Vault, app_version: str, now: datetime | None = None) -> bytes:
    c = read_all(vault)
    doc = build_document(
        entries=c.entries, assessments=c.assessments, findings=c.findings,
        safety_events=c.safety_events, quiet_periods=c.quiet_periods, resources=c.resources,
        settings=c.settings, app_version=app_version,
        exported_at=now or datetime.now(UTC).replace(microsecond=0), people=c.people,
    )
    return dumps(doc).encode("utf-8")


def export_csv_bytes(vault: Vault) -> bytes:
    # A BOM so that spreadsheet programs read the file as UTF-8.
    return b"\xef\xbb\xbf" + write_csv(vault.entries.all()).encode("utf-8")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int
    size: int


def export_to_file(vault: Vault, path: Path, fmt: str, app_version: str) -> ExportResult:
    """Write a JSON (everything) or CSV (daily entries) export atomically."""
    if fmt == "json":
        data = export_json_bytes(vault, app_version)
    elif fmt == "csv":
        data = export_csv_bytes(vault)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    atomic_write(path, data)
    return ExportResult(path, vault.entries.count(), len(data))


# -- import ------------------------------------------------------------------------------------


def read_import_file(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The file's bytes; refused by its size before anything is read (memory stays bounded).
    The reading is core.strict_reader's; the words are an import's."""
    try:
        return read_capped(path, limit)
    except TooLarge as exc:
        check_size(exc.size, exc.limit)  # raises FileTooLargeError, worded for an import
        raise
    except Unreadable as exc:
        if exc.reason == "folder":
            raise FileFormatError(f"{path} is a folder, not a file; nothing was imported.") \
                from None
        if exc.reason == "missing":
            raise FileFormatError(f"There is no file at {path}; nothing was imported.") \
                from None
        if exc.reason == "permission":
            raise FileFormatError(f"{path} can't be read (permission denied); nothing was "
                                  "imported.") from None
        raise FileFormatError(f"{path} can't be read ({exc.detail}); nothing was "
                              "imported.") from None


def parse_import(data: bytes, fmt: str, today: date,
                 mood_map: Mapping[str, int] | None = None) -> ImportBundle:
    """Bytes → a validated bundle; raises only ImportFileError subclasses on bad input."""
    text = decode_text(data)
    kind = detect_format(text) if fmt == "auto" else fmt
    if kind == "json":
        return parse_document(text, today)
    if kind == "csv":
        return ImportBundle("Selfcare CSV", entries=parse_csv(text, today))
    if kind == "daylio":
        return ImportBundle("Daylio CSV", entries=parse_daylio(text, today, mood_map))
    raise FileFormatError(f"Unknown import format '{fmt}'.")


Step = Callable[["sqlcipher3.Connection"], None]


@dataclass
class _Plan:
    report: ImportReport
    apply: list[Step] = field(default_factory=list)


def _plan(vault: Vault, bundle: ImportBundle, policy: OnConflict, today: date,
          dry_run: bool) -> _Plan:
    """What an import would do, from what the vault holds now; each step writes through the
    record's own repository."""
    report = ImportReport(bundle.source_format, dry_run, policy)
    plan = _Plan(report)
    stamp = datetime.now(UTC).replace(microsecond=0)
    text_stamp = stamp.isoformat()

    existing = {e.day: e for e in vault.entries.all()}
    entry_plan = plan_entries(bundle.entries, existing, policy, today)
    if entry_plan.rejections:
        raise RowsRejectedError(entry_plan.rejections, len(bundle.entries))
    report.counts["entries"] = entry_plan.counts
    plan.apply.append(lambda c: entries.write_imported(c, entry_plan.to_write, stamp))

    if bundle.assessments:
        ap = plan_records([a for a, _ in bundle.assessments], vault.assessments.list(),
                          assessment_key, lambda a: a.id, policy)
        report.counts["self-checks"] = ap.counts
        plan.apply.append(lambda c: assessments.write_imported(c, ap.inserts, ap.updates))

    if bundle.findings:
        fp = plan_records([f for f, _ in bundle.findings], vault.findings.records(),
                          FindingRecord.key, lambda f: f.id, policy)
        report.counts["findings"] = fp.counts
        plan.apply.append(lambda c: findings.write_imported(c, fp.inserts, fp.updates,
                                                            text_stamp))

    if bundle.safety_events:
        sp = plan_records([s for s, _ in bundle.safety_events], vault.safety_events.records(),
                          SafetyEventRecord.key, lambda s: s.id, policy)
        report.counts["safety events"] = sp.counts
        plan.apply.append(lambda c: assessments.write_imported_events(c, sp.inserts,
                                                                      sp.updates))

    if bundle.quiet_periods:
        qp = plan_records([q for q, _ in bundle.quiet_periods], vault.quiet_periods.list(),
                          quiet_period_key, lambda q: q.id, policy)
        report.counts["quiet periods"] = qp.counts
        plan.apply.append(lambda c: findings.write_imported_quiet(c, qp.inserts, qp.updates))

    if bundle.resources:
        rp = plan_records([r for r, _ in bundle.resources], vault.resources.own(),
                          user_resource_key, lambda r: r.id or None, policy)
        report.counts["resources"] = rp.counts
        plan.apply.append(lambda c: resources.write_imported(c, rp.inserts, rp.updates,
                                                             text_stamp))

    if bundle.people:
        pp = plan_records([p for p, _ in bundle.people], vault.people.list(), Person.key,
                          lambda p: p.id, policy)
        report.counts["people"] = pp.counts
        plan.apply.append(lambda c: people.write_imported(c, pp.inserts, pp.updates,
                                                          text_stamp))

    if bundle.settings:
        to_set, counts = plan_settings(bundle.settings, vault.settings.stored(), policy)
        report.counts["settings"] = counts
        plan.apply.append(lambda c: settings.write_imported(c, to_set))
    return plan


def apply_import(vault: Vault, bundle: ImportBundle, policy: OnConflict, today: date,
                 dry_run: bool = False) -> ImportReport:
    """Apply a validated bundle in one transaction (all or nothing); a dry run only plans."""
    if dry_run:
        return _plan(vault, bundle, policy, today, True).report
    with vault.transaction() as con:
        plan = _plan(vault, bundle, policy, today, False)
        for step in plan.apply:
            step(con)
    return plan.report


def import_file(vault: Vault, path: Path, fmt: str, policy: OnConflict, today: date,
                dry_run: bool = False,
                mood_map: Mapping[str, int] | None = None) -> ImportReport:
    """Read, parse, validate and apply; raises ImportFileError subclasses on bad input."""
    bundle = parse_import(read_import_file(path), fmt, today, mood_map)
    return apply_import(vault, bundle, policy, today, dry_run)


__all__ = [
    "UNENCRYPTED_WARNING", "Counts", "ExportResult", "ImportFileError", "VaultContents",
    "apply_import", "atomic_write", "export_to_file", "import_file", "parse_import",
    "load_summary_inputs", "read_all", "read_import_file",
]
