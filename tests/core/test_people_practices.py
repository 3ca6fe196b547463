"""My people and practices, pure: validation, whom to offer first, what went with better days."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.own_support import NO_PEOPLE_TEXT, own_support
from selfcare_app.core.people import (
    KINDS,
    Person,
    PersonError,
    offer_text,
    people_to_offer,
    validate_person,
)
from selfcare_app.core.practices import (
    DEFAULT_PRACTICES,
    MAX_PRACTICES,
    PracticeListError,
    display_name,
    practice_counts,
    validate_practice_list,
)

TODAY = date(2026, 3, 1)
PEOPLE = [
    Person("Dr Lee", "counselor", position=1),
    Person("Mum", "family", last_talked=date(2026, 2, 1), position=2),
    Person("Sam", "friend", last_talked=date(2026, 2, 27), position=3),
    Person("Ana", "friend", position=4),  # never talked: longest ago
    Person("Study group", "peer-group", position=5),
]


def test_less_contact_offers_friends_and_peers_before_a_counselor() -> None:
    assert [p.name for p in people_to_offer(PEOPLE, "R5", 4)] == [
        "Ana", "Sam", "Study group", "Mum"]
    assert [p.name for p in people_to_offer(PEOPLE, "R8", 3)] == ["Ana", "Sam", "Mum"]
    assert [p.name for p in people_to_offer(PEOPLE, "R2", 1)] == ["Dr Lee"]
    assert people_to_offer([], "R5") == [] and people_to_offer(PEOPLE, "R5", 0) == []


def test_offer_text_is_warm_and_empty_without_people() -> None:
    assert offer_text([]) == ""
    assert offer_text(PEOPLE[2:4]) == "From your people: Sam or Ana might be good to reach out to."


def test_person_validation_cleans_and_limits() -> None:
    p = validate_person({"name": "  Sam\u0007  the  friend ", "kind": "friend",
                         "last_talked": "2026-02-28"}, TODAY)
    assert p.name == "Sam the friend" and p.last_talked == date(2026, 2, 28)
    with pytest.raises(PersonError) as info:
        validate_person({"name": "x" * 81, "contact": "y" * 201, "last_talked": "yesterday"},
                        TODAY)
    assert set(info.value.errors) == {"name", "contact", "last_talked"}
    assert Person("A", "friend", id=1) == Person("A", "friend", id=2)  # ids don't matter


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "kind", "contact", "note", "last_talked",
                                        "position"]),
                       st.none() | st.text(max_size=90) | st.integers(-5, 20_000)
                       | st.sampled_from(KINDS) | st.dates()))
def test_validate_person_never_crashes(values: dict[str, object]) -> None:
    try:
        p = validate_person(values, TODAY)
    except PersonError as exc:
        assert exc.errors
    else:
        assert p.name and p.kind in KINDS and (p.last_talked is None or p.last_talked <= TODAY)


def test_practice_list_rules() -> None:
    assert validate_practice_list([" a walk ", "A WALK", "", "yoga"]) == ("a walk", "yoga")
    with pytest.raises(PracticeListError, match=f"at most {MAX_PRACTICES}"):
        validate_practice_list([f"p{i}" for i in range(MAX_PRACTICES + 1)])
    with pytest.raises(PracticeListError, match="40 characters"):
        validate_practice_list(["x" * 41])
    assert len(DEFAULT_PRACTICES) == 7 and display_name("a walk") == "A walk"
    entries = [DailyEntry(day=TODAY, practices=("A Walk",)),
               DailyEntry(day=TODAY - timedelta(days=1), practices=("a walk", "yoga"))]
    assert practice_counts(entries, ["a walk", "a break"]) == {"a walk": 2, "a break": 0}


def _walk_log() -> list[DailyEntry]:
    rng = random.Random(2)
    return [DailyEntry(day=TODAY - timedelta(days=i), stress=round(rng.gauss(6, 1)) - 3 * (i % 2),
                       practices=("a walk",) if i % 2 else ()) for i in range(60)]


def test_own_support_offers_people_first_for_r5_and_r8_then_practices() -> None:
    r5 = own_support("R5", PEOPLE, _walk_log())
    assert [p.name for p in r5.people] == ["Ana", "Sam"]
    assert r5.lines == ("From your people: Ana or Sam might be good to reach out to.",
                        "In your own logs, a walk went with better days.")
    r2 = own_support("R2", PEOPLE, _walk_log())
    assert r2.people == () and r2.lines == ("In your own logs, a walk went with better days.",)
    assert not own_support("R2", PEOPLE, [])
    assert not own_support("S0", PEOPLE, _walk_log())
    assert own_support("R8", [], []).lines == (NO_PEOPLE_TEXT,)
    # A practice no longer on the student's list is not suggested.
    assert own_support("R2", [], _walk_log(), practice_list=["a break"]).lines == ()
