"""The optional "Patterns" section of the counselor summary (off by default), built from the
same comparisons as the Patterns tab (core/insights.py), as plain Paragraph and Table blocks so
the PDF layout needs nothing new.

Wiring (in core/summary.py): SECTIONS gets `SECTION_ID: SECTION_TITLE` (not in
DEFAULT_SECTIONS), and compose_summary calls `patterns_section(in_range, start, end)` for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.insights import MIN_DAYS_PER_GROUP, OUTCOME_LABELS, analyse, factor_text

SECTION_ID: Final = "patterns"
SECTION_TITLE: Final = "Patterns in the daily log"
LEAD: Final = (
    "Days with and without each tag or self-care practice, and days after more or less sleep "
    "than the student's own median, compared within this range. Differences are in means, "
    "with intervals adjusted for the number of comparisons (Benjamini–Hochberg); at least "
    f"{MIN_DAYS_PER_GROUP} days on each side. These are associations in self-reported data, "
    "not causes.")


def patterns_section(entries: Sequence[DailyEntry], start: date, end: date) -> object:
    """A core.summary.Section (typed loosely here so core.summary can import this module)."""
    from selfcare_app.core.summary import Paragraph, Section, Table

    report = analyse(entries, start, end)
    blocks: list[object] = [Paragraph(LEAD, "small")]
    if not report.enough_days:
        blocks.append(Paragraph(
            f"Not enough logged days in this range to compare ({report.days}; at least "
            f"{2 * MIN_DAYS_PER_GROUP} are needed)."))
    elif not report.patterns:
        blocks.append(Paragraph(
            f"No clear pattern stood out ({report.tested} comparisons from {report.days} "
            "logged days)."))
    else:
        # The sentences as paragraphs; the table keeps short cells (long cells that wrap
        # interleave with their neighbours when the PDF's text is extracted).
        blocks.extend(Paragraph(p.message) for p in report.patterns)
        rows = tuple(
            (f"Days {factor_text(p)}", OUTCOME_LABELS[p.outcome],
             f"{p.difference:+.1f} ({p.ci_low:+.1f} to {p.ci_high:+.1f})",
             f"{p.n_with} / {p.n_without}")
            for p in report.patterns)
        blocks.append(Table(
            ("Days", "Measure", "Difference (interval)", "Days with / without"), rows,
            caption=f"{len(report.patterns)} of {report.tested} comparisons stood out, from "
                    f"{report.days} logged days.",
            widths=(40, 14, 26, 20), numeric=(2, 3)))
    return Section(SECTION_ID, SECTION_TITLE, tuple(blocks))  # type: ignore[arg-type]
