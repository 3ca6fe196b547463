"""The one strict reader for untrusted input: one policy for imports, packs and help files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selfcare_app.core import strict_reader as sr
from selfcare_app.core.strict_reader import (
    MAX_DEPTH,
    BadEncoding,
    JsonObject,
    JsonRefused,
    NonFinite,
    TooLarge,
    Unreadable,
    check_size,
    decode_utf8,
    loads_strict,
    nesting_depth,
    read_capped,
)


def refused(text: str, **kw: Any) -> JsonRefused:
    with pytest.raises(JsonRefused) as info:
        loads_strict(text, **kw)
    return info.value


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("collect", [False, True])
def test_plain_json_reads_as_json(collect: bool) -> None:
    assert loads_strict('{"a": [1, 2.5, "x", null, true]}', collect=collect) == {
        "a": [1, 2.5, "x", None, True]}


def test_duplicate_keys_are_refused_naming_the_key() -> None:
    err = refused('{"a": 1, "b": {"c": 1, "c": 2}}')
    assert err.kind == "duplicate-key" and "'c' appears twice" in err.detail


def test_duplicate_keys_are_marked_when_collecting() -> None:
    value = loads_strict('{"a": 1, "a": 2, "b": {"c": 1}}', collect=True)
    assert isinstance(value, JsonObject)
    assert value.duplicates == ["a"] and value["a"] == 2  # the last value is what gets checked
    assert value["b"].duplicates == []


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_refused(constant: str) -> None:
    err = refused(f'{{"x": [{constant}]}}')
    assert err.kind == "non-finite" and f"{constant} is not allowed" in err.detail


def test_overflowing_numbers_are_refused() -> None:
    err = refused('{"x": 1e999}')
    assert err.kind == "non-finite" and "1e999 is too large" in err.detail


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_marked_when_collecting(constant: str) -> None:
    assert loads_strict(f'{{"x": {constant}}}', collect=True)["x"] == NonFinite(constant)


@pytest.mark.parametrize("collect", [False, True])
def test_overlong_integers_are_refused_in_both_modes(collect: bool) -> None:
    assert loads_strict("9" * sr.MAX_INT_DIGITS, collect=collect) == int("9" * 15)
    err = refused("[" + "9" * 5000 + "]", collect=collect)
    assert err.kind == "number" and "5000 digits" in err.detail


@pytest.mark.parametrize("collect", [False, True])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 200_000])
def test_deep_nesting_is_refused_before_parsing(collect: bool, depth: int) -> None:
    err = refused("[" * depth + "]" * depth, collect=collect)
    assert err.kind == "depth" and f"more than {MAX_DEPTH} levels" in err.detail


def test_nesting_up_to_the_limit_is_read_and_brackets_in_strings_do_not_count() -> None:
    assert loads_strict("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    text = '{"a": "[[[[{{{{\\"[[["}'
    assert nesting_depth(text) == nesting_depth(text.encode()) == 1
    assert loads_strict(text) == {"a": '[[[[{{{{"[[['}


@pytest.mark.parametrize("collect", [False, True])
def test_lone_surrogates_are_refused(collect: bool) -> None:
    assert refused('{"a": "\\ud800"}', collect=collect).kind == "surrogate"
    assert refused('{"\\udfff": 1}', collect=collect).kind == "surrogate"
    assert loads_strict('"\\ud83d\\ude00"', collect=collect) == "\U0001F600"  # a pair is fine


def test_syntax_errors_keep_the_parsers_position() -> None:
    err = refused('{"a": 1,\n "b": }')
    assert err.kind == "syntax" and err.error is not None
    assert (err.error.lineno, err.error.colno) == (2, 7)


# -- text ---------------------------------------------------------------------------------------


def test_utf8_with_or_without_bom() -> None:
    assert decode_utf8("é".encode()) == decode_utf8(b"\xef\xbb\xbf" + "é".encode()) == "é"


def test_bad_encoding_names_the_first_bad_byte() -> None:
    with pytest.raises(BadEncoding) as info:
        decode_utf8(b"ok\nsmart \x93quote\x94")
    assert info.value.offset == 9
    with pytest.raises(BadEncoding) as info:
        decode_utf8(b"\xef\xbb\xbf\xff")  # counted in the bytes given, BOM included
    assert info.value.offset == 3


# -- files --------------------------------------------------------------------------------------


def test_check_size_allows_the_limit_and_refuses_one_byte_more() -> None:
    check_size(100, 100)
    with pytest.raises(TooLarge) as info:
        check_size(101, 100)
    assert (info.value.size, info.value.limit) == (101, 100)


def test_oversize_file_is_refused_before_it_is_read(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(sr.PACK_MAX_BYTES + 1)  # sparse: no need to write 5 MB
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(TooLarge) as info:
        read_capped(big, sr.PACK_MAX_BYTES)
    assert info.value.size == sr.PACK_MAX_BYTES + 1 and big not in opened
    small = tmp_path / "small.json"
    small.write_bytes(b"x" * 10)
    assert read_capped(small, 10) == b"x" * 10


@pytest.mark.parametrize("reason", ["missing", "folder"])
def test_unreadable_files_say_why(tmp_path: Path, reason: str) -> None:
    path = tmp_path / "missing.json" if reason == "missing" else tmp_path
    with pytest.raises(Unreadable) as info:
        read_capped(path, 10)
    assert info.value.reason == reason and str(path) in info.value.detail


def test_every_reader_shares_the_limits() -> None:
    from selfcare_app.core import exchange, json_format, pack_csv, resource_pack
    from selfcare_app.data import lock_help

    assert exchange.MAX_IMPORT_BYTES == sr.IMPORT_MAX_BYTES
    assert resource_pack.MAX_PACK_BYTES == sr.PACK_MAX_BYTES
    assert resource_pack.MAX_DEPTH == sr.MAX_DEPTH
    assert pack_csv.MAX_CSV_BYTES == sr.CSV_PACK_MAX_BYTES
    assert lock_help.MAX_BYTES == sr.LOCK_HELP_MAX_BYTES
    assert json_format.MAX_INT_DIGITS == sr.MAX_INT_DIGITS


def test_a_pack_and_an_export_refuse_the_same_json() -> None:
    from selfcare_app.core.exchange import FileFormatError
    from selfcare_app.core.json_format import loads_strict as export_loads
    from selfcare_app.core.resource_pack import PackInvalid, parse_json

    for text in ('{"a": 1' + "9" * 5000 + "}", "[" * 40 + "]" * 40, '{"a": "\\ud800"}'):
        with pytest.raises(FileFormatError):
            export_loads(text)
        with pytest.raises(PackInvalid):
            parse_json(text.encode())
