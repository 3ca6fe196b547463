"""Resource field rules shared by packs and the student's own entries (core/resource.py)."""

from __future__ import annotations

from datetime import date

import pytest

from selfcare_app.core.resource import (
    CATEGORIES,
    CATEGORY_LABELS,
    ResourceData,
    ResourceValidationError,
    category_from_text,
    check_email,
    check_phone,
    check_url,
    is_stale,
    mailto_url,
    matches,
    parse_iso_day,
    sms_url,
    tel_url,
    validate_resource,
    web_url,
)

TODAY = date(2026, 11, 25)


def test_categories_match_design_and_all_have_labels() -> None:
    assert CATEGORIES == ("crisis", "counseling", "peer-support", "peer-learning", "mentorship",
                          "academic", "health", "other")
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


@pytest.mark.parametrize(("text", "code"), [
    ("counseling", "counseling"), ("Peer support", "peer-support"),
    ("PEER_LEARNING", "peer-learning"),
    ("Academic support", "academic"), ("wellness", None), ("", None),
])
def test_category_from_text(text: str, code: str | None) -> None:
    assert category_from_text(text) == code


@pytest.mark.parametrize("url", [
    "https://lakemont.example/counseling", "http://example.org", "mailto:help@uni.example",
    "tel:+18025550142", "HTTPS://EXAMPLE.ORG/a?b=c#d",
])
def test_allowed_links(url: str) -> None:
    assert check_url(url) == (url, "")
    assert web_url(url) == url


@pytest.mark.parametrize(("url", "fragment"), [
    ("javascript:alert(1)", "javascript: links are not allowed"),
    ("JaVaScRiPt:alert(1)", "javascript: links are not allowed"),
    ("file:///etc/passwd", "file: links are not allowed"),
    ("data:text/html,<b>x</b>", "data: links are not allowed"),
    ("ftp://files.example", "ftp: links are not allowed"),
    ("sms:741741", "sms: links are not allowed"),
    ("java\tscript:alert(1)", "control"),
    ("https://exa mple.org", "spaces"),
    ("www.uni.example", "add https://"),
    ("https:/uni.example", "complete web address"),
    ("https://evil.example@uni.example", "user name"),
    ("mailto:not-an-email", "mailto:"),
    ("\u202ehttps://x.example", "control or invisible"),
])
def test_refused_links(url: str, fragment: str) -> None:
    _, problem = check_url(url)
    assert fragment in problem
    assert web_url(url) == ""


@pytest.mark.parametrize("number", ["988", "+1 802 555 0142", "(802) 555-0142", "116 123",
                                    "+44 20 7946 0000 ext 204", "555.0100 x12"])
def test_good_phone_numbers(number: str) -> None:
    assert check_phone(number) == (number, "")


@pytest.mark.parametrize("number", ["call us", "12", "+1 555 CALL NOW", "1" * 25, "5550100;ext"])
def test_bad_phone_numbers(number: str) -> None:
    assert check_phone(number)[1]


def test_dial_links() -> None:
    assert tel_url("+1 (802) 555-0142") == "tel:+18025550142"
    assert tel_url("+44 20 7946 0000 ext 204") == "tel:+442079460000;ext=204"
    assert tel_url("") == ""
    assert sms_url("741741", "HOME") == "sms:741741?body=HOME"
    assert sms_url("85258") == "sms:85258"
    assert mailto_url("help@uni.example") == "mailto:help@uni.example"
    assert mailto_url("nope") == ""


def test_emails() -> None:
    assert check_email("counseling@lakemont.example") == ("counseling@lakemont.example", "")
    assert check_email("mailto:a@b.edu") == ("a@b.edu", "")
    for bad in ("a@b", "no-at.example", "a b@c.edu", "a@@c.edu"):
        assert check_email(bad)[1], bad


def test_validate_resource_reports_every_field() -> None:
    with pytest.raises(ResourceValidationError) as info:
        validate_resource({"name": " ", "category": "wellness", "url": "javascript:x",
                           "phone": "abc", "email": "x", "verified_on": "2027-01-01"}, TODAY)
    assert set(info.value.errors) == {"name", "category", "url", "phone", "email", "verified_on"}
    assert "required" in info.value.errors["name"]
    assert "future" in info.value.errors["verified_on"]


def test_validate_resource_cleans_values() -> None:
    data = validate_resource({"name": "  My therapist ", "category": "Counseling",
                              "phone": " 555 0100 ", "address": "1 Road\r\nTown",
                              "verified_on": "2026-01-02"}, TODAY)
    assert data == ResourceData(name="My therapist", category="counseling", phone="555 0100",
                                address="1 Road\nTown", verified_on=date(2026, 1, 2))


def test_too_long_and_control_characters() -> None:
    with pytest.raises(ResourceValidationError) as info:
        validate_resource({"name": "x" * 201, "category": "other", "description": "a\x00b"})
    assert "too long" in info.value.errors["name"]
    assert "control" in info.value.errors["description"]
    with pytest.raises(ResourceValidationError):
        validate_resource({"name": "two\nlines", "category": "other"})


def test_iso_days_are_strict() -> None:
    assert parse_iso_day("2026-02-28") == date(2026, 2, 28)
    for bad in ("2026-02-30", "20260228", "2026-W09-1", "28/02/2026", "2026-2-28"):
        assert parse_iso_day(bad) is None, bad


def test_stale_after_a_year() -> None:
    assert not is_stale(None, TODAY)
    assert not is_stale(date(2025, 11, 25), TODAY)
    assert is_stale(date(2025, 11, 24), TODAY)


def test_search_matches_every_word_anywhere() -> None:
    data = ResourceData(name="Nightline", category="peer-support", description="Listening",
                        meets="Thursdays 18:00")
    assert matches(data, "nightline")
    assert matches(data, "peer thursdays")
    assert matches(data, "LISTEN")
    assert not matches(data, "peer fridays")
