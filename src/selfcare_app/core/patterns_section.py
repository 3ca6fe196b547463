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
from selfcare_app.i18n import N_, _, ngettext

SECTION_ID: Final = "patterns"
SECTION_TITLE: Final = N_("Patterns in the daily log")
LEAD: Final = N_(
    "Days with and without each tag or self-care practice, and days after more or less sleep "
    "than the student's own median, compared within this range. Differences are in means, "
    "with intervals adjusted for the number of comparisons (Benjamini–Hochberg); at least "
    "{count} days on each side. These are associations in self-reported data, not causes.")


def patterns_section(entries: Sequence[DailyEntry], start: date, end: date) -> object:
    """A core.summary.Section (typed loosely here so core.summary can import this module)."""
    from selfcare_app.core.summary import Paragraph, Section, Table

    report = analyse(entries, start, end)
    blocks: list[object] = [Paragraph(_(LEAD).format(count=MIN_DAYS_PER_GROUP), "small")]
    if not report.enough_days:
        blocks.append(Paragraph(
            _("Not enough logged days in this range to compare ({days}; at least {needed} are "
              "needed).").format(days=report.days, needed=2 * MIN_DAYS_PER_GROUP)))
    elif not report.patterns:
        blocks.append(Paragraph(
            ngettext("No clear pattern stood out ({tested} comparison from {days} logged days).",
                     "No clear pattern stood out ({tested} comparisons from {days} logged days).",
                     report.tested).format(tested=report.tested, days=report.days)))
    else:
        # The sentences as paragraphs; the table keeps short cells (long cells that wrap
        # interleave with their neighbours when the PDF's text is extracted).
        blocks.extend(Paragraph(p.message) for p in report.patterns)
        rows = tuple(
            (_("Days {factor}").format(factor=factor_text(p)), _(OUTCOME_LABELS[p.outcome]),
             _("{difference} ({low} to {high})").format(difference=f"{p.difference:+.1f}",
                                                        low=f"{p.ci_low:+.1f}",
                                                        high=f"{p.ci_high:+.1f}"),
             f"{p.n_with} / {p.n_without}")
            for p in report.patterns)
        blocks.append(Table(
            (_("Days"), _("Measure"), _("Difference (interval)"), _("Days with / without")),
            rows,
            caption=ngettext("{count} of {tested} comparison stood out, from {days} logged days.",
                             "{count} of {tested} comparisons stood out, from {days} logged days.",
                             report.tested).format(count=len(report.patterns),
                                                          tested=report.tested, days=report.days),
            widths=(40, 14, 26, 20), numeric=(2, 3)))
    return Section(SECTION_ID, _(SECTION_TITLE), tuple(blocks))  # type: ignore[arg-type]
