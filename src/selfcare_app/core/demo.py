"""A realistic synthetic semester for trying the app: deterministic for a given seed.

Ordinary weeks sit near a healthy baseline; two exam blocks (a midterm week and finals at the
end) bring shorter nights, long study days, high stress and low energy; weekends are lighter;
about one day in twelve is missed, as real logs are.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from selfcare_app.core.entry import DailyEntry
from selfcare_app.i18n import N_, _

# Sample notes, written in the student's language when the demo is made (tags stay as they are:
# they are the student's own labels, and rules and tests match them).
_NOTES = {
    "calm": [
        N_("Good lecture on renal physiology, actually understood it."),
        N_("Walked home with Sam, talked about everything except school."),
        N_("Slept in a bit. Felt human again."),
    ],
    "exam": [
        N_("Practice questions until 1am. Brain full."),
        N_("Couldn't fall asleep, kept running through pathways."),
        N_("Skipped lunch again to get through the cardio deck."),
        N_("Snapped at my flatmate over nothing. Need a break."),
    ],
}


def exam_blocks(start: date, end: date) -> list[tuple[date, date]]:
    """Midterm week around 45% of the range and finals in the last 18 days."""
    days = (end - start).days + 1
    blocks: list[tuple[date, date]] = []
    if days >= 40:
        mid = start + timedelta(days=int(days * 0.45))
        blocks.append((mid, mid + timedelta(days=8)))
    finals_start = max(start, end - timedelta(days=17))
    blocks.append((finals_start, end - timedelta(days=2)))
    return blocks


def semester(end: date, days: int = 120, seed: int = 7) -> list[DailyEntry]:
    rng = random.Random(seed)
    start = end - timedelta(days=days - 1)
    blocks = exam_blocks(start, end)
    entries: list[DailyEntry] = []
    for i in range(days):
        day = start + timedelta(days=i)
        in_exam = any(a <= day <= b for a, b in blocks)
        weekend = day.weekday() >= 5
        if not in_exam and rng.random() < 0.085:
            continue  # a missed day stays a gap
        if in_exam:
            sleep = rng.choice([4.5, 5.0, 5.25, 5.5, 5.75, 6.0, 6.5])
            study = rng.choice([10.0, 10.5, 11.0, 11.5, 12.0, 12.5]) - (1.5 if weekend else 0)
            stress = rng.choice([7, 8, 8, 9, 9])
            mood = rng.choice([2, 3, 3, 4, 5])
            energy = rng.choice([2, 2, 3, 3, 4])
            social = rng.choice([0, 0, 0, 1])
            tags = ["exam"] + (["library"] if rng.random() < 0.5 else [])
        else:
            sleep = rng.choice([6.5, 7.0, 7.25, 7.5, 7.75, 8.0]) + (0.75 if weekend else 0.0)
            study = (rng.choice([1.0, 2.0, 3.0, 4.0]) if weekend
                     else rng.choice([6.0, 6.5, 7.0, 7.5, 8.0, 8.5]))
            stress = rng.choice([2, 3, 3, 4, 4, 5, 6]) - (1 if weekend else 0)
            mood = rng.choice([5, 6, 6, 7, 7, 8])
            energy = rng.choice([5, 6, 6, 7, 7, 8])
            social = rng.choice([1, 1, 2, 2, 2]) if weekend else rng.choice([0, 1, 1, 2])
            tags = []
            if weekend and rng.random() < 0.4:
                tags.append("friends")
            if rng.random() < 0.25:
                tags.append("gym")
            if not weekend and rng.random() < 0.15:
                tags.append("rotation")
        note = ""
        if rng.random() < 0.12:
            sample = rng.choice(_NOTES["exam" if in_exam else "calm"])
            note = _(sample)
        entries.append(
            DailyEntry(
                day=day, stress=max(0, stress), sleep_hours=sleep, study_hours=max(0.0, study),
                mood=mood, energy=energy, social=social, tags=tuple(tags), note=note,
            )
        )
    return entries
