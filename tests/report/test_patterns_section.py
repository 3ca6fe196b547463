"""The optional Patterns section of the counselor summary: off by default, real text in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.patterns_section import SECTION_ID, patterns_section
from selfcare_app.core.summary import (
    DEFAULT_SECTIONS,
    SECTIONS,
    Paragraph,
    Table,
    compose_summary,
    make_options,
)
from tests.core.test_insights import START, planted_log

END = START + timedelta(days=89)


def test_the_section_is_offered_but_off_by_default() -> None:
    assert SECTION_ID in SECTIONS and SECTION_ID not in DEFAULT_SECTIONS


def test_patterns_become_a_table_with_counts() -> None:
    section = patterns_section(planted_log(), START, END)
    table = next(b for b in section.blocks if isinstance(b, Table))  # type: ignore[attr-defined]
    gym = next(r for r in table.rows if r[0] == "Days tagged gym")
    assert gym[1] == "stress" and gym[3] == "50 / 40" and gym[2].startswith("-2.")


def test_few_days_say_so() -> None:
    few = [DailyEntry(day=START + timedelta(days=i), mood=5) for i in range(4)]
    section = patterns_section(few, START, END)
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]  # type: ignore[attr-defined]
    assert any("Not enough logged days" in t for t in texts)


@pytest.mark.usefixtures("qapp")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_holds_the_patterns_as_text(tmp_path: Path) -> None:
    from selfcare_app.report.summary import SummaryDocument

    options = make_options(START, END, date(2025, 6, 1), sections=["daily-log", SECTION_ID])
    summary = compose_summary(entries=planted_log(), assessments=[], findings=[],
                              safety_events=[], options=options, today=date(2025, 6, 1),
                              app_version="0.1.0")
    path = tmp_path / "s.pdf"
    SummaryDocument(summary).write_pdf(path)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Patterns in the daily log" in text
    assert "tagged gym" in text and "50 / 40" in text
