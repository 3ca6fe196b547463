"""core/alerts.py: the alert policy over simulated weeks (budget, bundling, headlines, R7
absorbing its parts, cooldown with hysteresis, level rules said once, the new-vault limit,
snooze, not helpful, quiet periods, S0, R8, and the not-helpful tally)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core import alerts as a
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.rules import RULE_IDS, Evidence, Finding, RuleConfig, RuleEngine

START = date(2025, 9, 1)  # a Monday
NOON = time(12)


def day(n: int) -> date:
    return START + timedelta(days=n)


class FakeEngine:
    """Rules fire on scheduled days (with a tier); every other day they are clear."""

    def __init__(self, schedule: Mapping[str, Mapping[int, int] | set[int] | range],
                 insufficient: Mapping[str, set[int]] | None = None,
                 episodes: Mapping[str, Mapping[int, str]] | None = None,
                 unlogged: set[int] | None = None, first_day: date | None = None,
                 facts: Mapping[str, Mapping[str, float | str]] | None = None) -> None:
        self.unlogged = unlogged or set()
        self.first_day = first_day
        self.facts = facts or {}
        self.schedule = {
            rule: (dict(days) if isinstance(days, Mapping) else dict.fromkeys(days, 1))
            for rule, days in schedule.items()
        }
        self.insufficient = insufficient or {}
        self.episodes = episodes or {}

    def findings(self, d: date) -> list[Finding]:
        n = (d - START).days
        out = []
        for rule, days in self.schedule.items():
            if n in days:
                episode = self.episodes.get(rule, {}).get(n, "")
                out.append(Finding(rule, d, d - timedelta(days=6), d,
                                   (Evidence(d, "stress", 8.0),), tier=days[n], episode=episode,
                                   facts=dict(self.facts.get(rule, {}))))
        return out

    def logged(self, d: date) -> bool:
        return (d - START).days not in self.unlogged

    def statuses(self, d: date) -> dict[str, str]:
        n = (d - START).days
        out = {}
        for rule in RULE_IDS:
            if n in self.schedule.get(rule, {}):
                out[rule] = "fires"
            elif n in self.insufficient.get(rule, set()):
                out[rule] = "insufficient"
            else:
                out[rule] = "clear"
        return out


def shown_days(history: list[a.Shown], rule: str) -> list[int]:
    return [(r.day - START).days for r in history if r.rule == rule]


def run(engine: FakeEngine, days: int, **kwargs: object) -> list[a.Shown]:
    history, _ = a.simulate(engine, START, day(days - 1), **kwargs)  # type: ignore[arg-type]
    return history


def mark(state: a.FindingState, until: int | None = None,
         rules: set[str] | None = None) -> a.Feedback:
    def feedback(d: date, record: a.Shown) -> a.Shown | None:
        if rules is not None and record.rule not in rules:
            return None
        return a.with_state(record, state, datetime.combine(d, NOON),
                            None if until is None else d + timedelta(days=until))
    return feedback


# -- cooldown and hysteresis -------------------------------------------------------------------


def test_a_condition_that_never_clears_is_shown_once() -> None:
    history = run(FakeEngine({"R1": range(0, 42)}), 42)
    assert shown_days(history, "R1") == [0]


def test_rearms_after_three_clear_days_once_the_cooldown_is_over() -> None:
    # Fires days 0-2, clear 3-5 (3 days), fires again from day 6: cooldown 7 d → shown on day 7.
    engine = FakeEngine({"R1": set(range(0, 3)) | set(range(6, 30))})
    assert shown_days(run(engine, 30), "R1") == [0, 7]


def test_two_clear_days_do_not_rearm() -> None:
    engine = FakeEngine({"R1": set(range(0, 3)) | set(range(5, 30))})
    assert shown_days(run(engine, 30), "R1") == [0]


def test_days_without_enough_data_neither_rearm_nor_break_the_clear_run() -> None:
    # clear 3, insufficient 4, clear 5-6: three clear days with a gap in between re-arm.
    engine = FakeEngine({"R1": set(range(0, 3)) | set(range(7, 30))}, {"R1": {4}})
    assert shown_days(run(engine, 30), "R1") == [0, 7]
    # insufficient 3-5: no clear day at all, so it stays disarmed.
    engine = FakeEngine({"R1": set(range(0, 3)) | set(range(6, 30))}, {"R1": {3, 4, 5}})
    assert shown_days(run(engine, 30), "R1") == [0]


def test_each_rule_has_its_own_cooldown() -> None:
    # R5 sleeps 10 days, R7 14; both clear on days 2-4 and fire on every other day.
    days = set(range(0, 2)) | set(range(5, 40))
    history = run(FakeEngine({"R5": days, "R7": days}), 40)
    assert shown_days(history, "R5") == [0, 10]
    assert shown_days(history, "R7") == [0, 14]


def test_escalation_rearms_without_clear_days() -> None:
    engine = FakeEngine({"R7": {**dict.fromkeys(range(0, 20), 2), **dict.fromkeys(range(20, 40),
                                                                                   3)}})
    history = run(engine, 40)
    assert shown_days(history, "R7") == [0, 20]
    # The same tier throughout is never shown again.
    assert shown_days(run(FakeEngine({"R7": range(0, 40)}), 40), "R7") == [0]


def test_escalation_still_waits_for_the_cooldown() -> None:
    engine = FakeEngine({"R7": {**dict.fromkeys(range(0, 5), 2), **dict.fromkeys(range(5, 30),
                                                                                  3)}})
    assert shown_days(run(engine, 30), "R7") == [0, 14]


# -- not helpful, snooze -----------------------------------------------------------------------


def test_not_helpful_doubles_the_cooldown() -> None:
    engine = FakeEngine({"R2": set(range(0, 2)) | set(range(5, 40))})
    assert shown_days(run(engine, 40, feedback=mark("seen")), "R2") == [0, 7]
    assert shown_days(run(engine, 40, feedback=mark("not-helpful")), "R2") == [0, 14]


@pytest.mark.parametrize(("choice", "expected"), [("1 day", 1), ("3 days", 3), ("1 week", 7)])
def test_snooze_brings_a_still_active_finding_back_after_the_snooze(choice: str,
                                                                     expected: int) -> None:
    def snooze_first(d: date, record: a.Shown) -> a.Shown | None:
        if d != START:
            return None
        return a.with_state(record, "snoozed", datetime.combine(d, NOON), a.snooze_until(d, choice))

    history = run(FakeEngine({"R6": range(0, 30)}), 30, feedback=snooze_first)
    # Comes back on the snooze day without waiting for cooldown or clear days, then rests.
    assert shown_days(history, "R6") == [0, expected]


def test_snooze_until_a_date_after_exams() -> None:
    until = day(12)

    def snooze(d: date, record: a.Shown) -> a.Shown | None:
        return a.with_state(record, "snoozed", datetime.combine(d, NOON), until) \
            if d == START else None

    history = run(FakeEngine({"R3": range(0, 30)}), 30, feedback=snooze)
    assert shown_days(history, "R3") == [0, 12]
    # If the condition is gone by then, nothing comes back.
    history = run(FakeEngine({"R3": range(0, 10)}), 30, feedback=snooze)
    assert shown_days(history, "R3") == [0]


def test_snooze_choices_and_s0_cannot_be_snoozed() -> None:
    assert a.snooze_until(START, "3 days") == day(3)
    assert a.snooze_until(START, day(20)) == day(20)
    with pytest.raises(ValueError):
        a.snooze_until(START, START)
    with pytest.raises(ValueError):
        a.snooze_until(START, "2 hours")
    s0 = a.Shown(Finding("S0", START, START, START, (Evidence(START, "not-safe", 1.0),)))
    with pytest.raises(ValueError, match="can't be snoozed"):
        a.with_state(s0, "snoozed", datetime.combine(START, NOON), day(1))
    assert a.with_state(s0, "seen", datetime.combine(START, NOON)).state == "seen"


def test_with_state_keeps_a_change_history() -> None:
    r = a.Shown(Finding("R1", START, START, START, ()))
    at1, at2 = datetime.combine(START, NOON), datetime.combine(day(1), NOON)
    r = a.with_state(a.with_state(r, "snoozed", at1, day(3)), "not-helpful", at2)
    assert r.state == "not-helpful" and r.snoozed_until is None
    assert r.changes == ((at1, "snoozed"), (at2, "not-helpful"))


# -- budget and bundling -----------------------------------------------------------------------


def test_budget_one_card_a_day_three_a_week_over_six_weeks() -> None:
    # A new rule starts firing every day, as if everything were going wrong at once.
    rules = ["R1", "R1b", "R2", "R3", "R4", "R5", "R6", "R7", "Q1", "Q2", "Q3", "Q4"]
    engine = FakeEngine({r: range(i, 42) for i, r in enumerate(rules)},
                        episodes={r: dict.fromkeys(range(42), "x") for r in rules if r[0] == "Q"})
    history, decisions = a.simulate(engine, START, day(41))
    card_days = sorted({r.day for r in history})
    assert card_days, "some card must be shown"
    for d in card_days:
        window = [c for c in card_days if d - timedelta(days=6) <= c <= d]
        assert len(window) <= 3, (d, window)
    # Every rule is shown eventually (held findings wait, they aren't dropped) and once only.
    assert sorted({r.rule for r in history}) == sorted(rules)
    assert len(history) == len(rules)
    assert any(reason == "budget-week" for dec in decisions for reason in dec.held.values())


def test_findings_firing_together_are_bundled_into_one_card() -> None:
    history, decisions = a.simulate(FakeEngine({"R1": {0}, "R2": {0}, "R6": {0}}), START, START)
    assert {r.rule for r in history} == {"R1", "R2", "R6"}
    assert {r.day for r in history} == {START}
    assert len(decisions[0].show) == 3


def test_a_second_card_the_same_day_waits_for_tomorrow() -> None:
    first = a.decide(START, FakeEngine({"R1": {0}}).findings(START), [],
                     FakeEngine({}).statuses)
    history = [a.Shown(f) for f in first.to_record]
    later = a.decide(START, FakeEngine({"R1": {0}, "R2": {0}}).findings(START), history,
                     FakeEngine({}).statuses)
    assert later.show == ()
    assert later.held == {"R1": "cooldown", "R2": "budget-day"}


# -- quiet periods and S0 ----------------------------------------------------------------------


def test_quiet_period_holds_everything_but_s0_and_r8_then_lets_findings_through() -> None:
    quiet = [a.QuietPeriod(day(3), day(9), "exams")]
    engine = FakeEngine({"R1": range(3, 20), "R2": range(4, 8), "S0": {5}, "R8": {7}},
                        episodes={"S0": {5: "not-safe@x"}})
    history, decisions = a.simulate(engine, START, day(19), quiet=quiet)
    assert [(r.rule, (r.day - START).days) for r in history] == [
        ("S0", 5), ("R8", 7), ("R1", 10)]
    assert decisions[4].held == {"R1": "quiet", "R2": "quiet"}
    assert decisions[5].open_crisis and decisions[5].safety


def test_s0_is_exempt_from_budget_and_cooldown_and_opens_the_crisis_card_once_per_event() -> None:
    rules = {"R1": {0}, "R2": {1}, "R6": {2}, "R4": {3}}
    s0_days = range(3, 9)
    engine = FakeEngine({**rules, "S0": s0_days},
                        episodes={"S0": {n: "phq9.item9@a" if n < 6 else "phq9.item9@a|not-safe@b"
                                         for n in s0_days}})
    history, decisions = a.simulate(engine, START, day(8))
    for n in s0_days:
        assert decisions[n].safety, n  # always shown while active
    assert [n for n in s0_days if decisions[n].open_crisis] == [3, 6]  # once per new event
    assert shown_days(history, "S0") == [3, 6]
    # S0 records don't use up the proactive budget: R4 waits only for the weekly budget.
    assert decisions[3].held == {"R4": "budget-week"}


def test_quiet_period_validation() -> None:
    with pytest.raises(ValueError):
        a.QuietPeriod(day(5), day(4))
    assert a.quiet_on(day(4), [a.QuietPeriod(day(1), day(4))]) is not None
    assert a.quiet_on(day(5), [a.QuietPeriod(day(1), day(4))]) is None


# -- Q rules: once per self-check --------------------------------------------------------------


def test_q_rules_show_once_per_administration() -> None:
    episodes = {n: ("who5@1" if n < 14 else "who5@2") for n in range(30)}
    engine = FakeEngine({"Q1": range(0, 30)}, episodes={"Q1": episodes})
    assert shown_days(run(engine, 30), "Q1") == [0, 14]


# -- learning loop -----------------------------------------------------------------------------


def _records(rule: str, states: list[a.FindingState]) -> list[a.Shown]:
    return [a.Shown(Finding(rule, day(i * 8), day(i * 8), day(i * 8), ()), s)
            for i, s in enumerate(states)]


def test_tally_and_suggestion_when_more_than_half_not_helpful() -> None:
    history = (_records("L1", ["not-helpful", "seen", "not-helpful"])
               + _records("R2", ["not-helpful", "seen"])
               + _records("S0", ["not-helpful"] * 3)
               + _records("R7", ["not-helpful"]))
    counts = a.tally(history)
    assert (counts["L1"].shown, counts["L1"].not_helpful) == (3, 2)
    suggestions = a.tuning_suggestions(history)
    assert [s.rule for s in suggestions] == ["L1"]  # R2 is exactly half; R7 has one card
    s = suggestions[0]
    assert (s.current, s.suggested) == (7.0, 6.75)
    assert "lower \"Average sleep below (hours)\" from 7 to 6.75" in s.text()
    stress = a.tuning_suggestions(_records("L2", ["not-helpful"] * 2))[0]
    assert (stress.current, stress.suggested) == (7, 8) and "raise" in stress.text()


def test_no_suggestion_for_a_rule_already_off_or_at_its_limit() -> None:
    history = _records("L2", ["not-helpful"] * 3)
    assert a.tuning_suggestions(history, RuleConfig().with_enabled("L2", False)) == []
    at_limit = RuleConfig().with_value("L2", "stress_at_least", 10)
    only = a.tuning_suggestions(history, at_limit)
    assert only[0].threshold is None and "turn it off" in only[0].text()


# -- the real engine over a simulated term -----------------------------------------------------


def _term() -> tuple[list[DailyEntry], list[Assessment]]:
    """Three calm weeks, two weeks of short nights and stress, a week of recovery, again."""
    entries = []
    for n in range(70):
        bad = 21 <= n < 35 or 42 <= n < 56
        entries.append(DailyEntry(day=day(n), sleep_hours=5.5 if bad else 7.5,
                                  stress=8 if bad else 3, energy=3 if bad else 7,
                                  mood=4 if bad else 7, social=0 if bad else 2,
                                  study_hours=11 if bad else 6))
    return entries, []


def test_real_engine_over_a_term_respects_the_budget_and_rearms_after_recovery() -> None:
    entries, checks = _term()
    engine = RuleEngine(entries, checks)
    history, _ = a.simulate(engine, START, day(69))
    days = sorted({r.day for r in history})
    for d in days:
        assert len([c for c in days if d - timedelta(days=6) <= c <= d]) <= 3
    # The first bad spell is noticed, and after a week of recovery the second one is too.
    assert any(day(21) <= d < day(35) for d in days)
    assert any(day(42) <= d < day(56) for d in days)
    # R7 leads and absorbs its parts: none of them is shown on its own while it rests.
    assert shown_days(history, "R7") == [23]
    assert not {r.rule for r in history} & {"R1", "R1b", "R2", "R3", "R6"}
    # Level rules are said once per state: L1 on the first bad day, never again while it holds.
    assert shown_days(history, "L1") == [22]


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["R1", "R2", "R3", "R5", "R6", "R7", "S0"]),
                       st.sets(st.integers(0, 27), max_size=28), max_size=7),
       st.lists(st.sampled_from(["seen", "dismissed", "not-helpful", "snoozed"]), max_size=5))
def test_policy_invariants_hold_for_any_schedule(schedule: dict[str, set[int]],
                                                 states: list[str]) -> None:
    engine = FakeEngine(schedule, episodes={"S0": dict.fromkeys(range(28), "e")})
    cycle = iter(states * 20)

    def feedback(d: date, record: a.Shown) -> a.Shown | None:
        state = next(cycle, "seen")
        if record.rule == "S0" or state == "seen":
            return None
        return a.with_state(record, state, datetime.combine(d, NOON),  # type: ignore[arg-type]
                            d + timedelta(days=3) if state == "snoozed" else None)

    history, decisions = a.simulate(engine, START, day(27), feedback=feedback)
    proactive = sorted({r.day for r in history if r.rule != "S0"})
    for d in proactive:
        assert len([c for c in proactive if d - timedelta(days=6) <= c <= d]) <= 3
    for dec in decisions:
        n = (dec.day - START).days
        assert all(n in schedule[f.rule] for f in dec.show)  # only active rules are shown
        assert bool(dec.safety) == (n in schedule.get("S0", set()))


# -- v0.2 presentation ---------------------------------------------------------------------------


def test_headline_order_s0_r8_r7_q2_change_by_distance_selfchecks_levels() -> None:
    facts = {"R1": {"z": 1.2}, "R2": {"z": 2.5}, "R7": {"parts": "R4,R6"}}
    rules = ["L1", "Q1", "R1", "R2", "Q2", "R7", "R8", "L3"]
    engine = FakeEngine({r: {0} for r in rules}, facts=facts,
                        episodes={"Q1": {0: "a"}, "Q2": {0: "b"}})
    decision = a.decide(START, engine.findings(START), [], engine.statuses)
    assert [f.rule for f in decision.show] == ["R8", "R7", "Q2", "R2", "R1", "Q1", "L1", "L3"]
    assert decision.headline is not None and decision.headline.rule == "R8"


def test_r7_replaces_its_parts_on_the_card_and_while_it_rests() -> None:
    engine = FakeEngine({"R7": range(0, 30), "R1": range(0, 30), "R2": range(0, 30),
                         "R4": {20}}, facts={"R7": {"parts": "R1,R2"}})
    history, decisions = a.simulate(engine, START, day(29))
    assert [f.rule for f in decisions[0].show] == ["R7"]
    assert decisions[0].held == {"R1": "absorbed", "R2": "absorbed"}
    # The parts never come back on their own while the state holds; a new sign does.
    assert [(r.rule, (r.day - START).days) for r in history] == [("R7", 0), ("R4", 20)]
    assert decisions[5].held["R1"] == "absorbed"


def test_level_rule_said_once_rearms_after_seven_clear_logged_days_and_28_days() -> None:
    # Fires 0-9, clear 10-16 (7 days, all logged), fires from 17: shown again on day 28.
    engine = FakeEngine({"L1": set(range(0, 10)) | set(range(17, 60))})
    assert shown_days(run(engine, 60), "L1") == [0, 28]
    # Six clear days are not enough.
    engine = FakeEngine({"L1": set(range(0, 10)) | set(range(16, 60))})
    assert shown_days(run(engine, 60), "L1") == [0]
    # Days without an entry don't count as clear: with day 12 unlogged it needs day 17 too.
    engine = FakeEngine({"L1": set(range(0, 10)) | set(range(17, 60))}, unlogged={12})
    assert shown_days(run(engine, 60), "L1") == [0]


def test_change_rule_rearm_counts_logged_days_only() -> None:
    engine = FakeEngine({"R1": set(range(0, 3)) | set(range(6, 30))}, unlogged={4})
    assert shown_days(run(engine, 30), "R1") == [0]  # only two logged clear days


def test_new_vault_shows_at_most_one_level_card_in_its_first_two_weeks() -> None:
    engine = FakeEngine({"L1": range(5, 40), "L2": range(5, 40), "L3": range(8, 40),
                         "L6": range(10, 40)}, first_day=START)
    history, decisions = a.simulate(engine, START, day(39))
    early = [r for r in history if r.day < day(14)]
    assert [(r.rule, (r.day - START).days) for r in early] == [("L1", 5)]
    assert decisions[5].held == {"L2": "new-vault"}
    # After the first two weeks the others may come, one card a day.
    assert {r.rule for r in history} == {"L1", "L2", "L3", "L6"}


def test_replay_lists_what_was_newly_shown_each_day_headline_first() -> None:
    engine = FakeEngine({"R2": {1}, "R1": {1}, "S0": {3}}, facts={"R1": {"z": 3}},
                        episodes={"S0": {3: "not-safe@x"}})
    days = a.replay(engine, START, day(4))
    assert [(d, [f.rule for f in shown]) for d, shown in days] == [
        (day(0), []), (day(1), ["R1", "R2"]), (day(2), []), (day(3), ["S0"]), (day(4), [])]
