"""Insights: honest within-person comparisons (Welch, BH false-discovery control, min 5 days)."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core import insights as ins
from selfcare_app.core.entry import DailyEntry

START = date(2025, 1, 1)


def noise_log(seed: int, days: int = 90) -> list[DailyEntry]:
    """Outcomes independent of every tag, practice and sleep: nothing should be reported."""
    rng = random.Random(seed)
    out = []
    for i in range(days):
        out.append(DailyEntry(
            day=START + timedelta(days=i),
            stress=rng.randint(0, 10), mood=rng.randint(0, 10), energy=rng.randint(0, 10),
            sleep_hours=rng.choice([5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0]),
            study_hours=rng.choice([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            tags=tuple(t for t in ("gym", "exam", "friends") if rng.random() < 0.35),
            practices=tuple(p for p in ("A walk", "A break") if rng.random() < 0.4),
        ))
    return out


def planted_log(seed: int = 1) -> list[DailyEntry]:
    """Gym goes with 2 points less stress; 'library' has no effect; mood follows last night."""
    rng = random.Random(seed)
    out = []
    for i in range(90):
        gym = i % 9 < 5  # 50 days with, 40 without
        library = rng.random() < 0.5
        sleep = rng.choice([5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0])
        stress = min(10, max(0, round(rng.gauss(6, 1.2) - (2 if gym else 0))))
        mood = min(10, max(0, round(rng.gauss(5, 1.0) + (sleep - 7) * 1.2)))
        out.append(DailyEntry(
            day=START + timedelta(days=i), stress=stress, mood=mood,
            energy=rng.randint(3, 7), sleep_hours=sleep,
            tags=("gym",) * gym + ("library",) * library,
        ))
    return out


def test_student_t_matches_reference_values() -> None:
    # Reference quantiles from published t tables.
    assert ins.t_quantile(0.975, 10) == pytest.approx(2.228139, abs=1e-5)
    assert ins.t_quantile(0.975, 1) == pytest.approx(12.7062, abs=1e-3)
    assert ins.t_quantile(0.995, 30) == pytest.approx(2.749996, abs=1e-5)
    assert ins.t_quantile(0.975, 1e6) == pytest.approx(1.959966, abs=1e-4)
    assert ins.t_cdf(-2.0, 7) == pytest.approx(0.042810, abs=1e-5)
    assert ins.t_quantile(0.025, 10) == pytest.approx(-2.228139, abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0005, 0.9995), st.floats(1.0, 500.0))
def test_t_quantile_inverts_the_cdf(p: float, df: float) -> None:
    assert ins.t_cdf(ins.t_quantile(p, df), df) == pytest.approx(p, abs=1e-7)


def test_welch_against_a_hand_computed_example() -> None:
    w = ins.welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8])
    # means 3 and 5.5; variances 2.5 and 3.5; se = sqrt(0.5 + 0.58333)
    assert w.difference == pytest.approx(-2.5)
    assert w.se == pytest.approx(math.sqrt(0.5 + 3.5 / 6))
    assert w.df == pytest.approx((0.5 + 3.5 / 6) ** 2 / (0.25 / 4 + (3.5 / 6) ** 2 / 5))
    low, high = w.interval(0.95)
    assert low < -2.5 < high < 0


def test_benjamini_hochberg_adjusts_in_rank_order() -> None:
    q = ins.benjamini_hochberg([0.01, 0.04, 0.03, 0.5])
    assert q == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5])
    assert ins.benjamini_hochberg([]) == []


def test_a_planted_tag_effect_is_found_with_counts_and_plain_words() -> None:
    report = ins.analyse(planted_log())
    gym = [p for p in report.patterns if p.factor == "tag:gym" and p.outcome == "stress"]
    assert len(gym) == 1
    p = gym[0]
    assert p.lag == 0 and (p.n_with, p.n_without) == (50, 40)
    assert p.ci_low < p.difference < p.ci_high < 0
    assert p.ci_low < -2.0 < p.ci_high
    assert p.message.startswith("On days you tagged gym, stress was ")
    assert " lower on average (" in p.message and p.message.endswith("50 days vs 40.")
    for word in ("because", "causes", "helps", "makes"):
        assert word not in p.message


def test_a_tag_with_no_effect_is_not_reported() -> None:
    report = ins.analyse(planted_log())
    assert not [p for p in report.patterns if p.factor == "tag:library"]


def test_mood_following_last_nights_sleep_is_found() -> None:
    report = ins.analyse(planted_log())
    sleep = [p for p in report.patterns if p.factor == "sleep_hours" and p.outcome == "mood"]
    assert sleep and sleep[0].lag == 0 and sleep[0].difference > 0
    median = sorted(e.sleep_hours for e in planted_log())[44:46]  # type: ignore[type-var]
    assert sleep[0].threshold == sum(median) / 2  # type: ignore[arg-type]
    assert f"after a night of more than {sleep[0].threshold:g} h sleep (your median)" \
        in sleep[0].message


def test_lag_one_uses_the_previous_days_sleep() -> None:
    # Mood follows the sleep logged the day before (e.g. a log where sleep is entered late).
    rng = random.Random(3)
    sleeps = [rng.choice([5.0, 6.0, 7.0, 8.0, 9.0]) for _ in range(80)]
    entries = [DailyEntry(day=START + timedelta(days=i), sleep_hours=sleeps[i],
                          mood=round(5 + (sleeps[i - 1] - 7) * 1.5 + rng.gauss(0, 0.7))
                          if i else 5)
               for i in range(80)]
    found = {(p.factor, p.lag, p.outcome) for p in ins.analyse(entries).patterns}
    assert ("sleep_hours", 1, "mood") in found
    assert ("sleep_hours", 0, "mood") not in found


def test_practices_are_compared_and_helpful_practices_picks_better_days() -> None:
    rng = random.Random(5)
    entries = []
    for i in range(60):
        walk, brk = i % 2 == 0, rng.random() < 0.5
        entries.append(DailyEntry(
            day=START + timedelta(days=i), stress=round(rng.gauss(6, 1) - 2.5 * walk),
            mood=round(rng.gauss(5, 1)), practices=("A walk",) * walk + ("A break",) * brk))
    report = ins.analyse(entries)
    assert any(p.factor == "practice:A walk" and p.outcome == "stress" for p in report.patterns)
    helpful = ins.helpful_practices(report)
    assert [p.name for p in helpful] == ["A walk"]
    assert ins.helpful_practices(report, practices=["a BREAK"]) == []
    assert ins.helpful_practices_text(helpful) == "In your own logs, A walk went with better days."
    assert ins.helpful_practices_text([]) == ""
    assert report.patterns[0].message.startswith("On days you logged A walk, stress was")


def test_pure_noise_yields_no_pattern_in_at_least_95_percent_of_seeds() -> None:
    with_pattern = sum(1 for seed in range(200) if ins.analyse(noise_log(seed)).patterns)
    assert with_pattern <= 10, f"{with_pattern} of 200 noise logs showed a pattern"


def test_fewer_than_five_days_per_group_is_not_tested() -> None:
    entries = [DailyEntry(day=START + timedelta(days=i), stress=0 if i < 4 else 10,
                          tags=("gym",) if i < 4 else ()) for i in range(40)]
    report = ins.analyse(entries)
    assert not [p for p in report.patterns if p.factor == "tag:gym"]
    assert report.tested == 0


def test_not_enough_days_says_how_many_more() -> None:
    entries = [DailyEntry(day=START + timedelta(days=i), stress=3) for i in range(4)]
    report = ins.analyse(entries)
    assert report.more_days_needed == ins.MIN_DAYS_TOTAL - 4 and not report.enough_days
    assert "6 more" in ins.pattern_lines(report)[0]
    assert ins.analyse([]).more_days_needed == ins.MIN_DAYS_TOTAL


def test_range_limits_the_days_used() -> None:
    log = planted_log()
    report = ins.analyse(log, START + timedelta(days=10), START + timedelta(days=19))
    assert (report.start, report.end, report.days) == (
        START + timedelta(days=10), START + timedelta(days=19), 10)


def test_tags_match_case_insensitively_and_keep_the_first_spelling() -> None:
    log = [DailyEntry(day=e.day, stress=e.stress, tags=tuple(
        ("Gym" if i % 2 else "gym") if t == "gym" else t for t in e.tags))
        for i, e in enumerate(planted_log())]
    factors = {p.factor for p in ins.analyse(log).patterns}
    assert "tag:gym" in factors and "tag:Gym" not in factors


def test_json_has_the_cli_contract_keys() -> None:
    p = ins.analyse(planted_log()).patterns[0]
    keys = set(p.to_json())
    assert {"factor", "lag", "outcome", "difference", "ci_low", "ci_high", "n_with",
            "n_without", "message"} <= keys


# --- properties -----------------------------------------------------------------------------

entry_lists = st.lists(
    st.builds(
        lambda offset, stress, mood, sleep, tags, practices: DailyEntry(
            day=START + timedelta(days=offset), stress=stress, mood=mood,
            sleep_hours=sleep, tags=tuple(sorted(set(tags))),
            practices=tuple(sorted(set(practices)))),
        st.integers(0, 120), st.none() | st.integers(0, 10), st.none() | st.integers(0, 10),
        st.none() | st.sampled_from([4.0, 6.0, 6.5, 7.0, 8.0, 9.5]),
        st.lists(st.sampled_from(["gym", "exam", "rain"]), max_size=3),
        st.lists(st.sampled_from(["A walk", "A break"]), max_size=2),
    ),
    max_size=70,
).map(lambda es: list({e.day: e for e in es}.values()))


@settings(max_examples=60, deadline=None)
@given(entry_lists)
def test_every_reported_pattern_is_honest(entries: list[DailyEntry]) -> None:
    report = ins.analyse(entries)
    assert report.tested >= len(report.patterns)
    for p in report.patterns:
        assert p.n_with >= 5 and p.n_without >= 5
        assert p.ci_low <= p.difference <= p.ci_high
        assert not (p.ci_low <= 0 <= p.ci_high)
        assert p.q_value <= ins.FDR_LEVEL
        assert p.difference == pytest.approx(p.mean_with - p.mean_without)
        assert p.lag in (0, 1) and p.outcome in ins.OUTCOMES
        assert f"{p.n_with} days vs {p.n_without}." in p.message


@settings(max_examples=40, deadline=None)
@given(entry_lists, st.randoms(use_true_random=False))
def test_order_of_entries_does_not_matter(entries: list[DailyEntry], rnd: random.Random) -> None:
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    assert ins.analyse(shuffled) == ins.analyse(entries)


@settings(max_examples=40, deadline=None)
@given(entry_lists)
def test_shifting_an_outcome_does_not_change_what_is_found(entries: list[DailyEntry]) -> None:
    # Stress is 0-10; mirroring it (10 - x) flips every stress difference and nothing else.
    mirrored = [DailyEntry(day=e.day, stress=None if e.stress is None else 10 - e.stress,
                           mood=e.mood, sleep_hours=e.sleep_hours, tags=e.tags,
                           practices=e.practices) for e in entries]
    a = {(p.factor, p.lag, p.outcome): p for p in ins.analyse(entries).patterns}
    b = {(p.factor, p.lag, p.outcome): p for p in ins.analyse(mirrored).patterns}
    assert a.keys() == b.keys()
    for key, p in a.items():
        if key[2] == "stress":
            assert b[key].difference == pytest.approx(-p.difference)
