"""Shared import machinery: decoding, format detection, conflicts, and our own CSV format."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core.csv_format import (
    HEADER,
    join_tags,
    neutralise,
    parse_csv,
    split_tag_cell,
    unneutralise,
    write_csv,
)
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.exchange import (
    MAX_IMPORT_BYTES,
    FileEncodingError,
    FileFormatError,
    FileTooLargeError,
    IncomingEntry,
    OnConflict,
    RowsRejectedError,
    check_size,
    decode_text,
    detect_format,
    merge_entries,
    plan_entries,
)

TODAY = date(2026, 3, 1)
# Fuzz examples per importer test: modest by default; SECURITY.md §b.16 runs 2,000 in CI.
FUZZ = int(os.environ.get("SELFCARE_FUZZ_EXAMPLES", "100"))
# Files written before practices existed have no practices column; they still import.
HEAD = ",".join(h for h in HEADER if h != "practices")


# -- decoding ------------------------------------------------------------------------------


def test_bom_is_dropped_and_utf8_read() -> None:
    assert decode_text("\ufeffday,mood\n".encode()) == "day,mood\n"
    assert decode_text("día ✓".encode()) == "día ✓"


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"  \n\r\n ", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    (b"day,mood\n2026-01-01,\x005\n", "NUL byte on line 2"),
    (b"day,note\n2026-01-01,ok\n2026-01-02,caf\xe9\n", "byte 0xE9 on line 3"),
    ("day".encode("utf-16"), "UTF-16"),
])
def test_bad_bytes_get_a_precise_message(data: bytes, words: str) -> None:
    with pytest.raises((FileEncodingError, FileFormatError)) as info:
        decode_text(data)
    assert words in str(info.value)
    assert "imported" in str(info.value) or "import" in str(info.value)


def test_size_is_checked_before_reading() -> None:
    check_size(MAX_IMPORT_BYTES)
    with pytest.raises(FileTooLargeError, match="100.0 MB"):
        check_size(100 * 1_048_576)


@pytest.mark.parametrize("text, kind", [
    ('  {"format": "selfcare-export"}', "json"),
    ("day,stress\n", "csv"),
    ('"day","mood"\n', "csv"),
    ("full_date,date,weekday,time,mood,activities,note_title,note\n", "daylio"),
    ("year,date,weekday,time,mood,activities,note\n", "daylio"),
])
def test_format_is_detected_from_content(text: str, kind: str) -> None:
    assert detect_format(text) == kind


def test_unknown_format_is_named() -> None:
    with pytest.raises(FileFormatError, match="not recognised"):
        detect_format("date,flow\n2026-01-01,3\n")


# -- CSV neutralisation ---------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\")"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["plain", "", "1=1", " =x", "ok-ish"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_cells_starting_with_an_apostrophe_survive_a_round_trip() -> None:
    assert neutralise("'tis") == "''tis"
    assert unneutralise(neutralise("'=x")) == "'=x"


@given(st.text(max_size=30))
def test_neutralise_is_reversible_and_never_leaves_a_formula(cell: str) -> None:
    out = neutralise(cell)
    assert unneutralise(out) == cell
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=5))
def test_tag_cells_round_trip_even_with_separators(tags: list[str]) -> None:
    assert split_tag_cell(join_tags(tags)) == tags


def test_written_csv_neutralises_notes_and_tags() -> None:
    text = write_csv([DailyEntry(day=date(2026, 1, 2), mood=5, tags=("=cmd",),
                                 note="-3 and @home")])
    lines = text.splitlines()
    assert lines[0] == ",".join(HEADER)
    assert lines[1] == "2026-01-02,,,,5,,,'=cmd,'-3 and @home,"  # no practices


# -- our CSV ------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_field() -> None:
    entries = [
        DailyEntry(day=date(2026, 1, 1), stress=7, sleep_hours=6.25, study_hours=9.5, mood=4,
                   energy=3, social=0, tags=("exam", "a;b", "back\\slash"),
                   note="line 1\nline 2, \"quoted\"\n=not a formula"),
        DailyEntry(day=date(2026, 1, 3), note="'tis only a note"),
    ]
    parsed = parse_csv(write_csv(entries), TODAY)
    assert [p.entry for p in parsed] == entries
    assert [p.where for p in parsed] == ["line 2", "line 5"]  # the first note spans 3 lines


def test_csv_rejects_every_bad_row_with_its_line() -> None:
    text = (f"{HEAD}\n"
            "2026-01-01,3,,,,,,,\n"
            "2026-01-02,12,,,,,,,\n"            # stress out of range
            "2026-01-03,,NaN,,,,,,\n"           # NaN
            "2026-01-04,,,inf,,,,,\n"           # Infinity
            "2027-01-01,,,,5,,,,\n"             # in the future
            "1969-12-31,,,,5,,,,\n"             # too early
            "2026-02-30,,,,5,,,,\n"             # not a date
            "2026-01-01,,,,5,,,,\n"             # the same day twice
            "2026-01-05,,,,5\n")                # too few cells
    with pytest.raises(RowsRejectedError) as info:
        parse_csv(text, TODAY)
    where = [r.where for r in info.value.rejections]
    assert where == [f"line {n}" for n in range(3, 11)]
    messages = " | ".join(r.message for r in info.value.rejections)
    for words in ("Stress must be", "you entered 12", "'NaN' is not a number",
                  "'inf' is not a number", "in the future", "too early",
                  "not a valid date", "appears more than once (also line 2)", "has 5 cells"):
        assert words in messages
    assert info.value.total == 9


def test_csv_unknown_and_repeated_columns_are_refused() -> None:
    with pytest.raises(FileFormatError, match="'weather'"):
        parse_csv("day,mood,weather\n2026-01-01,5,sunny\n", TODAY)
    with pytest.raises(FileFormatError, match="Column mood appears more than once"):
        parse_csv("day,mood,mood\n2026-01-01,5,5\n", TODAY)
    with pytest.raises(FileFormatError, match="no 'day' column"):
        parse_csv("mood\n5\n", TODAY)


def test_csv_with_only_a_header_imports_nothing() -> None:
    with pytest.raises(FileFormatError, match="no entries"):
        parse_csv(HEAD + "\n", TODAY)


def test_csv_field_over_128_kb_is_refused_with_its_line() -> None:
    text = f"{HEAD}\n2026-01-01,,,,5,,,,ok\n2026-01-02,,,,5,,,,\"{'x' * 131_073}\"\n"
    with pytest.raises(FileFormatError, match="Line 3 has a field longer than 128 KB"):
        parse_csv(text, TODAY)


def test_csv_missing_closing_quote_is_reported() -> None:
    with pytest.raises(FileFormatError, match="closing quote"):
        parse_csv(f'{HEAD}\n2026-01-01,,,,5,,,,"never closed\n', TODAY)


def test_csv_columns_may_be_a_subset_in_any_order() -> None:
    parsed = parse_csv("note,day,mood\nhello,2026-01-01,6\n", TODAY)
    assert parsed[0].entry == DailyEntry(day=date(2026, 1, 1), mood=6, note="hello")


# -- conflicts -------------------------------------------------------------------------------


def _inc(entry: DailyEntry, where: str = "line 2") -> IncomingEntry:
    return IncomingEntry(entry, where)


OLD = DailyEntry(day=date(2026, 1, 1), stress=5, mood=6, tags=("exam",), note="mine")
NEW = DailyEntry(day=date(2026, 1, 1), stress=8, sleep_hours=7.0, tags=("Exam", "gym"),
                 note="theirs")
FRESH = DailyEntry(day=date(2026, 1, 2), mood=3)


def test_keep_adds_new_days_and_leaves_existing_ones() -> None:
    plan = plan_entries([_inc(NEW), _inc(FRESH), _inc(OLD)], {OLD.day: OLD},
                        OnConflict.KEEP, TODAY)
    assert plan.to_write == (FRESH,)
    assert (plan.counts.added, plan.counts.updated, plan.counts.skipped,
            plan.counts.conflicts) == (1, 0, 2, 1)


def test_identical_days_are_skipped_not_conflicts() -> None:
    plan = plan_entries([_inc(OLD)], {OLD.day: OLD}, OnConflict.REPLACE, TODAY)
    assert plan.to_write == () and plan.counts.skipped == 1 and plan.counts.conflicts == 0


def test_replace_overwrites_the_day() -> None:
    plan = plan_entries([_inc(NEW)], {OLD.day: OLD}, OnConflict.REPLACE, TODAY)
    assert plan.to_write == (NEW,)
    assert plan.counts.updated == 1 and plan.counts.conflicts == 1


def test_merge_fills_gaps_and_joins_tags_and_notes_without_overwriting() -> None:
    merged = merge_entries(OLD, NEW)
    assert merged.stress == 5 and merged.mood == 6 and merged.sleep_hours == 7.0
    assert merged.tags == ("exam", "gym")
    assert merged.note == "mine\n\ntheirs"
    plan = plan_entries([_inc(NEW)], {OLD.day: OLD}, OnConflict.MERGE, TODAY)
    assert plan.to_write == (merged,) and plan.counts.updated == 1


def test_merge_that_breaks_a_rule_is_rejected_with_its_line() -> None:
    old = DailyEntry(day=date(2026, 1, 1), sleep_hours=10.0)
    new = DailyEntry(day=date(2026, 1, 1), study_hours=20.0)
    plan = plan_entries([_inc(new, "line 7")], {old.day: old}, OnConflict.MERGE, TODAY)
    assert plan.to_write == ()
    assert plan.rejections[0].where == "line 7"
    assert "24 hours" in plan.rejections[0].message


@settings(max_examples=FUZZ, deadline=None)
@given(st.binary(max_size=300))
def test_our_csv_parser_raises_only_import_errors(data: bytes) -> None:
    from selfcare_app.core.exchange import ImportFileError

    try:
        parse_csv(decode_text(data), TODAY)
    except ImportFileError:
        pass
