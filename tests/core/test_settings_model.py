"""The one typed settings model (issue 13): ranges enforced on import, never a crash on read."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare_app.core.settings_model import (
    SPECS,
    SettingError,
    Settings,
    coerce_setting,
    validate_setting,
)


@pytest.mark.parametrize("value", [0, -5, 121, 1e300, "abc", None, True, 2.5, [], {},
                                   float("inf"), float("nan")])
def test_auto_lock_out_of_range_is_refused_with_its_path(value: Any) -> None:
    with pytest.raises(SettingError) as info:
        validate_setting("auto_lock_minutes", value)
    assert info.value.path == "settings.auto_lock_minutes"
    assert "1 to 120" in info.value.message or "from 1 to 120" in info.value.message


@pytest.mark.parametrize("value, stored", [(1, 1), (120, 120), (30.0, 30), (5, 5)])
def test_auto_lock_in_range_is_kept(value: Any, stored: int) -> None:
    assert validate_setting("auto_lock_minutes", value) == stored


@pytest.mark.parametrize("key, value", [("region", 5), ("region", "x" * 65),
                                        ("display_name", "n" * 81), ("rules", []),
                                        ("last_backup_day", "yesterday")])
def test_other_settings_have_types_and_limits(key: str, value: Any) -> None:
    with pytest.raises(SettingError, match=f"settings.{key}"):
        validate_setting(key, value)


def test_unknown_keys_pass_through_for_other_features() -> None:
    assert validate_setting("someone_elses_key", {"x": 1}) == {"x": 1}


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(sorted(SPECS)), value=JSONISH)
def test_fuzz_reading_any_stored_value_never_raises_and_is_in_range(key: str,
                                                                    value: Any) -> None:
    safe = coerce_setting(key, value)
    validate_setting(key, safe)  # whatever was stored, what the app gets is valid
    typed = Settings.from_mapping({key: value})
    assert 1 <= typed.auto_lock_minutes <= 120
    if isinstance(safe, float):
        assert math.isfinite(safe)
    if key != "rules":  # rule overrides are checked value by value by core/rules.py
        json.dumps(safe, allow_nan=False)


def test_a_stored_name_that_is_too_long_is_shortened_not_dropped() -> None:
    assert coerce_setting("display_name", "A" * 200) == "A" * 80
    assert coerce_setting("last_backup_day", "not a date") == ""
