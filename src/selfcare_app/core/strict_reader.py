"""One strict reader for untrusted input: size-capped files and strict JSON.

Every file someone hands the app (an import, a campus resource pack, a spreadsheet turned into
a pack, the lock-screen help file) is read through here, so all follow one policy:

- Size: a file is refused by its size before it is read (a stat), and at most `limit + 1`
  bytes are ever read, so a file that grows meanwhile is still capped. The limits per kind of
  file are the `*_MAX_BYTES` constants below (docs/architecture.md lists them too).
- Text: UTF-8; a byte-order mark is dropped. Callers that also accept UTF-16 (packs) decode
  first and say so.
- JSON: refused before or while parsing, whatever the caller: nesting deeper than `MAX_DEPTH`
  (counted without recursion, before the parser sees it), integers longer than
  `MAX_INT_DIGITS` digits, and lone UTF-16 surrogates. Duplicate keys and non-finite numbers
  (NaN, Infinity, -Infinity, 1e999) are refused too; a caller that lists every problem with
  its place (a pack's `$.resources[3].url`) asks for them to be marked instead
  (`collect=True`): objects then remember their repeated keys (`JsonObject.duplicates`) and a
  non-finite number reads as `NonFinite`, which no validator accepts as a number.

The errors carry plain facts (`detail`); each caller words them for its own screen, so the
command line and the app say the same. Pure: no Qt, no SQL; only the file read touches the OS.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from selfcare_app.i18n import _

MIB: Final = 1024 * 1024
IMPORT_MAX_BYTES: Final = 32 * MIB  # a Selfcare export, a CSV or a Daylio export
PACK_MAX_BYTES: Final = 5 * MIB  # a campus resource pack (JSON)
CSV_PACK_MAX_BYTES: Final = 5 * MIB  # a spreadsheet turned into a pack
LOCK_HELP_MAX_BYTES: Final = 256 * 1024  # the lock-screen help file: a handful of lines
MAX_DEPTH: Final = 32  # a real export or pack is at most 5 levels deep
MAX_INT_DIGITS: Final = 15  # beyond a double's exact integers; Python would parse 4,300

_TOKEN_BYTES: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_TOKEN_TEXT: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


class UntrustedInputError(ValueError):
    """Input refused by the strict reader; `detail` says why in plain words."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class TooLarge(UntrustedInputError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(_("{size} bytes is over the limit of {limit} bytes").format(
            size=size, limit=limit))
        self.size = size
        self.limit = limit


class Unreadable(UntrustedInputError):
    """The file could not be read. `reason`: "missing", "folder", "permission" or "os"."""

    def __init__(self, path: Path, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.path = path
        self.reason = reason


class BadEncoding(UntrustedInputError):
    """Not UTF-8; `offset` is the first byte that isn't (counted in the bytes given)."""

    def __init__(self, offset: int) -> None:
        super().__init__(_("not UTF-8 text at byte {offset}").format(offset=offset))
        self.offset = offset


class JsonRefused(UntrustedInputError):
    """Refused JSON. `kind`: "syntax", "depth", "duplicate-key", "non-finite", "number" or
    "surrogate". A syntax error keeps the parser's error (`error`) for its line and column."""

    def __init__(self, kind: str, detail: str,
                 error: json.JSONDecodeError | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.error = error


@dataclass(frozen=True)
class NonFinite:
    """NaN, Infinity, -Infinity or an overflowing number, as written (collect mode only)."""

    text: str


class JsonObject(dict[str, Any]):
    """A JSON object that remembers keys it saw more than once (collect mode only)."""

    duplicates: list[str]


def quoted(text: str, limit: int = 30) -> str:
    """A value as quoted in a message: trimmed, control characters shown safely."""
    cleaned = "".join("\ufffd" if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 else ch
                      for ch in text.strip())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "\u2026"


# -- files -------------------------------------------------------------------------------------


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise TooLarge(size, limit)


def read_capped(path: Path, limit: int) -> bytes:
    """A file's bytes, refused by its size before anything is read; never more than
    `limit + 1` bytes in memory."""
    try:
        if path.is_dir():
            raise Unreadable(path, "folder", _("{path} is a folder, not a file").format(path=path))
        check_size(path.stat().st_size, limit)
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable(path, "missing", _("there is no file at {path}").format(path=path)) \
            from None
    except PermissionError:
        raise Unreadable(path, "permission", _("{path} can't be read (permission denied)").format(
            path=path)) from None
    except OSError as exc:
        raise Unreadable(path, "os", str(exc.strerror or exc)) from None
    check_size(len(data), limit)  # it grew while we looked
    return data


def decode_utf8(data: bytes) -> str:
    """UTF-8 text; a byte-order mark is dropped."""
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadEncoding(exc.start + len(data) - len(body)) from None


# -- JSON --------------------------------------------------------------------------------------


def nesting_depth(data: bytes | str) -> int:
    """Deepest [ / { nesting outside strings, found without recursion."""
    depth = deepest = 0
    tokens = _TOKEN_BYTES.finditer(data) if isinstance(data, bytes) else \
        _TOKEN_TEXT.finditer(data)
    for match in tokens:
        token = match.group()
        if token in (b"[", b"{", "[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}", "]", "}"):
            depth -= 1
    return deepest


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JsonRefused("number", _("a number with {digits} digits is too long").format(
            digits=digits))
    return int(text)


def _refuse_constant(text: str) -> float:
    raise JsonRefused("non-finite", _("{text} is not allowed (numbers must be finite)").format(
        text=text))


def _refuse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonRefused("non-finite", _("the number {number} is too large").format(
            number=quoted(text)))
    return value


def _mark_float(text: str) -> float | NonFinite:
    value = float(text)
    return value if math.isfinite(value) else NonFinite(text)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonRefused("duplicate-key", _(
                "the key '{key}' appears twice in one object").format(key=quoted(key)))
        out[key] = value
    return out


def _mark_duplicates(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject()
    obj.duplicates = []
    for key, value in pairs:
        if key in obj and key not in obj.duplicates:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


def _has_lone_surrogate(value: Any) -> bool:
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _too_deep() -> str:
    return _("is nested more than {depth} levels deep").format(depth=MAX_DEPTH)


def loads_strict(text: str, *, collect: bool = False) -> Any:
    """Parse untrusted JSON text under the policy above; raises JsonRefused."""
    if nesting_depth(text) > MAX_DEPTH:
        raise JsonRefused("depth", _too_deep())
    try:
        value = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_mark_float if collect else _refuse_float,
            parse_constant=NonFinite if collect else _refuse_constant,
            object_pairs_hook=_mark_duplicates if collect else _refuse_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise JsonRefused("syntax", exc.msg, exc) from None
    except RecursionError:  # belt and braces: the depth check comes first
        raise JsonRefused("depth", _too_deep()) from None
    except JsonRefused:
        raise
    except (ValueError, OverflowError) as exc:
        raise JsonRefused("number", quoted(str(exc), 60)) from None
    if _has_lone_surrogate(value):
        raise JsonRefused("surrogate", _("an invalid character (a lone UTF-16 surrogate)"))
    return value
