"""`report FILE.pdf` through the CLI (in-process, tests/helpers.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import init_vault, run_cli

TODAY = "2026-03-01"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils (pdftotext) not installed")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One vault for the module: `report` only reads it (each command derives the key)."""
    d = tmp_path_factory.mktemp("report") / "data"
    init_vault(d)
    for day, mood, note in (("2026-02-20", "4", "Rough week – exams"), ("2026-02-21", "6", ""),
                            ("2026-02-22", "7", "Walked with Sam")):
        r = run_cli(d, "log", "--day", day, "--mood", mood, "--sleep", "6.5", "--note", note,
                    today=TODAY)
        assert r.code == 0, r.err
    # PHQ-9 with question 9 answered "Several days": records a safety event
    r = run_cli(d, "checkin", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", today=TODAY)
    assert r.code == 0, r.err
    return d


def test_report_writes_a_pdf_and_warns_it_is_not_encrypted(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    r = run_cli(data, "report", str(out), "--from", "2026-02-15", "--name", "J. D.",
                today=TODAY)
    assert r.code == 0, r.err
    assert "not encrypted" in r.err
    assert out.read_bytes().startswith(b"%PDF")
    assert "Wrote the summary, " in r.out and " pages (2026-02-15 to 2026-03-01" in r.out


@needs_pdftotext
def test_safety_and_notes_only_when_asked(data: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    assert run_cli(data, "report", str(plain), "--from", "2026-02-15", today=TODAY).code == 0
    text = _text(plain)
    assert "J. D." not in text and "Name: not given" in text.replace("\n", " ").replace(
        ":  ", ": ")
    assert "PHQ-9" in text and "Safety events" not in text and "Walked with Sam" not in text
    full = tmp_path / "full.pdf"
    r = run_cli(data, "report", str(full), "--from", "2026-02-15", "--section", "daily-log",
                "--section", "safety", "--note", "2026-02-22", "--paper", "letter",
                today=TODAY)
    assert r.code == 0, r.err
    text = _text(full)
    assert "Safety events" in text and "PHQ-9 question 9" in text
    assert "Walked with Sam" in text and "Rough week" not in text
    assert "Weekly charts" not in text
    every = tmp_path / "every.pdf"
    assert run_cli(data, "report", str(every), "--from", "2026-02-15", "--include-notes",
                   today=TODAY).code == 0
    text = _text(every)
    assert "Walked with Sam" in text and "Rough week – exams" in text


@pytest.mark.parametrize("args, words", [
    (("--section", "moods"), "invalid choice"),
    (("--from", "2026-02-10", "--to", "2026-02-01"), "after --to"),
    (("--to", "2027-01-01"), "in the future"),
    (("--from", "02/01/2026"), "not a valid date"),
    (("--paper", "a3"), "invalid choice"),
])
def test_bad_options_are_usage_errors(data: Path, tmp_path: Path, args: tuple[str, ...],
                                      words: str) -> None:
    r = run_cli(data, "report", str(tmp_path / "x.pdf"), *args, today=TODAY)
    assert r.code == 2 and words in r.err
    assert not (tmp_path / "x.pdf").exists()


def test_report_without_a_vault_exits_4(tmp_path: Path) -> None:
    r = run_cli(tmp_path / "none", "report", str(tmp_path / "x.pdf"), today=TODAY)
    assert r.code == 4 and not (tmp_path / "x.pdf").exists()


@needs_pdftotext
def test_report_lists_what_signals_lists_as_of_the_same_day(tmp_path: Path) -> None:
    """The periods are found by the rules when the report is made, so nothing `signals`
    lists is missing even though the app was never opened (no card was ever shown)."""
    import json
    import re

    d = tmp_path / "demo"
    today = "2026-12-02"
    assert run_cli(d, "demo", today=today).code == 0
    r = run_cli(d, "signals", "--format", "json", today=today)
    assert r.code == 0, r.err
    titles = {f["title"] for f in json.loads(r.out) if f["rule"] != "S0"}
    assert len(titles) >= 3
    out = tmp_path / "demo.pdf"
    assert run_cli(d, "report", str(out), today=today).code == 0
    ligatures = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
    text = " ".join(_text(out).translate(str.maketrans(ligatures)).split())
    assert "No periods" not in text and "noticed nothing" not in text
    missing = [t for t in titles if t not in text]
    assert missing == []
    page1 = " ".join(subprocess.run(["pdftotext", "-l", "1", str(out), "-"], check=True,
                                    capture_output=True, text=True).stdout.split())
    assert "At a glance" in page1 and "Periods the app noticed" in page1
    assert "Not included: notes, safety events" in page1
    assert re.findall(r"\b(R|L|Q|S)\d[a-z]?\b", text) == []
