"""Daylio CSV import: header variants, times, moods, merging, scales, HTML, bad input."""

from __future__ import annotations

import os
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core.daylio import (
    DEFAULT_MOOD_MAP,
    MoodMapError,
    html_to_text,
    parse_day,
    parse_daylio,
    parse_mood_map,
    parse_sleep_hours,
    parse_time,
    preview,
)
from selfcare_app.core.exchange import (
    FileFormatError,
    ImportFileError,
    RowsRejectedError,
    UnknownMoodLabelsError,
    decode_text,
)

TODAY = date(2026, 3, 1)
# Fuzz examples per importer test: modest by default; SECURITY.md §b.16 runs 2,000 in CI.
FUZZ = int(os.environ.get("SELFCARE_FUZZ_EXAMPLES", "100"))
ROW = "2021-09-28,28 September,Tuesday,10:00 pm,good,\"walk | music\""


@pytest.mark.parametrize("header, row", [
    ("full_date,date,weekday,time,mood,activities,scales,note_title,note",
     '2021-09-28,28 September,Tuesday,22:00,good,"walk | music","","Title","Body"'),
    ("full_date,date,weekday,time,mood,activities,note_title,note",
     '2021-09-28,28 September,Tuesday,10:00 pm,good,"walk | music","Title","Body"'),
    ("full_date,date,weekday,time,mood,activities,scales,note",
     '2021-09-28,28 September,Tuesday,10:00 PM,good,"walk | music","","Title<br>Body"'),
    ("full_date,date,weekday,time,mood,activities,note",
     '2021-09-28,28 September,Tuesday,22:00,good,"walk | music","Title<br/>Body"'),
    ("year,date,weekday,time,mood,activities,note",
     '2021,28 September,Tuesday,10:00 pm,good,"walk | music","Title<br>Body"'),
    ("year,date,weekday,time,mood,activities,note_title,note",
     '2021,Sep 28,Tuesday,10:00 pm,good,"walk | music","Title","Body"'),
    ("year,date,weekday,time,mood,activities,scales,note_title,note",
     '2021,September 28,Tuesday,22:00,good,"walk | music","","Title","Body"'),
])
def test_every_header_variant_gives_the_same_entry(header: str, row: str) -> None:
    [item] = parse_daylio(f"{header}\n{row}\n", TODAY)
    e = item.entry
    assert (e.day, e.mood, e.tags, e.note) == (date(2021, 9, 28), 7, ("walk", "music"),
                                               "Title\nBody")
    assert item.where == "line 2"


@pytest.mark.parametrize("text, expected", [
    ("21:35", time(21, 35)), ("09:05", time(9, 5)), ("0:00", time(0, 0)),
    ("9:35 pm", time(21, 35)), ("9:35 PM", time(21, 35)), ("12:05 am", time(0, 5)),
    ("12:30 pm", time(12, 30)), ("7.15 a.m.", time(7, 15)), ("23:59:59", time(23, 59, 59)),
    ("", None),
])
def test_times_in_12_and_24_hour_form(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "13:00 pm", "0:30 am", "9:60", "noon", "9"])
def test_impossible_times_raise(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize("year, text, expected", [
    ("2018", "18 May", date(2018, 5, 18)), ("2018", "May 18", date(2018, 5, 18)),
    ("2018", "3. Oct", date(2018, 10, 3)), ("2018", "October 3", date(2018, 10, 3)),
    ("2018", "Oct. 3", date(2018, 10, 3)),
])
def test_old_year_and_date_columns(year: str, text: str, expected: date) -> None:
    assert parse_day(None, year, text) == expected


def test_default_moods_map_to_documented_values() -> None:
    assert DEFAULT_MOOD_MAP == {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
    head = "full_date,date,weekday,time,mood,activities,note\n"
    rows = "".join(f"2021-09-{d:02d},x,x,20:00,{m},,\n"
                   for d, m in enumerate(("rad", "Good", "meh", "bad", "AWFUL"), 1))
    assert [i.entry.mood for i in parse_daylio(head + rows, TODAY)] == [9, 7, 5, 3, 1]


def test_unknown_custom_moods_are_listed_and_nothing_is_imported() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2021-09-01,x,x,20:00,happy,,\n2021-09-02,x,x,20:00,sad ,,\n"
            "2021-09-03,x,x,20:00,good,,\n2021-09-04,x,x,20:00,happy,,\n")
    with pytest.raises(UnknownMoodLabelsError) as info:
        parse_daylio(text, TODAY)
    assert info.value.labels == ("happy", "sad")
    assert "'happy', 'sad'" in str(info.value) and "--mood-map" in str(info.value)
    entries = parse_daylio(text, TODAY, {"happy": 8, "sad": 2})
    assert [i.entry.mood for i in entries] == [8, 2, 7, 8]


def test_a_mood_map_can_override_a_default_label() -> None:
    text = "full_date,date,weekday,time,mood,activities,note\n2021-09-01,x,x,20:00,rad,,\n"
    assert parse_daylio(text, TODAY, parse_mood_map("RAD=10"))[0].entry.mood == 10


def test_mood_map_text() -> None:
    assert parse_mood_map("happy=8, so-so = 5,") == {"happy": 8, "so-so": 5}
    assert parse_mood_map("a=b=3") == {"a=b": 3}
    for bad in ("happy", "happy=11", "happy=x", "=3"):
        with pytest.raises(MoodMapError):
            parse_mood_map(bad)


def test_several_entries_a_day_are_merged_in_time_order() -> None:
    text = ("full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
            '2021-09-28,x,x,9:00 pm,bad,"work | tired","","Evening","Long day"\n'
            '2021-09-28,x,x,8:15 am,rad,"walk | Work","Sleep:\u00a08","","Fresh start"\n'
            '2021-09-28,x,x,12:30 pm,meh,"","Sleep: 7","",""\n'
            '2021-09-27,x,x,22:00,good,"","","",""\n')
    entries = parse_daylio(text, TODAY)
    assert [i.entry.day for i in entries] == [date(2021, 9, 27), date(2021, 9, 28)]
    day = entries[1]
    assert day.where == "lines 2, 3, 4"
    assert day.entry.mood == 6  # mean of 3, 9, 5 = 5.67 → 6
    assert day.entry.tags == ("walk", "Work", "tired")
    assert day.entry.note == "Fresh start\n\nEvening\nLong day"
    assert day.entry.sleep_hours == 7.5


def test_mood_mean_rounds_half_up() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2021-09-28,x,x,08:00,good,,\n2021-09-28,x,x,09:00,meh,,\n")
    assert parse_daylio(text, TODAY)[0].entry.mood == 6  # (7 + 5) / 2


@pytest.mark.parametrize("cell, hours", [
    ("Sleep:\u00a07.5", 7.5), ("Stress: 3 | Hours slept: 6h", 6.0), ("sleep: 7h 30m", 7.5),
    ("Sleep: 6,75", 6.75), ("Mood: 3", None), ("", None), ("Sleep quality: 3", None),
])
def test_sleep_from_scales(cell: str, hours: float | None) -> None:
    assert parse_sleep_hours(cell) == hours


def test_a_sleep_scale_that_is_not_hours_rejects_the_row() -> None:
    text = ("full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
            '2021-09-28,x,x,20:00,good,"","Sleep: lots","",""\n')
    with pytest.raises(RowsRejectedError) as info:
        parse_daylio(text, TODAY)
    assert info.value.rejections[0].text().startswith("line 2: the sleep value 'lots'")


def test_html_notes_become_text() -> None:
    assert html_to_text("One<br>two<br/>three") == "One\ntwo\nthree"
    assert html_to_text("<b>Bold</b> &amp; <i>it</i> &lt;3") == "Bold & it <3"
    assert html_to_text("<ul><li>a</li><li>b</li></ul>") == "• a\n• b"
    assert html_to_text("<p>Para 1</p><p>Para 2</p>") == "Para 1\n\nPara 2"
    assert html_to_text("a < b and c > d") == "a < b and c > d"
    assert html_to_text("<![if x]>broken <b") in ("broken", "broken <b", "")


def test_bom_header_is_accepted() -> None:
    data = ("\ufefffull_date,date,weekday,time,mood,activities,note\n"
            "2021-09-28,x,x,20:00,good,,\n").encode()
    assert parse_daylio(decode_text(data), TODAY)[0].entry.mood == 7


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_returned() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2021-09-01,x,x,20:00,good,,ok\n"
            "2021-13-01,x,x,20:00,good,,\n"            # month 13
            "2021-09-03,x,x,25:00,good,,\n"            # hour 25
            "2099-01-01,x,x,20:00,good,,\n"            # future
            '2021-09-05,x,x,20:00,good,"' + " | ".join(f"a{i}" for i in range(21)) + '",\n'
            "2021-09-06,x,x,20:00,good,\n")            # too few cells
    with pytest.raises(RowsRejectedError) as info:
        parse_daylio(text, TODAY)
    got = [r.text() for r in info.value.rejections]
    assert [g.split(":")[0] for g in got] == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert "'2021-13-01' is not a valid date" in got[0]
    assert "'25:00' is not a valid time" in got[1]
    assert "in the future" in got[2]
    assert "21 tags" in got[3]
    assert "has 6 cells" in got[4]


def test_unknown_columns_and_missing_dates_are_refused() -> None:
    with pytest.raises(FileFormatError, match="'weather'"):
        parse_daylio("full_date,date,weekday,time,mood,activities,weather,note\n", TODAY)
    with pytest.raises(FileFormatError, match="'full_date' column, or 'year' and 'date'"):
        parse_daylio("date,weekday,time,mood,activities,note\nx,x,20:00,good,,\n", TODAY)
    with pytest.raises(FileFormatError, match="no entries"):
        parse_daylio("full_date,date,weekday,time,mood,activities,note\n", TODAY)


def test_preview_counts_labels_and_dates() -> None:
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "2021-09-01,x,x,20:00,happy,,\n2021-09-03,x,x,20:00,happy,,\n"
            "2021-09-02,x,x,20:00,good,,\n")
    p = preview(text)
    assert p.labels == {"happy": 2, "good": 1}
    assert (p.rows, p.first_day, p.last_day) == (3, date(2021, 9, 1), date(2021, 9, 3))


_HEADERS = st.sampled_from([
    "full_date,date,weekday,time,mood,activities,scales,note_title,note",
    "year,date,weekday,time,mood,activities,note",
])
_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | \
    st.sampled_from(["2021-09-01", "2021", "May 3", "9:00 pm", "25:99", "good", "rad",
                     "Sleep: 7", "Sleep: x", "<br>", "&amp;", "a | b", "1e999", "NaN"])


@settings(max_examples=FUZZ, deadline=None)
@given(_HEADERS, st.lists(st.lists(_CELL, min_size=0, max_size=10), max_size=6))
def test_daylio_parser_raises_only_import_errors(header: str, rows: list[list[str]]) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    try:
        parse_daylio(header + "\n" + buf.getvalue(), TODAY, {"x": 3})
    except ImportFileError:
        pass


@settings(max_examples=FUZZ, deadline=None)
@given(st.binary(max_size=300))
def test_daylio_parser_on_random_bytes(data: bytes) -> None:
    try:
        parse_daylio(decode_text(b"full_date,date,weekday,time,mood,activities,note\n" + data),
                     TODAY)
    except ImportFileError:
        pass
