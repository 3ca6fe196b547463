"""How hard a logged value reads, for colour cues that show a week's shape at a glance.

`strain` is 0 for an easy value and 1 for a hard one (high stress, short sleep, long study,
low mood or energy, no time with people). It describes the number, not the person: the cue
sits beside the number, never replaces it.
"""

from __future__ import annotations

from typing import Final

# (value that reads easy, value that reads hard) per measure; strain is linear between them.
SCALES: Final[dict[str, tuple[float, float]]] = {
    "stress": (2.0, 9.0),
    "sleep_hours": (8.0, 4.5),
    "study_hours": (6.0, 13.0),
    "mood": (8.0, 2.0),
    "energy": (8.0, 2.0),
    "social": (2.0, 0.0),
}


def strain(metric: str, value: float | None) -> float | None:
    """0.0 (easy) … 1.0 (hard); None when not set or not a measure with a cue."""
    if value is None or metric not in SCALES:
        return None
    easy, hard = SCALES[metric]
    share = (value - easy) / (hard - easy)
    return max(0.0, min(1.0, share))
