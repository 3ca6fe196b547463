"""The student's list of self-care practices, kept in the vault's settings (key "practices").

Settings are exported and imported with everything else, so the list travels with a JSON export.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from selfcare_app.core.practices import (
    SETTING_KEY,
    PracticeListError,
    default_practices,
    validate_practice_list,
)

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault


class PracticeRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def list(self) -> tuple[str, ...]:
        """The current list; the defaults until the student edits it; a damaged value too."""
        value = self._vault.settings.get(SETTING_KEY, default=list(default_practices()))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return default_practices()
        try:
            return validate_practice_list(value)
        except PracticeListError:
            return default_practices()

    def set(self, names: Iterable[str]) -> tuple[str, ...]:
        """Save a new list (validated first: PracticeListError leaves the old one in place)."""
        cleaned = validate_practice_list(names)
        self._vault.settings.set(SETTING_KEY, list(cleaned))
        return cleaned
