"""Staff-style mistakes get plain hints; spreadsheets become packs; valid packs get warnings."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from selfcare_app.core.pack_csv import CSV_COLUMNS, decode_csv, pack_from_csv
from selfcare_app.core.resource_pack import (
    PackInvalid,
    load_pack,
    looks_like_pack,
    pack_to_json,
    pack_warnings,
    parse_pack,
)

TODAY = date(2026, 9, 1)
TEMPLATE = Path(__file__).resolve().parents[2] / "docs" / "resource-pack-template.csv"
GOOD = ('{\n  "format": "selfcare-resource-pack",\n  "version": 1,\n  "campus": "Test U",\n'
        '  "updated": "2026-08-01",\n  "resources": [\n'
        '    {"name": "Night line – 24/7", "category": "crisis", "phone": "555 0100"}\n  ]\n}\n')


def problems(raw: bytes) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        parse_pack(raw, TODAY)
    return info.value.lines()


def test_curly_quotes_are_named_with_their_line() -> None:
    raw = GOOD.replace('"campus": "Test U"', '"campus": “Test U”').encode()
    [line] = problems(raw)
    assert line.startswith("$: line 4, column 13: ““” is a curly (typographic) quote; JSON "
                           "needs straight double quotes (\")")
    assert "smart quotes" in line
    keys = GOOD.replace('"campus":', '“campus”:').encode()
    assert "line 4" in problems(keys)[0] and "curly" in problems(keys)[0]


def test_trailing_comma_is_reported_on_its_own_line() -> None:
    raw = GOOD.replace('"phone": "555 0100"}\n', '"phone": "555 0100"},\n').encode()
    [line] = problems(raw)
    assert line.startswith("$: line 7, column 77: a comma after the last item (before the “]” "
                           "on line 8); remove that comma")
    obj = GOOD.replace('"phone": "555 0100"}', '"phone": "555 0100",}').encode()
    assert problems(obj)[0].startswith("$: line 7, column 76: a comma after the last item")


def test_windows_1252_gets_a_legacy_encoding_hint_with_line_and_character() -> None:
    raw = GOOD.encode("cp1252")
    [line] = problems(raw)
    assert line == ('$: is saved in a legacy encoding (Windows-1252, "ANSI"), not UTF-8: line 7 '
                    'has “–” (byte 0x96). Save the file as UTF-8 (Notepad: Save as → Encoding: '
                    'UTF-8; Excel: CSV UTF-8) and try again')


@pytest.mark.parametrize("encoded", [
    GOOD.encode("utf-16"),  # with BOM
    GOOD.encode("utf-16-le"),  # Notepad "Unicode" without a BOM
    GOOD.encode("utf-16-be"),
    codecs.BOM_UTF8 + GOOD.encode("utf-8"),
])
def test_utf16_and_bom_packs_are_read(encoded: bytes) -> None:
    assert looks_like_pack(encoded)
    pack = parse_pack(encoded, TODAY)
    assert pack.resources[0].data.name == "Night line – 24/7"


def test_an_email_in_url_is_explained() -> None:
    raw = GOOD.replace('"phone": "555 0100"', '"url": "help@uni.example.edu"').encode()
    assert problems(raw) == ['$.resources[0].url: is an email address, not a link; put it in '
                             '"email" instead (or write mailto:help@uni.example.edu)']


def test_a_spreadsheet_given_as_a_pack_points_to_from_csv() -> None:
    [line] = problems(b"name,category,phone\nNight line,crisis,555 0100\n")
    assert "looks like a spreadsheet (CSV)" in line and "pack from-csv" in line


def test_next_terms_edition_may_be_dated_ahead_with_a_warning() -> None:
    raw = GOOD.replace("2026-08-01", "2027-01-05").encode()
    pack = parse_pack(raw, TODAY)
    [warning] = pack_warnings(pack, TODAY)
    assert warning.path == "$.updated"
    assert warning.message.startswith("2027-01-05 is ahead of today (2026-09-01). That's fine "
                                      "for next term's edition")


def _pack(resources: list[dict[str, Any]], version: int = 2) -> bytes:
    return json.dumps({"format": "selfcare-resource-pack", "version": version, "campus": "U",
                       "updated": "2026-08-01", "resources": resources}).encode()


def test_quality_warnings() -> None:
    pack = parse_pack(_pack([
        {"name": "Security", "category": "crisis", "url": "https://s.example.edu"},
        {"name": "Study group", "category": "peer-learning", "hours": "Thu 18:00"},
        {"name": "Old page", "category": "other", "url": "http://old.example.edu",
         "verified_on": "2025-06-01"},
        {"name": "Fine group", "category": "peer-support", "meets": "Mondays 17:00",
         "verified_on": "2026-01-01"},
    ]), TODAY)
    lines = [str(w) for w in pack_warnings(pack, TODAY)]
    assert lines == [
        "$.resources[0]: Security: a crisis entry without a phone or text number; someone in "
        "crisis needs a number to call or text",
        '$.resources[1]: Study group: a group without "meets" or "schedule" (its times are in '
        '"hours"; groups use "meets"); say when and where it meets',
        "$.resources[2].verified_on: Old page: last checked 2025-06-01, over a year ago; check "
        "the details and update the date",
        "$.resources[2].url: Old page: an http:// link is not encrypted; use https:// if the "
        "site supports it",
    ]


def test_schedules_need_version_2_and_are_validated_by_path() -> None:
    slot = {"weekday": "friday", "start": "17:00", "end": "18:00",
            "term_start": "2026-09-07", "term_end": "2026-12-11"}
    entry = {"name": "G", "category": "peer-support", "schedule": [slot]}
    assert problems(_pack([entry], version=1)) == [
        '$.resources[0].schedule: needs "version": 2 at the top of the pack']
    pack = parse_pack(_pack([entry]), TODAY)
    assert pack.version == 2 and pack.resources[0].data.schedule[0].weekday == 4
    bad = {**entry, "schedule": [{**slot, "end": "16:00"}, "x"]}
    assert problems(_pack([bad])) == [
        "$.resources[0].schedule[0].end: must be later than start (on the same day)",
        "$.resources[0].schedule[1]: must be an object, not text"]
    assert pack_to_json(pack)["resources"][0]["schedule"] == [slot]


# -- spreadsheets ---------------------------------------------------------------------------

CSV = ("name,category,phone,url,weekday,start,end,term_start,term_end\n"
       "After-hours line,crisis,555 0100,,,,,,\n"
       "\n"
       "\"Study group, calculus\",peer-learning,,,Tuesday,18:00,19:30,2026-09-07,2026-12-11\n"
       "Ombuds – office,other,,https://ombuds.example.edu,,,,,\n")


@pytest.mark.parametrize("encoded, label", [
    (CSV.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + CSV.encode("utf-8"), "UTF-8 with BOM"),
    (CSV.encode("utf-16"), "UTF-16"),
    (CSV.encode("utf-16-le"), "UTF-16 (no BOM)"),
    (CSV.encode("cp1252"), "Windows-1252"),
    (CSV.replace(",", ";").replace('"Study group; calculus"', "Study group, calculus")
     .encode("cp1252"), "Windows-1252"),
    (CSV.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
])
def test_csv_in_every_encoding_excel_writes(encoded: bytes, label: str) -> None:
    result = pack_from_csv(encoded, "Test U", "2026-09-01", TODAY)
    assert result.problems == [] and result.encoding == label
    assert result.pack is not None
    names = [r.data.name for r in result.pack.resources]
    assert names == ["After-hours line", "Study group, calculus", "Ombuds – office"]
    assert result.rows == [2, 4, 5]
    assert result.pack.resources[1].data.schedule[0].describe() == \
        "Tuesdays 18:00–19:30 (2026-09-08 to 2026-12-11)"


def test_csv_problems_name_row_and_column() -> None:
    bad = CSV.replace("https://ombuds.example.edu", "ombuds@example.edu") \
        .replace("crisis,555 0100", "crises,555 0100").replace("18:00,19:30", "18:00,17:00")
    result = pack_from_csv(bad.encode(), "", "2026-13-01", TODAY)
    assert result.pack is None
    assert result.problems == [
        "--campus: can't be empty",
        "--updated: '2026-13-01' isn't a real date in the form YYYY-MM-DD",
        "row 2 (After-hours line), column category: unknown category 'crises'; use one of: "
        "crisis, counseling, peer-support, peer-learning, mentorship, academic, health, other",
        "row 4 (Study group, calculus), column end: must be later than start (on the same day)",
        'row 5 (Ombuds – office), column url: is an email address, not a link; put it in '
        '"email" instead (or write mailto:ombuds@example.edu)',
    ]


def test_csv_header_problems() -> None:
    result = pack_from_csv(b"Name,Kategorie,Phone number\nA,crisis,1\n", "U", "2026-09-01",
                           TODAY)
    assert result.problems == [
        "row 1: unknown column 'Kategorie'; columns are: " + ", ".join(CSV_COLUMNS),
        "row 1: a 'category' column is required"]
    assert pack_from_csv(b"", "U", "2026-09-01", TODAY).problems[0].startswith(
        "the file is empty")
    extra = pack_from_csv(b"name,category\nA,crisis,oops\n", "U", "2026-09-01", TODAY)
    assert extra.problems == ["row 2: has more cells than there are columns (a stray "
                              "separator?)"]


def test_decode_falls_back_for_undefined_windows_bytes() -> None:
    assert decode_csv(b"name\n\x81x\n") == ("name\n\x81x\n", "Latin-1")


def test_the_template_in_docs_makes_a_valid_pack(tmp_path: Path) -> None:
    result = pack_from_csv(TEMPLATE.read_bytes(), "Example University", "2026-09-01", TODAY)
    assert result.problems == [] and result.pack is not None
    categories = {r.data.category for r in result.pack.resources}
    assert {"crisis", "other", "mentorship", "peer-learning"} <= categories
    out = tmp_path / "pack.json"
    out.write_text(json.dumps(pack_to_json(result.pack)), encoding="utf-8")
    again = load_pack(out, TODAY)
    assert again.resources == result.pack.resources
    assert pack_warnings(again, TODAY) == []
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(header) == set(CSV_COLUMNS)


@pytest.mark.parametrize("doc", ["resource-pack.md", "counseling-centres.md"])
def test_the_packs_in_the_centre_docs_are_valid_and_the_docs_stand_alone(doc: str) -> None:
    import re

    text = (TEMPLATE.parent / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        pack = parse_pack(block.encode(), date(2026, 11, 25))
        assert pack.resources
    # Centres don't have the source tree or the project's internal documents.
    for internal in ("../", "src/", "DESIGN.md", "CONTENT.md", "shared/"):
        assert internal not in text, internal


def test_single_quotes_and_comments_get_hints() -> None:
    quoted = GOOD.replace('"campus": "Test U"', "'campus': 'Test U'").encode()
    assert problems(quoted)[0].startswith("$: line 4, column 3: text in single quotes")
    commented = GOOD.replace('  "campus"', '  // our campus\n  "campus"').encode()
    assert problems(commented)[0].startswith("$: line 4, column 3: JSON can't contain comments")
    missing = GOOD.replace('"version": 1,', '"version": 1').encode()
    assert "a comma is probably missing at the end of the line before" in problems(missing)[0]


def test_spreadsheet_labels_excel_times_and_dates() -> None:
    sheet = ("Name,Category,Verified_on,Weekday,Start,End,Term_start,Term_end\n"
             "Group,Peer learning,2026-08-01,Mon,18:00:00,19:00:00,2026-09-07,2026-12-11\n"
             "Line,Crisis and after-hours,20/08/2026,,,,,\n")
    result = pack_from_csv(sheet.encode(), "U", "2026-09-01", TODAY)
    assert result.problems == [
        "row 3 (Line), column verified_on: '20/08/2026' isn't a real date in the form "
        "YYYY-MM-DD (a spreadsheet may have changed the date's format: format the column as "
        "text, or type dates as 2026-09-01)"]
    fixed = pack_from_csv(sheet.replace("20/08/2026", "2026-08-20").encode(), "U",
                          "2026-09-01", TODAY)
    assert fixed.pack is not None
    assert [r.data.category for r in fixed.pack.resources] == ["peer-learning", "crisis"]
    assert fixed.pack.resources[0].data.schedule[0].describe() == \
        "Mondays 18:00–19:00 (2026-09-07 to 2026-12-11)"
