"""Our JSON export format: complete, versioned, and strict when read back."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core.alerts import QuietPeriod
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.exchange import (
    FileFormatError,
    ImportFileError,
    RowsRejectedError,
    decode_text,
)
from selfcare_app.core.json_format import build_document, dumps, parse_document
from selfcare_app.core.records import FindingRecord, SafetyEventRecord
from selfcare_app.core.resource import Resource, ResourceData

TODAY = date(2026, 3, 1)
# Fuzz examples per importer test: modest by default; SECURITY.md §b.16 runs 2,000 in CI.
FUZZ = int(os.environ.get("SELFCARE_FUZZ_EXAMPLES", "100"))
STAMP = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


def sample_document() -> dict[str, Any]:
    return build_document(
        entries=[DailyEntry(day=date(2026, 1, 5), stress=7, sleep_hours=6.5, study_hours=10.0,
                            mood=4, energy=3, social=1, tags=("exam",), note="Ünïcode ✓\nline 2",
                            created_at=STAMP, updated_at=STAMP)],
        assessments=[Assessment("phq9", "1", datetime(2026, 1, 6, 10, 0),
                                (0, 1, 2, 1, 0, 1, 2, 0, 0), 7.0, "mild",
                                MappingProxyType({"x": 1.5}))],
        findings=[FindingRecord("R2", date(2026, 1, 7), date(2026, 1, 1), date(2026, 1, 7),
                                "Stress has been high most days recently.", "dismissed",
                                [{"day": "2026-01-01", "stress": 8}], None,
                                "2026-01-07T08:00:00+00:00")],
        safety_events=[SafetyEventRecord("2026-01-06T10:00:00", "phq9-item9", "")],
        quiet_periods=[QuietPeriod(date(2026, 4, 1), date(2026, 4, 14), "Finals")],
        resources=[Resource(0, ResourceData("My tutor", "academic", phone="+1 555 0100"),
                            "user", favourite=True,
                            created_at=datetime(2026, 1, 1, tzinfo=UTC),
                            updated_at=datetime(2026, 1, 1, tzinfo=UTC))],
        settings={"region": "uk", "auto_lock_minutes": 10},
        app_version="0.1.0", exported_at=STAMP,
    )


def test_document_is_versioned_and_round_trips() -> None:
    doc = sample_document()
    assert (doc["format"], doc["version"]) == ("selfcare-export", 2)
    bundle = parse_document(dumps(doc), TODAY)
    assert [e.entry for e in bundle.entries] == [DailyEntry(
        day=date(2026, 1, 5), stress=7, sleep_hours=6.5, study_hours=10.0, mood=4, energy=3,
        social=1, tags=("exam",), note="Ünïcode ✓\nline 2")]
    assert bundle.entries[0].entry.created_at == STAMP
    assert build_document(
        entries=[e.entry for e in bundle.entries],
        assessments=[a for a, _ in bundle.assessments],
        findings=[f for f, _ in bundle.findings],
        safety_events=[s for s, _ in bundle.safety_events],
        quiet_periods=[q for q, _ in bundle.quiet_periods],
        resources=[r for r, _ in bundle.resources], settings=bundle.settings,
        app_version="0.1.0", exported_at=STAMP) == doc


@pytest.mark.parametrize("text, words", [
    ('{"format": "selfcare-export", "version": 1, "entries": [{"day": "2026-01-01", '
     '"sleep_hours": NaN}]}', "NaN is not allowed"),
    ('{"format": "selfcare-export", "version": 1, "settings": {"a": Infinity}}',
     "Infinity is not allowed"),
    ('{"format": "selfcare-export", "version": 1, "settings": {"a": -Infinity}}',
     "-Infinity is not allowed"),
    ('{"format": "selfcare-export", "version": 1, "settings": {"a": 1e999}}', "too large"),
    ('{"format": "selfcare-export", "version": 1, "settings": {"a": ' + "9" * 5000 + "}}",
     "5000 digits"),
    ('{"format": "selfcare-export", "format": "x", "version": 1}', "appears twice"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "selfcare-export", "version": 1, "settings": {"a": "\\ud800"}}',
     "lone UTF-16 surrogate"),
    ('{"format": "selfcare-export", "version": 1,', "not valid JSON"),
    ('{"format": "other", "version": 1}', "not a Selfcare export"),
    ('{"format": "selfcare-export", "version": 3}', "newer version of Selfcare"),
    ('{"format": "selfcare-export", "version": "1"}', "no valid format version"),
    ('{"format": "selfcare-export", "version": 1, "extra": []}', "an unknown section 'extra'"),
    ('{"format": "selfcare-export", "version": 1, "entries": {}}', "'entries' should be a list"),
])
def test_malformed_json_is_refused_precisely(text: str, words: str) -> None:
    with pytest.raises(FileFormatError) as info:
        parse_document(text, TODAY)
    assert words in str(info.value)


def _doc(**sections: Any) -> str:
    return json.dumps({"format": "selfcare-export", "version": 1, **sections})


def test_every_bad_record_is_listed_by_path() -> None:
    text = _doc(
        entries=[{"day": "2026-01-01", "mood": 5}, {"day": "1969-01-01", "mood": 5},
                 {"day": "2026-01-02", "stress": True}, {"day": "2026-01-03", "colour": 1},
                 {"day": "2026-01-01", "mood": 6}, {"day": "2026-01-04", "tags": [1]}],
        self_checks=[{"instrument": "phq9", "taken_at": "2026-01-01T10:00:00",
                      "answers": [0, 1.5]}],
        findings=[{"rule": "R1a", "day": "2026-01-05", "window_start": "2026-01-07",
                   "window_end": "2026-01-01", "message": "x"}],
        resources=[{"name": "x", "category": "spa"}],
        safety_events=[{"at": "soon", "source": "x"}],
    )
    with pytest.raises(RowsRejectedError) as info:
        parse_document(text, TODAY)
    got = {r.where: r.message for r in info.value.rejections}
    assert "too early" in got["entries[1] (1969-01-01)"]
    assert "Stress must be" in got["entries[2] (2026-01-02)"]
    assert "an unknown key 'colour'" in got["entries[3]"]
    assert "appears more than once (also entries[0])" in got["entries[4]"]
    assert got["entries[5].tags"] == "should be a list of texts."
    assert got["self_checks[0].answers[1]"] == "should be a whole number."
    assert got["findings[0].window_end"] == "is before window_start."
    assert "should be one of crisis" in got["resources[0].category"]
    assert "is not a date and time" in got["safety_events[0].at"]


def test_future_entries_are_refused_but_planned_quiet_periods_are_fine() -> None:
    with pytest.raises(RowsRejectedError, match="in the future"):
        parse_document(_doc(entries=[{"day": "2026-03-02", "mood": 5}]), TODAY)
    bundle = parse_document(_doc(quiet_periods=[{"start_day": "2026-06-01",
                                                 "end_day": "2026-06-10"}]), TODAY)
    assert bundle.quiet_periods[0][0].label == ""


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(["2026-01-01", "2026-01-01T10:00:00", "phq9"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["day", "mood", "stress", "tags", "note", "instrument", "taken_at",
                         "answers", "rule", "window_start", "window_end", "message", "at",
                         "source", "name", "category", "start_day", "end_day", "x"]),
        children, max_size=5),
    max_leaves=20)


@settings(max_examples=FUZZ, deadline=None)
@given(st.dictionaries(st.sampled_from(["entries", "self_checks", "findings", "safety_events",
                                        "quiet_periods", "resources", "settings"]), _JSON,
                       max_size=4))
def test_structured_garbage_raises_only_import_errors(sections: dict[str, Any]) -> None:
    try:
        parse_document(_doc(**sections), TODAY)
    except ImportFileError:
        pass


@settings(max_examples=FUZZ, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_import_errors(data: bytes) -> None:
    try:
        parse_document(decode_text(b'{"format": "selfcare-export", "version": 1, ' + data),
                       TODAY)
    except ImportFileError:
        pass


def test_deeply_nested_setting_values_are_refused() -> None:
    deep: Any = 1
    for _ in range(25):  # deeper than a setting may be, within the reader's 32 levels
        deep = [deep]
    with pytest.raises(RowsRejectedError, match="nested too deeply"):
        parse_document(_doc(settings={"x": deep}), TODAY)
    for _ in range(25):  # past core.strict_reader.MAX_DEPTH: the whole file is refused
        deep = [deep]
    with pytest.raises(FileFormatError, match="nested too deeply"):
        parse_document(_doc(settings={"x": deep}), TODAY)
