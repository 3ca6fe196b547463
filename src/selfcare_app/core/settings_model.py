"""The one typed model of the settings stored in the vault, with their ranges.

Every way a setting arrives goes through here: an import file (`validate_setting`, which
refuses with the JSON path), a stored value read back (`coerce_setting`, which never raises:
a value out of range or of the wrong type gives the default, so unlock and Preferences can't
crash on it), and Preferences (the spin box takes its range from `SPECS`).
Keys not declared here (another feature's) are passed through unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from selfcare_app.i18n import _


class SettingError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(_("{where}: {problem}").format(where=path, problem=message))


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type
    default: Any
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    is_date: bool = False
    help: str = ""


SPECS: Final[dict[str, SettingSpec]] = {s.key: s for s in (
    SettingSpec("auto_lock_minutes", int, 5, minimum=1, maximum=120,
                help="minutes without use before the app locks"),
    SettingSpec("region", str, "", max_length=64, help="region for crisis lines"),
    SettingSpec("display_name", str, "", max_length=80, help="name shown in summaries"),
    SettingSpec("last_backup_day", str, "", max_length=10, is_date=True),
    SettingSpec("rules", dict, {}, help="early-warning rule overrides (core/rules.py)"),
)}

# Every key the vault's settings table holds: the ones modelled in SPECS above, plus "practices"
# (core/practices.py keeps its own shape). A misspelt key is a mypy error at the call site.
SettingKey = Literal["auto_lock_minutes", "region", "display_name", "last_backup_day", "rules",
                     "practices"]


def default(key: str) -> Any:
    spec = SPECS[key]
    return dict(spec.default) if isinstance(spec.default, dict) else spec.default


def validate_setting(key: str, value: Any, path: str = "settings") -> Any:
    """The value as stored, or SettingError naming `path.key` and the allowed range."""
    spec = SPECS.get(key)
    where = f"{path}.{key}"
    if spec is None:
        return value
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingError(where, _whole(spec.minimum, spec.maximum, value))
        if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
            raise SettingError(where, _whole(spec.minimum, spec.maximum, value))
        number = int(value)
        if (spec.minimum is not None and number < spec.minimum) or (
                spec.maximum is not None and number > spec.maximum):
            raise SettingError(where, _("should be from {minimum} to {maximum}; it is {value}.")
                               .format(minimum=spec.minimum, maximum=spec.maximum,
                                       value=_show(value)))
        return number
    if spec.kind is str:
        if not isinstance(value, str):
            raise SettingError(where, _("should be text; it is {value}.").format(
                value=_show(value)))
        if spec.max_length is not None and len(value) > spec.max_length:
            raise SettingError(where, _("should be at most {limit} characters.").format(
                limit=spec.max_length))
        if spec.is_date and value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise SettingError(where, _("should be a date like 2026-09-01 or empty.")) \
                    from None
        return value
    if spec.kind is dict and not isinstance(value, dict):
        raise SettingError(where, _("should be an object; it is {value}.").format(
            value=_show(value)))
    return value


def _whole(minimum: object, maximum: object, value: object) -> str:
    return _("should be a whole number from {minimum} to {maximum}; it is {value}.").format(
        minimum=minimum, maximum=maximum, value=_show(value))


def coerce_setting(key: str, value: Any) -> Any:
    """A stored value made safe to use: invalid → the default (never raises)."""
    spec = SPECS.get(key)
    if spec is None:
        return value
    if spec.kind is str and isinstance(value, str) and spec.max_length is not None:
        value = value[:spec.max_length]  # a name that is too long is shortened, not dropped
    try:
        return validate_setting(key, value)
    except SettingError:
        return default(key)


@dataclass(frozen=True)
class Settings:
    """Typed view of the known settings, for code that wants attributes instead of keys."""

    auto_lock_minutes: int = 5
    region: str = ""
    display_name: str = ""
    last_backup_day: str = ""
    rules: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> Settings:
        return cls(**{k: coerce_setting(k, values.get(k, default(k))) for k in SPECS})


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "…"
