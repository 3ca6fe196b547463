"""Built-in crisis lines (CONTENT.md §4.3): every region loads, has an emergency entry and
the numbers the content spec names; unknown regions fall back to the helpline directory."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from selfcare_app.core import crisis
from selfcare_app.core.crisis import CrisisLine, lines_for, normalize_region, regions


def test_regions_are_the_five_shipped_with_other_last() -> None:
    codes = [code for code, _ in regions()]
    assert codes == ["US", "CA", "UK", "IE", "other"]
    assert all(name for _, name in regions())


@pytest.mark.parametrize("code", ["US", "CA", "UK", "IE", "other"])
def test_every_region_starts_with_an_emergency_entry_and_is_dated(code: str) -> None:
    lines = lines_for(code)
    assert lines[0].emergency
    assert sum(line.emergency for line in lines) == 1
    for line in lines:
        assert line.name and line.description and line.source
        assert isinstance(line.verified_on, date)
        # A line is only useful if there is a way to reach it (or it says "your local number").
        assert line.phone or line.sms or line.url or "local emergency number" in line.name
        assert not line.url or line.url.startswith("https://")


def test_us_lines_match_content_spec() -> None:
    by_name = {line.name: line for line in lines_for("US")}
    lifeline = by_name["988 Suicide & Crisis Lifeline"]
    assert (lifeline.phone, lifeline.sms) == ("988", "988")
    assert "988lifeline.org" in lifeline.url
    assert "Spanish" in lifeline.languages
    ctl = by_name["Crisis Text Line"]
    assert (ctl.sms, ctl.sms_body) == ("741741", "HOME")
    assert ctl.sms_url() == "sms:741741?body=HOME"
    assert by_name["Emergency services"].tel_url() == "tel:911"


def test_canada_uk_ireland_lines() -> None:
    ca = lines_for("CA")[1]
    assert ca.phone == "988" and ca.sms == "988" and "French" in ca.languages
    uk = {line.name: line for line in lines_for("UK")}
    assert uk["Samaritans"].tel_url() == "tel:116123"
    assert uk["Shout"].sms == "85258"
    ie = {line.name: line for line in lines_for("IE")}
    assert ie["Samaritans"].phone == "116 123"
    assert "Shout" not in ie  # Shout's 85258 is UK-only


def test_lines_added_in_content_v0_2() -> None:
    """CONTENT.md §4.3 (updated): lines for medical students and doctors, NHS 111, Shout
    verified, and Ireland's text line."""
    us = {line.name: line for line in lines_for("US")}
    psl = us["Physician Support Line"]
    assert psl.phone == "1-888-409-0141" and "medical students" in psl.description
    assert psl.tel_url() == "tel:18884090141" and "8 am" in psl.hours
    uk = {line.name: line for line in lines_for("UK")}
    assert uk["BMA wellbeing support"].phone == "0330 123 1245"
    assert "medical students" in uk["BMA wellbeing support"].description
    assert uk["NHS 111, mental health option"].phone == "111"
    assert "unverified" not in uk["Shout"].source and uk["Shout"].verified_on is not None
    ie = {line.name: line for line in lines_for("IE")}
    assert (ie["50808"].sms, ie["50808"].sms_body) == ("50808", "TALK")
    assert lines_for("UK")[0].emergency and lines_for("IE")[0].emergency


def test_other_points_to_find_a_helpline_and_local_emergency_number() -> None:
    lines = lines_for("other")
    assert lines[0].name == "Your local emergency number" and lines[0].phone == ""
    assert any("findahelpline.com" in line.url for line in lines)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("us", "US"), ("GB", "UK"), ("uk", "UK"), (" ie ", "IE"), ("Other", "other"),
     ("", "other"), (None, "other"), ("FR", "other")],
)
def test_normalize_region(given: str | None, expected: str) -> None:
    assert normalize_region(given) == expected


def test_unknown_region_gets_the_fallback_lines() -> None:
    assert lines_for("Atlantis") == lines_for("other")
    assert crisis.region_name("gb") == "United Kingdom"


def test_links_without_a_number_are_empty() -> None:
    line = CrisisLine(name="x", description="y")
    assert line.tel_url() == "" and line.sms_url() == ""
    assert CrisisLine("x", "y", phone="+44 116 123").tel_url() == "tel:+44116123"


def test_json_file_has_no_unknown_keys() -> None:
    raw = json.loads(
        (resources.files("selfcare_app") / "resources" / "crisis_lines.json").read_text("utf-8")
    )
    allowed = set(CrisisLine.__dataclass_fields__)
    for code, lines in raw["lines"].items():
        assert code in {c for c, _ in regions()}
        for line in lines:
            assert set(line) <= allowed, set(line) - allowed
            date.fromisoformat(line["verified_on"])


def test_ways_to_reach_a_line_in_words() -> None:
    from selfcare_app.core.crisis import lines_for

    ways = {line.name: line.ways() for line in lines_for("US")}
    assert any("call 988" in w and "text 988" in w for w in ways.values())
    assert any("text HOME to 741741" in w for w in ways.values())
