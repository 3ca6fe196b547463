"""`checkin INSTRUMENT --answers …` through the CLI (in-process), and the demo self-checks."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from selfcare_app.data.assessments import SOURCE_PHQ9_ITEM9
from selfcare_app.data.vault import Vault
from tests.helpers import PASS, init_vault, run_cli

TODAY = "2026-11-25"


def stored(data_dir: Path) -> Vault:
    return Vault.open(data_dir / "vault.db", PASS)


def digest(data_dir: Path) -> str:
    return hashlib.sha256((data_dir / "vault.db").read_bytes()).hexdigest()


def test_who5_is_scored_stored_and_explained(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "checkin", "who5", "--answers", "3,3,3,2,2", today=TODAY)
    assert r.code == 0, r.err
    assert "Score: 52 on the 0–100 wellbeing index (raw 13 of 25)." in r.out
    assert "Range: Higher wellbeing (51–100)." in r.out
    assert "This is a self-check, not a diagnosis." in r.out
    assert "Frederiksborg, 1998" in r.out
    assert "Thank you for telling us" not in r.out
    with stored(tmp_path) as v:
        [a] = v.assessments.list()
        assert (a.instrument, a.answers, a.score, a.band) == ("who5", (3, 3, 3, 2, 2), 52,
                                                                "higher")
        assert a.taken_at.date() == date(2026, 11, 25)
        assert v.safety_events.list() == []


def test_change_since_last_time_with_meaningful_threshold(tmp_path: Path) -> None:
    init_vault(tmp_path)
    assert run_cli(tmp_path, "checkin", "WHO-5", "--answers", "4,3,3,3,2",
                   today="2026-11-01").code == 0                                      # 60
    r = run_cli(tmp_path, "checkin", "who5", "--answers", "2,2,3,2,3", today=TODAY)   # 48
    assert r.code == 0, r.err
    assert "Range: Lower wellbeing (29–50)." in r.out
    assert "Change: 12 points lower than last time (1 Nov 2026)." in r.out
    assert "Changes of 10 points or more count as meaningful; this one does." in r.out
    assert "read any one change with caution" in r.out
    r = run_cli(tmp_path, "checkin", "phq8", "--answers", "1,1,1,1,1,1,1,1", today=TODAY)
    assert "Change:" not in r.out  # first PHQ-8: nothing to compare with


def test_phq9_item9_prints_support_and_records_a_safety_event(tmp_path: Path) -> None:
    init_vault(tmp_path)
    with stored(tmp_path) as v:
        v.settings.set("region", "US")
    r = run_cli(tmp_path, "checkin", "phq9", "--answers", "0,0,1,1,0,0,0,0,1", today=TODAY)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Thank you for telling us. You deserve support right now."
    assert "988" in r.out and "741741" in r.out
    assert r.out.index("988") < r.out.index("Score:")  # support comes before the score
    assert "Score: 3 out of 27." in r.out
    # A low total with a self-harm answer never reads "Minimal range… Few of these problems".
    assert "Range: Total score in the minimal range (0–4)." in r.out
    assert "Few of these problems" not in r.out
    with stored(tmp_path) as v:
        [event] = v.safety_events.list()
        assert event.source == SOURCE_PHQ9_ITEM9 and event.day == date(2026, 11, 25)
        assert v.assessments.latest("phq9") is not None


def test_phq9_item9_zero_records_nothing(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "checkin", "phq9", "--answers", "3,3,3,3,3,3,3,3,0", today=TODAY)
    assert r.code == 0, r.err
    assert "Thank you for telling us" not in r.out
    assert "Range: Severe range (20–27)." in r.out
    assert "many people find it helpful to talk to a professional" in r.out
    with stored(tmp_path) as v:
        assert v.safety_events.list() == []


def test_support_is_shown_even_when_the_passphrase_is_wrong(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,2",
                stdin="wrong passphrase\n", today=TODAY)
    assert r.code == 3
    assert r.out.startswith("Thank you for telling us. You deserve support right now.")
    assert "emergency" in r.out.lower()


def test_cbi_accepts_positions_values_and_skips(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "checkin", "cbi-study", "--answers", "4,3,,,,1,100", today=TODAY)
    assert r.code == 0, r.err
    assert "Score: 50 out of 100." in r.out and "Moderate range (50 to under 75)" in r.out
    r = run_cli(tmp_path, "checkin", "cbi-personal", "--answers", "75,75,50,50,50,25",
                today=TODAY)
    assert r.code == 0, r.err
    assert "Score: 54.2 out of 100." in r.out
    with stored(tmp_path) as v:
        study = v.assessments.latest("cbi-study")
        assert study is not None
        assert study.answers == (100, 75, None, None, None, 25, 100)


@pytest.mark.parametrize(("args", "message"), [
    (["checkin", "pss", "--answers", "1"], "Unknown self-check 'pss'; choose one of: who5"),
    (["checkin", "gad7", "--answers", "0,1,2,3,4,0,0"],
     "GAD-7 question 5: 4 is not one of the answers; choose 0 (Not at all)"),
    (["checkin", "phq9", "--answers", "0,0,0"], "PHQ-9 has 9 questions; 3 answers were given"),
    (["checkin", "phq8", "--answers", "0,0,,0,0,0,0,0"],
     "PHQ-8 needs an answer to every question for a score; question 3 is unanswered."),
    (["checkin", "cbi-personal", "--answers", "4,4,,,,"],
     "CBI personal needs at least 3 of 6 questions answered"),
    (["checkin", "who5", "--answers", "5,5,five,5,5"], "question 3: 'five' is not a number"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(tmp_path: Path, args: list[str],
                                                             message: str) -> None:
    init_vault(tmp_path)
    before = digest(tmp_path)
    r = run_cli(tmp_path, *args, today=TODAY)
    assert r.code == 2
    assert message in r.err
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert r.out == ""
    assert digest(tmp_path) == before


def test_missing_answers_option_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "checkin", "who5", today=TODAY)
    assert r.code == 2 and "--answers" in r.err


def test_help_documents_the_answer_values(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "checkin", "--help")
    assert r.code == 0
    text = " ".join(r.out.split())
    for expected in ("who5, phq8, phq9, gad7, cbi-personal, cbi-study",
                     "5 All of the time", "0 At no time", "3 Nearly every day",
                     "100 Always / To a very high degree", "or the positions 4, 3, 2, 1, 0",
                     "not diagnoses"):
        assert expected in text


def test_missing_vault_exits_4(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "checkin", "who5", "--answers", "1,1,1,1,1", today=TODAY)
    assert r.code == 4 and "No vault found" in r.err


def test_demo_adds_realistic_self_checks_without_any_self_harm_answer(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "demo", "--days", "120", stdin=PASS + "\n", today=TODAY)
    assert r.code == 0, r.err
    with stored(tmp_path) as v:
        results = v.assessments.list()
        bounds = v.entries.bounds()
    assert bounds is not None
    by: dict[str, list[Any]] = {}
    for a in results:
        by.setdefault(a.instrument, []).append(a)
    assert "phq9" not in by  # never a PHQ-9, so never an item-9 answer
    who5 = [a.score for a in by["who5"]]
    assert len(who5) >= 2 and who5[-1] is not None and who5[0] is not None
    assert who5[-1] < who5[0]                      # wellbeing dips at finals
    assert by["who5"][-1].band in ("low", "very-low")
    assert "cbi-study" in by
    assert all(bounds[0] <= a.taken_at.date() <= bounds[1] for a in results)
    assert all(a.score is not None for a in results)
    # Running demo again adds days that are missing, never duplicate self-checks.
    r = run_cli(tmp_path, "demo", "--days", "120", today=TODAY)
    assert r.code == 0, r.err
    with stored(tmp_path) as v:
        assert v.assessments.count() == len(results)


def test_support_lines_fall_back_without_crisis_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.commands import selfchecks
    from selfcare_app.core import crisis

    def missing(region: str | None) -> list[object]:
        raise FileNotFoundError("crisis_lines.json")

    monkeypatch.setattr(crisis, "lines_for", missing)
    lines = selfchecks.support_lines("US")
    assert lines[0] == selfchecks.SUPPORT_MESSAGE
    assert selfchecks.GENERIC_CRISIS_LINE in lines
    assert "findahelpline.com" in selfchecks.GENERIC_CRISIS_LINE
