"""Self-check definitions and scoring (CONTENT.md §2): worked examples for every instrument,
every band edge (at and just past each threshold), incomplete answers, the CBI rules."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import (
    AnswerError,
    InstrumentDefinitionError,
    change,
    complete_or_raise,
    due_text,
    find_instrument,
    format_score,
    get_instrument,
    is_due,
    load_instruments,
    next_due,
    parse_answer_text,
    parse_definition,
    previous_scored,
    safety_flag,
    score,
    validate_answers,
)

AT = datetime(2026, 11, 25, 20, 0)

WHO5_ITEMS = [
    "I have felt cheerful and in good spirits.",
    "I have felt calm and relaxed.",
    "I have felt active and vigorous.",
    "I woke up feeling fresh and rested.",
    "My daily life has been filled with things that interest me.",
]
PHQ9_ITEMS = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being "
    "so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
GAD7_ITEMS = [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
]
CBI_PERSONAL_ITEMS = [
    "How often do you feel tired?",
    "How often are you physically exhausted?",
    "How often are you emotionally exhausted?",
    'How often do you think: "I can\'t take it anymore"?',
    "How often do you feel worn out?",
    "How often do you feel weak and susceptible to illness?",
]
CBI_STUDY_ITEMS = [
    "Are your studies emotionally exhausting?",
    "Do you feel burnt out because of your studies?",
    "Do your studies frustrate you?",
    "Do you feel worn out at the end of the study day?",
    "Are you exhausted in the morning at the thought of another study day?",
    "Do you feel that every study hour is tiring for you?",
    "Do you have enough energy for family and friends during leisure time?",
]
PHQ_OPTIONS = [(0, "Not at all"), (1, "Several days"), (2, "More than half the days"),
               (3, "Nearly every day")]


def sum_answers(total: int, n: int, top: int) -> list[int | None]:
    """n answers (each 0..top) that add up to `total`, front-loaded."""
    out: list[int | None] = []
    for _ in range(n):
        take = min(top, total)
        out.append(take)
        total -= take
    assert total == 0
    return out


def scored(instrument_id: str, answers: Sequence[int | None]) -> Assessment:
    return score(get_instrument(instrument_id), answers, AT)


# -- definitions ---------------------------------------------------------------------------


def test_all_six_instruments_load_in_display_order() -> None:
    assert list(load_instruments()) == ["who5", "phq8", "phq9", "gad7", "cbi-personal",
                                        "cbi-study"]


@pytest.mark.parametrize(("instrument_id", "items"), [
    ("who5", WHO5_ITEMS), ("phq8", PHQ9_ITEMS[:8]), ("phq9", PHQ9_ITEMS), ("gad7", GAD7_ITEMS),
    ("cbi-personal", CBI_PERSONAL_ITEMS), ("cbi-study", CBI_STUDY_ITEMS),
])
def test_item_text_is_exactly_the_content_spec(instrument_id: str, items: list[str]) -> None:
    assert [i.text for i in get_instrument(instrument_id).items] == items


def test_stems_recall_and_option_labels() -> None:
    who5 = get_instrument("who5")
    assert who5.stem == "Over the last two weeks…"
    assert [(o.value, o.label) for o in who5.items[0].options.options] == [
        (5, "All of the time"), (4, "Most of the time"), (3, "More than half of the time"),
        (2, "Less than half of the time"), (1, "Some of the time"), (0, "At no time")]
    for instrument_id in ("phq8", "phq9", "gad7"):
        inst = get_instrument(instrument_id)
        assert inst.stem == ("Over the last 2 weeks, how often have you been bothered by any "
                             "of the following problems?")
        assert inst.recall_period == "the last 2 weeks"
        assert all([(o.value, o.label) for o in i.options.options] == PHQ_OPTIONS
                   for i in inst.items)


def test_cbi_scales_and_reverse_item() -> None:
    personal = get_instrument("cbi-personal")
    assert {i.options.id for i in personal.items} == {"frequency"}
    assert [(o.value, o.label) for o in personal.items[0].options.options] == [
        (100, "Always"), (75, "Often"), (50, "Sometimes"), (25, "Seldom"),
        (0, "Never/almost never")]
    assert not any(i.reverse for i in personal.items)
    study = get_instrument("cbi-study")
    assert [i.options.id for i in study.items] == ["degree"] * 3 + ["frequency"] * 4
    degree = study.items[0].options.options
    assert (degree[0].value, degree[0].label) == (100, "To a very high degree")
    assert (degree[-1].value, degree[-1].label) == (0, "To a very low degree")
    assert [i.reverse for i in study.items] == [False] * 6 + [True]
    assert "adapted from the Copenhagen Burnout Inventory" in study.name
    assert study.adapted and not personal.adapted
    assert "Adapted from the Copenhagen Burnout Inventory" in study.attribution


def test_phq9_carries_the_safety_notice_and_item() -> None:
    phq9 = get_instrument("phq9")
    assert phq9.notice == ("One question asks about thoughts of self-harm. If you choose any "
                           "answer other than “Not at all”, we will show you support options "
                           "straight away.")
    assert "yes" not in phq9.notice  # the item has no yes/no answer
    assert phq9.safety_item == 9
    assert get_instrument("phq8").safety_item is None
    assert get_instrument("phq8").notice == ""


@pytest.mark.parametrize(("instrument_id", "uppers"), [
    ("who5", [("max", 28), ("max", 50)]),
    ("phq8", [("below", 5), ("below", 10), ("below", 15), ("below", 20)]),
    ("phq9", [("below", 5), ("below", 10), ("below", 15), ("below", 20)]),
    ("gad7", [("below", 5), ("below", 10), ("below", 15)]),
    ("cbi-personal", [("below", 50), ("below", 75)]),
    ("cbi-study", [("below", 50), ("below", 75)]),
])
def test_band_thresholds_are_exactly_the_content_spec(instrument_id: str,
                                                      uppers: list[tuple[str, int]]) -> None:
    bands = get_instrument(instrument_id).bands
    found = [("max", b.max) if b.max is not None else ("below", b.below) for b in bands[:-1]]
    assert found == uppers
    assert bands[-1].max is None and bands[-1].below is None


def test_scoring_rules_meaningful_change_and_cadence() -> None:
    who5 = get_instrument("who5")
    assert (who5.scoring.method, who5.scoring.multiplier) == ("sum", 4)
    assert who5.meaningful_change is not None and who5.meaningful_change.points == 10
    assert "24" in who5.meaningful_change.caution  # WHO-5 noise (MDC ≈ 24) is stated
    for instrument_id in ("phq8", "phq9"):
        mc = get_instrument(instrument_id).meaningful_change
        assert mc is not None and mc.points == 5
    assert get_instrument("gad7").meaningful_change is None
    assert get_instrument("cbi-personal").scoring.min_answered == 3
    assert get_instrument("cbi-study").scoring.min_answered == 4
    assert {i.id: i.cadence_days for i in load_instruments().values()} == {
        "who5": 14, "phq8": 14, "phq9": 14, "gad7": 14, "cbi-personal": 28, "cbi-study": 28}


def test_every_instrument_states_measures_attribution_licence_and_sources() -> None:
    for inst in load_instruments().values():
        assert inst.measures and inst.attribution and inst.licence and inst.band_basis
        assert inst.sources and all(s.url.startswith(("http://", "https://"))
                                    for s in inst.sources)
        assert all(b.support for b in inst.bands)
    pfizer = "with an educational grant from Pfizer Inc."
    assert all(pfizer in get_instrument(i).attribution for i in ("phq8", "phq9", "gad7"))
    assert "Frederiksborg, 1998" in get_instrument("who5").attribution


def test_band_labels_never_diagnose() -> None:
    words = ("depression", "disorder", "diagnos", "you have", "you are burned")
    for inst in load_instruments().values():
        for band in inst.bands:
            text = (band.label + " " + band.description).lower()
            assert not any(w in text for w in words), (inst.id, band.id)


# -- WHO-5 ------------------------------------------------------------------------------


def test_who5_raw_13_is_index_52() -> None:
    result = scored("who5", [3, 3, 3, 2, 2])
    assert result.score == 52
    assert result.subscores["raw"] == 13
    assert result.band == "higher"


@pytest.mark.parametrize(("raw", "index", "band"), [
    (0, 0, "very-low"), (7, 28, "very-low"), (8, 32, "low"),   # ≤28 edge
    (12, 48, "low"), (13, 52, "higher"),                         # ≤50 edge
    (25, 100, "higher"),
])
def test_who5_band_edges(raw: int, index: int, band: str) -> None:
    result = scored("who5", sum_answers(raw, 5, 5))
    assert (result.score, result.band) == (index, band)


def test_who5_band_edges_on_the_index_itself() -> None:
    who5 = get_instrument("who5")
    assert who5.band_for(28).id == "very-low"
    assert who5.band_for(28.01).id == "low"
    assert who5.band_for(50).id == "low"
    assert who5.band_for(50.01).id == "higher"


# -- PHQ-9, PHQ-8, GAD-7 -------------------------------------------------------------------------


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately-severe"), (19, "moderately-severe"), (20, "severe"),
    (27, "severe"),
])
def test_phq9_band_edges(total: int, band: str) -> None:
    result = scored("phq9", sum_answers(total, 9, 3))
    assert (result.score, result.band) == (total, band)


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately-severe"), (19, "moderately-severe"), (20, "severe"),
    (24, "severe"),
])
def test_phq8_band_edges(total: int, band: str) -> None:
    result = scored("phq8", sum_answers(total, 8, 3))
    assert (result.score, result.band) == (total, band)


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe"),
])
def test_gad7_band_edges(total: int, band: str) -> None:
    result = scored("gad7", sum_answers(total, 7, 3))
    assert (result.score, result.band) == (total, band)


def test_phq9_worked_example() -> None:
    result = scored("phq9", [1, 2, 3, 1, 0, 1, 2, 0, 0])
    assert (result.score, result.band) == (10, "moderate")
    assert result.answers == (1, 2, 3, 1, 0, 1, 2, 0, 0)
    assert (result.instrument, result.instrument_version) == ("phq9", "1")
    assert result.taken_at == AT


@pytest.mark.parametrize("instrument_id", ["who5", "phq8", "phq9", "gad7"])
def test_incomplete_answers_give_no_score(instrument_id: str) -> None:
    inst = get_instrument(instrument_id)
    answers: list[int | None] = [inst.items[0].options.highest] * len(inst.items)
    answers[-1] = None
    result = score(inst, answers, AT)
    assert result.score is None and result.band is None
    assert result.answers[-1] is None
    with pytest.raises(AnswerError, match=f"question {len(inst.items)} is unanswered"):
        complete_or_raise(inst, answers)


# -- CBI -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "expected", "band"), [
    ([50] * 6, 50.0, "moderate"),                          # at 50
    ([50, 50, 50, 50, 50, 25], 275 / 6, "low"),             # just below 50
    ([75] * 6, 75.0, "high"),                               # at 75
    ([75, 75, 75, 75, 75, 50], 425 / 6, "moderate"),        # just below 75
    ([0] * 6, 0.0, "low"), ([100] * 6, 100.0, "high"),
])
def test_cbi_personal_mean_and_band_edges(answers: list[int | None], expected: float,
                                          band: str) -> None:
    result = scored("cbi-personal", answers)
    assert result.score == pytest.approx(expected)
    assert result.band == band


def test_cbi_band_edges_on_fractional_means() -> None:
    for instrument_id in ("cbi-personal", "cbi-study"):
        inst = get_instrument(instrument_id)
        assert [inst.band_for(s).id for s in (49.99, 50, 74.99, 75)] == [
            "low", "moderate", "moderate", "high"]


def test_cbi_study_reverse_item_is_mirrored() -> None:
    # Item 7 ("enough energy for family and friends"): Always (100) counts as 0.
    assert scored("cbi-study", [0, 0, 0, 0, 0, 0, 100]).score == 0
    assert scored("cbi-study", [0, 0, 0, 0, 0, 0, 0]).score == pytest.approx(100 / 7)
    assert scored("cbi-study", [100, 100, 100, 75, 75, 75, 25]).score == pytest.approx(
        (100 * 3 + 75 * 3 + 75) / 7)
    # The stored answer is what the student chose, not the mirrored value.
    assert scored("cbi-study", [0, 0, 0, 0, 0, 0, 100]).answers[-1] == 100


def test_cbi_minimum_answered_rule() -> None:
    personal = scored("cbi-personal", [75, 50, 100, None, None, None])
    assert personal.score == pytest.approx(75) and personal.band == "high"
    assert personal.subscores["answered"] == 3
    assert scored("cbi-personal", [75, 50, None, None, None, None]).score is None
    study = scored("cbi-study", [50, 50, 50, 50, None, None, None])
    assert study.score == 50 and study.band == "moderate"
    assert scored("cbi-study", [50, 50, 50, None, None, None, None]).score is None
    with pytest.raises(AnswerError, match="at least 4 of 7"):
        complete_or_raise(get_instrument("cbi-study"), [50, 50, 50, None, None, None, None])
    complete_or_raise(get_instrument("cbi-study"), [50, 50, 50, 50, None, None, None])


# -- validation ------------------------------------------------------------------------------


def test_wrong_number_of_answers_is_refused() -> None:
    with pytest.raises(AnswerError, match="PHQ-9 has 9 questions; 8 answers were given"):
        validate_answers(get_instrument("phq9"), [0] * 8)


def test_a_value_off_the_scale_names_the_item_and_allowed_values() -> None:
    with pytest.raises(AnswerError) as info:
        validate_answers(get_instrument("gad7"), [0, 0, 4, 0, 0, 0, 0])
    message = str(info.value)
    assert "GAD-7 question 3" in message and "Worrying too much" in message
    assert "0 (Not at all), 1 (Several days), 2 (More than half the days), 3 (Nearly every day)" \
        in message
    assert info.value.item == 3


def test_cbi_values_must_be_on_its_scale() -> None:
    with pytest.raises(AnswerError, match="question 2"):
        validate_answers(get_instrument("cbi-personal"), [100, 60, 50, 25, 0, 0])


def test_booleans_are_not_answers() -> None:
    with pytest.raises(AnswerError):
        validate_answers(get_instrument("who5"), [True, 1, 1, 1, 1])


# -- safety ----------------------------------------------------------------------------------


def test_safety_flag_is_phq9_item_9_at_one_or_more() -> None:
    phq9 = get_instrument("phq9")
    assert not safety_flag(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert safety_flag(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert safety_flag(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 3])
    assert safety_flag(phq9, scored("phq9", [0] * 8 + [2]))
    # Works the moment item 9 is chosen, even with earlier questions unanswered.
    assert safety_flag(phq9, [None] * 8 + [1])
    assert not safety_flag(phq9, [None] * 9)
    assert not safety_flag(phq9, [0, 0])
    assert not safety_flag(get_instrument("phq8"), [3] * 8)


# -- change ------------------------------------------------------------------------------------


def at_day(instrument_id: str, answers: Sequence[int | None], day: date,
           ident: int | None = None) -> Assessment:
    when = datetime.combine(day, datetime.min.time())
    result = score(get_instrument(instrument_id), answers, when)
    return Assessment(result.instrument, result.instrument_version, result.taken_at,
                      result.answers, result.score, result.band, result.subscores, id=ident)


def test_phq9_change_of_five_points_is_meaningful() -> None:
    phq9 = get_instrument("phq9")
    before = at_day("phq9", sum_answers(5, 9, 3), date(2026, 11, 1))
    up5 = change(phq9, at_day("phq9", sum_answers(10, 9, 3), date(2026, 11, 20)), before)
    up4 = change(phq9, at_day("phq9", sum_answers(9, 9, 3), date(2026, 11, 20)), before)
    assert up5 is not None and up4 is not None
    assert (up5.delta, up5.meaningful, up5.direction, up5.threshold) == (5, True, "worse", 5)
    assert (up4.delta, up4.meaningful) == (4, False)
    down5 = change(phq9, before, at_day("phq9", sum_answers(10, 9, 3), date(2026, 10, 1)))
    assert down5 is not None and (down5.delta, down5.meaningful, down5.direction) == (
        -5, True, "better")
    assert up5.describe(phq9) == (
        "5 points higher than last time (1 Nov 2026). Changes of 5 points or more count as "
        "meaningful; this one does.")
    assert "4 points higher" in up4.describe(phq9) and "this one is smaller" in up4.describe(phq9)


def test_who5_change_of_ten_points_is_meaningful_with_caution() -> None:
    who5 = get_instrument("who5")
    before = at_day("who5", sum_answers(15, 5, 5), date(2026, 11, 1))           # 60
    down = change(who5, at_day("who5", sum_answers(12, 5, 5), date(2026, 11, 20)), before)
    small = change(who5, at_day("who5", sum_answers(13, 5, 5), date(2026, 11, 20)), before)
    assert down is not None and small is not None
    assert (down.delta, down.meaningful, down.direction) == (-12, True, "worse")
    assert (small.delta, small.meaningful) == (-8, False)
    assert "caution" in down.caution
    up = change(who5, before, at_day("who5", sum_answers(12, 5, 5), date(2026, 10, 1)))
    assert up is not None and up.direction == "better"
    assert down.describe(who5).startswith("12 points lower than last time (1 Nov 2026).")


def test_change_without_threshold_or_without_scores() -> None:
    gad7 = get_instrument("gad7")
    big = change(gad7, at_day("gad7", [3] * 7, date(2026, 11, 20)),
                 at_day("gad7", [0] * 7, date(2026, 11, 1)))
    assert big is not None and big.threshold is None and not big.meaningful
    assert change(gad7, at_day("gad7", [0] * 7, date(2026, 11, 20)), None) is None
    unscored = at_day("gad7", [0] * 6 + [None], date(2026, 11, 1))
    assert change(gad7, at_day("gad7", [0] * 7, date(2026, 11, 20)), unscored) is None
    same = change(gad7, at_day("gad7", [1] * 7, date(2026, 11, 20)),
                  at_day("gad7", [1] * 7, date(2026, 11, 1)))
    assert same is not None and same.direction == "same" and "same score" in same.describe(gad7)


def test_previous_scored_is_the_latest_earlier_scored_result_of_the_same_instrument() -> None:
    current = at_day("phq9", [1] * 9, date(2026, 11, 20), ident=9)
    history = [
        at_day("phq9", [0] * 9, date(2026, 10, 1), ident=1),
        at_day("phq9", [2] * 9, date(2026, 11, 1), ident=2),
        at_day("phq9", [2] * 8 + [None], date(2026, 11, 10), ident=3),  # unscored
        at_day("gad7", [3] * 7, date(2026, 11, 15), ident=4),           # other instrument
        current,
        at_day("phq9", [3] * 9, date(2026, 11, 22), ident=5),           # later
    ]
    previous = previous_scored(history, current)
    assert previous is not None and previous.id == 2


# -- cadence ---------------------------------------------------------------------------------


def test_is_due_follows_the_cadence() -> None:
    who5, cbi = get_instrument("who5"), get_instrument("cbi-study")
    today = date(2026, 11, 25)
    assert is_due(who5, [], today)
    assert due_text(who5, [], today) == "Not taken yet"
    taken = [at_day("who5", [3] * 5, today - timedelta(days=13))]
    assert not is_due(who5, taken, today)
    assert next_due(who5, taken) == today + timedelta(days=1)
    assert due_text(who5, taken, today) == "Next in 1 day (26 Nov 2026)"
    assert is_due(who5, [at_day("who5", [3] * 5, today - timedelta(days=14))], today)
    assert due_text(who5, [at_day("who5", [3] * 5, today - timedelta(days=14))], today) \
        == "Due now"
    cbi_taken = [at_day("cbi-study", [50] * 7, today - timedelta(days=27))]
    assert not is_due(cbi, cbi_taken, today)
    assert is_due(cbi, [at_day("cbi-study", [50] * 7, today - timedelta(days=28))], today)
    # Other instruments and unscored attempts don't count.
    assert is_due(who5, [at_day("gad7", [0] * 7, today)], today)
    assert is_due(cbi, [at_day("cbi-study", [50, 50] + [None] * 5, today)], today)


# -- command-line answers and lookup ---------------------------------------------------------


def test_parse_answer_text_plain_values() -> None:
    assert parse_answer_text(get_instrument("who5"), "5, 4,3,2 ,1") == (5, 4, 3, 2, 1)


def test_parse_answer_text_cbi_positions_values_and_skips() -> None:
    study = get_instrument("cbi-study")
    assert parse_answer_text(study, "4,3,2,1,0,,100") == (100, 75, 50, 25, 0, None, 100)
    assert parse_answer_text(study, "100,75,50,25,0,-,4") == (100, 75, 50, 25, 0, None, 100)
    with pytest.raises(AnswerError, match="or 0–4 for those"):
        parse_answer_text(study, "4,3,2,1,0,5,0")
    with pytest.raises(AnswerError, match="'x' is not a number"):
        parse_answer_text(study, "4,3,2,1,0,x,0")
    with pytest.raises(AnswerError, match="7 questions; 3 answers"):
        parse_answer_text(study, "4,3,2")


def test_positions_are_only_for_cbi_scales() -> None:
    with pytest.raises(AnswerError, match="PHQ-9 question 1: 4 is not one of the answers"):
        parse_answer_text(get_instrument("phq9"), "4,0,0,0,0,0,0,0,0")


@pytest.mark.parametrize(("typed", "expected"), [
    ("who5", "who5"), ("WHO-5", "who5"), ("PHQ-9", "phq9"), ("phq_8", "phq8"),
    ("GAD7", "gad7"), ("cbi-study", "cbi-study"), ("CBI personal", "cbi-personal"),
])
def test_find_instrument_accepts_common_spellings(typed: str, expected: str) -> None:
    assert find_instrument(typed).id == expected


def test_find_instrument_unknown_names_the_choices() -> None:
    with pytest.raises(AnswerError, match="Unknown self-check 'pss'; choose one of: who5"):
        find_instrument("pss")
    with pytest.raises(AnswerError, match="cbi-personal and cbi-study"):
        find_instrument("cbi")


def test_format_score_and_band_range_text() -> None:
    assert format_score(52.0) == "52"
    assert format_score(275 / 6) == "45.8"
    who5, phq9, cbi = get_instrument("who5"), get_instrument("phq9"), get_instrument("cbi-study")
    assert [who5.band_range_text(b) for b in who5.bands] == ["0–28", "29–50", "51–100"]
    assert [phq9.band_range_text(b) for b in phq9.bands] == [
        "0–4", "5–9", "10–14", "15–19", "20–27"]
    assert [cbi.band_range_text(b) for b in cbi.bands] == [
        "0 to under 50", "50 to under 75", "≥ 75"]


# -- definition format checks ------------------------------------------------------------------


def raw_definition(name: str = "phq9.json") -> dict[str, Any]:
    folder = resources.files("selfcare_app.resources").joinpath("instruments")
    data: dict[str, Any] = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    return data


def test_parse_definition_round_trips_a_shipped_file() -> None:
    assert parse_definition(raw_definition()) == get_instrument("phq9")


@pytest.mark.parametrize("breakage", [
    lambda d: d.update(format="something-else"),
    lambda d: d["bands"][1].update(below=3),                     # bounds not increasing
    lambda d: d["bands"][-1].update(below=30),                   # last band not open-ended
    lambda d: d["bands"][0].update(max=4),                       # both max and below
    lambda d: d.update(sources=[]),
    lambda d: d["items"][0].update(options="nope"),
    lambda d: d["scoring"].update(min_answered=3),               # a sum needs every item
    lambda d: d.update(safety_item=10),
    lambda d: d["bands"][0]["support"].append({"kind": "web", "target": "x", "label": "x"}),
])
def test_parse_definition_rejects_broken_files(breakage: Any) -> None:
    data = copy.deepcopy(raw_definition())
    breakage(data)
    with pytest.raises(InstrumentDefinitionError):
        parse_definition(data)


# -- properties --------------------------------------------------------------------------------


@given(st.data())
def test_any_complete_answers_score_within_range_and_band(data: st.DataObject) -> None:
    inst = data.draw(st.sampled_from(list(load_instruments().values())))
    answers = [data.draw(st.sampled_from(item.options.values)) for item in inst.items]
    result = score(inst, answers, AT)
    assert result.score is not None
    assert inst.scoring.minimum <= result.score <= inst.scoring.maximum
    band = inst.band(result.band)
    assert band is not None and band.admits(result.score)
    earlier = inst.bands[: inst.bands.index(band)]
    assert not any(b.admits(result.score) for b in earlier)


def test_a_self_harm_answer_with_a_low_total_is_not_called_few_problems() -> None:
    from selfcare_app.core.instruments import band_wording

    phq9 = get_instrument("phq9")
    low = score(phq9, (0, 0, 0, 0, 0, 0, 0, 0, 1), datetime(2026, 1, 5, 9))
    band = phq9.band(low.band)
    assert band is not None and band.label == "Minimal range"
    label, description = band_wording(phq9, band, low)
    assert label == "Total score in the minimal range"
    assert "Few of these problems" not in description and "self-harm" in description
    calm = score(phq9, (0,) * 9, datetime(2026, 1, 5, 9))
    assert band_wording(phq9, band, calm) == (band.label, band.description)
