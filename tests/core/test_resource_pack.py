"""Campus resource packs: every kind of bad input is reported with its JSON path, and an
invalid pack yields no pack at all (so nothing can be imported from it)."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core import resource_pack as rp
from selfcare_app.core.resource_pack import (
    MAX_PACK_BYTES,
    PackInvalid,
    load_pack,
    looks_like_pack,
    parse_pack,
    validate_pack,
)

TODAY = date(2026, 11, 25)
SAMPLE = Path(str(files("selfcare_app") / "resources" / "packs" / "sample-university.json"))


def pack(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": "selfcare-resource-pack", "version": 1, "campus": "Test U",
        "updated": "2026-09-01",
        "resources": [{"id": "c", "name": "Counseling", "category": "counseling",
                       "phone": "+1 802 555 0142"}],
    }
    base.update(overrides)
    return base


def problems_of(obj: Any) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        validate_pack(obj, TODAY)
    return info.value.lines()


def raw_problems(raw: bytes) -> list[str]:
    with pytest.raises(PackInvalid) as info:
        parse_pack(raw, TODAY)
    return info.value.lines()


def resource(**fields: Any) -> dict[str, Any]:
    return {"name": "Thing", "category": "other", **fields}


def test_sample_pack_is_valid_and_realistic() -> None:
    p = load_pack(SAMPLE, TODAY)
    assert p.campus.startswith("Lakemont University")
    assert p.updated == date(2026, 9, 1)
    cats = {r.data.category for r in p.resources}
    assert {"crisis", "counseling", "health", "peer-support", "peer-learning", "mentorship",
            "academic"} <= cats
    groups = [r for r in p.resources if r.data.category in ("peer-support", "peer-learning")]
    assert sum(bool(r.data.meets) for r in groups) >= 4
    assert all(r.data.verified_on for r in p.resources)
    assert len({r.key for r in p.resources}) == len(p.resources)
    after_hours = [r for r in p.resources if "after-hours" in r.data.name]
    assert after_hours and after_hours[0].data.phone


def test_minimal_pack_parses_with_defaults() -> None:
    p = validate_pack(pack(resources=[{"name": "Desk", "category": "academic"}]), TODAY)
    assert p.resources[0].data.phone == ""
    assert p.resources[0].key == "name:academic/desk"
    assert p.resources[0].data.verified_on is None


def test_javascript_link_is_reported_with_its_path() -> None:
    resources = [resource(name=f"R{i}") for i in range(4)]
    resources[3]["url"] = "javascript:alert(1)"
    assert problems_of(pack(resources=resources)) == [
        "$.resources[3].url: javascript: links are not allowed (only https, http, mailto and tel)"
    ]


def test_every_problem_is_reported_not_just_the_first() -> None:
    lines = problems_of(pack(
        format="something-else", version="1", campus="", updated="2026-13-01",
        resources=[
            resource(url="file:///etc/passwd"),
            resource(name="", category="wellness"),
            resource(name=42, phone=["988"], email="x", verified_on="yesterday", extra=1),
            "not an object",
        ],
    ))
    joined = "\n".join(lines)
    for expected in (
        "$.format: must be 'selfcare-resource-pack'",
        "$.version: must be a whole number, not text",
        "$.campus: can't be empty",
        "$.updated: '2026-13-01' isn't a real date",
        "$.resources[0].url: file: links are not allowed",
        "$.resources[1].name: a name is required",
        "$.resources[1].category: unknown category 'wellness'",
        "$.resources[2].name: must be text, not a number",
        "$.resources[2].phone: must be text, not a list",
        "$.resources[2].email: isn't an email address",
        "$.resources[2].verified_on: 'yesterday' isn't a real date",
        "$.resources[2].extra: unknown field",
        "$.resources[3]: must be an object, not text",
    ):
        assert expected in joined, expected
    assert len(lines) == 13


@pytest.mark.parametrize(("obj", "expected"), [
    ([], "$: a resource pack must be a JSON object, not a list"),
    ("pack", "$: a resource pack must be a JSON object, not text"),
    ({}, "$.format: is required"),
    (pack(resources={}), "$.resources: must be a list, not an object"),
    (pack(resources=[]), "$.resources: is empty"),
    (pack(version=3), "$.version: this pack uses format version 3; this version of Selfcare "
                      "reads versions up to 2. Update the app"),
    (pack(version=True), "$.version: must be a whole number, not true/false"),
    (pack(version=0), "$.version: must be 2 (or 1 for a pack without schedules)"),
    (pack(updated="2028-06-01"), "$.updated: 2028-06-01 is more than 400 days ahead"),
    (pack(updated="01/09/2026"), "$.updated: '01/09/2026' isn't a real date"),
    (pack(updated="20260901"), "$.updated: '20260901' isn't a real date"),
    (pack(updated="1999-12-31"), "$.updated: 1999-12-31 is too long ago"),
    (pack(campus=None), "$.campus: must be text, not null"),
    (pack(resources=[resource(category="Counseling")]), "$.resources[0].category: use the code"),
    (pack(resources=[resource(id="has space")]), "$.resources[0].id: must be 1-64 letters"),
    (pack(resources=[resource(id=7)]), "$.resources[0].id: must be text, not a number"),
    (pack(resources=[resource(phone="call now")]), "$.resources[0].phone: isn't a phone number"),
    (pack(resources=[resource(sms="x")]), "$.resources[0].sms: isn't a phone number"),
    (pack(resources=[resource(url="www.x.example")]), "$.resources[0].url: add https://"),
    (pack(resources=[resource(url="vbscript:x")]), "$.resources[0].url: vbscript: links are not"),
    (pack(resources=[resource(description="x" * 2001)]), "$.resources[0].description: is too"),
    (pack(resources=[{"category": "other"}]), "$.resources[0].name: is required"),
    (pack(resources=[{"name": "X"}]), "$.resources[0].category: is required"),
    (pack(resources=[resource(meets=3)]), "$.resources[0].meets: must be text, not a number"),
    (pack(**{"odd key": 1}), '$["odd key"]: unknown field'),
])
def test_single_problem(obj: Any, expected: str) -> None:
    lines = problems_of(obj)
    assert any(line.startswith(expected) for line in lines), lines


def test_duplicate_ids_and_duplicate_unnamed_resources() -> None:
    lines = problems_of(pack(resources=[
        resource(id="a"), resource(id="a", name="Other"),
        resource(name="Same"), resource(name="same"),
    ]))
    assert lines == [
        "$.resources[1].id: same id as $.resources[0]; each resource needs its own",
        "$.resources[3].name: same name and category as $.resources[2]; each resource needs "
        "its own",
    ]


def test_duplicate_keys_are_reported_with_path() -> None:
    raw = (b'{"format": "selfcare-resource-pack", "version": 1, "campus": "A", "campus": "B",'
           b' "updated": "2026-01-01", "resources": [{"name": "x", "category": "other",'
           b' "url": "https://ok.example", "url": "javascript:alert(1)"}]}')
    lines = raw_problems(raw)
    assert "$.campus: appears more than once in the same object" in lines
    assert "$.resources[0].url: appears more than once in the same object" in lines
    # the last value (what a lenient reader would use) is also checked
    assert any(line.startswith("$.resources[0].url: javascript:") for line in lines)


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_non_finite_numbers_are_refused(constant: bytes) -> None:
    raw = (b'{"format": "selfcare-resource-pack", "version": ' + constant +
           b', "campus": "A", "updated": "2026-01-01", "resources": '
           b'[{"name": "x", "category": "other", "hours": ' + constant + b'}]}')
    lines = raw_problems(raw)
    text = constant.decode()
    assert f"$.version: {text} is not allowed; use 2" in lines
    assert f"$.resources[0].hours: {text} is not allowed (and must be text here)" in lines


def test_not_json() -> None:
    lines = raw_problems(b'{"format": "selfcare-resource-pack", ')
    assert len(lines) == 1 and lines[0].startswith("$: is not valid JSON (")
    assert "line 1, column" in lines[0]
    assert raw_problems(b"\xff\xfe\x00")[0].startswith("$: is damaged UTF-16 text")
    assert raw_problems(b"\x81 ")[0].startswith("$: is not UTF-8 text (line 1, byte 0x81)")
    assert raw_problems(b"")[0].startswith("$: is not valid JSON")


def test_utf8_bom_is_accepted() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(pack()).encode()
    assert parse_pack(raw, TODAY).campus == "Test U"


@pytest.mark.parametrize("depth", [33, 1000, 200_000])
def test_deep_nesting_is_refused_without_recursion_error(depth: int) -> None:
    raw = b'{"format": "selfcare-resource-pack", "x": ' + b"[" * depth + b"]" * depth + b"}"
    assert raw_problems(raw) == [f"$: is nested more than {rp.MAX_DEPTH} levels deep"]


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    desc = "[[[[{{{{" * 20 + '\\"[[['
    obj = pack(resources=[resource(description=desc.replace('\\"', '"'))])
    assert parse_pack(json.dumps(obj).encode(), TODAY).resources[0].data.description


def test_oversized_file_is_refused_before_reading(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_PACK_BYTES + 1)  # sparse: no need to write 5 MB
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(PackInvalid) as info:
        load_pack(big, TODAY)
    assert info.value.lines()[0].startswith("$: the file is too large (5.0 MB)")
    assert big not in opened
    assert raw_problems(b" " * (MAX_PACK_BYTES + 1))[0].startswith("$: the file is too large")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(PackInvalid) as info:
        load_pack(tmp_path / "missing.json")
    assert info.value.lines()[0].startswith("$: could not be read")
    with pytest.raises(PackInvalid) as info:
        load_pack(tmp_path)
    assert "is a folder" in info.value.lines()[0]


def test_too_many_problems_stop_listing() -> None:
    resources = [resource(url="javascript:x") for _ in range(rp.MAX_PROBLEMS + 50)]
    lines = problems_of(pack(resources=resources))
    assert len(lines) == rp.MAX_PROBLEMS + 1
    assert lines[-1] == "$: too many problems; stopped listing them"


def test_looks_like_pack() -> None:
    assert looks_like_pack(json.dumps(pack()).encode())
    assert looks_like_pack(b'{"format": "selfcare-resource-pack", broken')
    assert not looks_like_pack(b'{"format": "selfcare-export", "entries": []}')
    assert not looks_like_pack(b"Date,Mood\n2026-01-01,good\n")


def test_invalid_pack_error_message() -> None:
    with pytest.raises(PackInvalid) as info:
        validate_pack({}, TODAY)
    assert "nothing was imported" in str(info.value)
    assert "(5 problems)" in str(info.value)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["name", "category", "url", "x", "resources", "format",
                                       "campus", "updated", "version", "id"]),
                      children, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_random_json_never_crashes(value: Any) -> None:
    try:
        raw = json.dumps(value).encode()
    except ValueError:
        return
    try:
        p = parse_pack(raw, TODAY)
    except PackInvalid as exc:
        assert exc.problems and all(str(x).startswith("$") for x in exc.problems)
    else:
        assert p.resources


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(raw: bytes) -> None:
    try:
        parse_pack(raw, TODAY)
    except PackInvalid as exc:
        assert exc.problems


def test_json_schema_matches_the_validator() -> None:
    """docs/resource-pack.schema.json documents the same fields, categories and limits."""
    from selfcare_app.core.resource import CATEGORIES, MAX_CHARS

    schema_path = Path(__file__).resolve().parents[2] / "docs" / "resource-pack.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(rp.TOP_FIELDS)
    assert set(schema["required"]) == set(rp.TOP_FIELDS) - {"$schema"}
    assert schema["properties"]["format"]["const"] == rp.PACK_FORMAT
    assert schema["properties"]["version"]["enum"] == list(rp.READ_VERSIONS)
    assert max(rp.READ_VERSIONS) == rp.PACK_VERSION
    assert schema["properties"]["resources"]["maxItems"] == rp.MAX_RESOURCES
    resource = schema["$defs"]["resource"]
    assert set(resource["properties"]) == set(rp.RESOURCE_FIELDS)
    assert resource["required"] == ["name", "category"]
    assert resource["properties"]["category"]["enum"] == list(CATEGORIES)
    for field, limit in MAX_CHARS.items():
        assert resource["properties"][field]["maxLength"] == limit, field
    assert resource["additionalProperties"] is False and schema["additionalProperties"] is False


def test_sample_pack_matches_the_schema_patterns() -> None:
    import re

    schema_path = Path(__file__).resolve().parents[2] / "docs" / "resource-pack.schema.json"
    props = json.loads(schema_path.read_text("utf-8"))["$defs"]["resource"]["properties"]
    sample = json.loads(SAMPLE.read_text("utf-8"))
    for item in sample["resources"]:
        for key, value in item.items():
            pattern = props[key].get("pattern")
            assert pattern is None or re.search(pattern, value), (key, value)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://a@evil.example",
                "www.uni.example", "data:text/html,x"):
        assert not re.search(props["url"]["pattern"], url), url
