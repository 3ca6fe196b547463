"""A completed self-check (one administration of an instrument), as stored and as ruled on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType


@dataclass(frozen=True)
class Assessment:
    """One self-check result.

    `instrument` is the definition id (who5, phq8, phq9, gad7, cbi-personal, cbi-study);
    `answers` holds one option value per item in item order (None for an unanswered item);
    `score` is None when the answers did not allow a score; `band` is the band id.
    """

    instrument: str
    instrument_version: str
    taken_at: datetime
    answers: tuple[int | None, ...]
    score: float | None
    band: str | None
    subscores: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    id: int | None = field(default=None, compare=False)

    def answer(self, item_number: int) -> int | None:
        """The answer to item `item_number` (1-based, as printed on the questionnaire)."""
        if 1 <= item_number <= len(self.answers):
            return self.answers[item_number - 1]
        return None
