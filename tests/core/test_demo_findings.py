"""The demo semester must show the early-warning engine at work during its exam weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from selfcare_app.core.demo import exam_blocks, semester
from selfcare_app.core.rules import RuleEngine


@pytest.mark.parametrize("end", [date(2025, 5, 30), date(2026, 1, 15), date(2026, 12, 20)])
def test_demo_exam_weeks_yield_at_least_three_distinct_findings(end: date) -> None:
    days = 120
    entries = semester(end, days)
    engine = RuleEngine(entries)
    start = end - timedelta(days=days - 1)
    blocks = exam_blocks(start, end)
    assert len(blocks) == 2
    for first, last in blocks:
        best: set[str] = set()
        d = first
        while d <= last:
            best = max(best, {f.rule for f in engine.findings(d)}, key=len)
            d += timedelta(days=1)
        assert len(best) >= 3, (first, last, best)


def test_demo_calm_weeks_stay_mostly_quiet() -> None:
    """Outside exams the synthetic student is fine: no low-energy signal and no pattern (a
    single noisy stress week against a young usual may show)."""
    end = date(2025, 5, 30)
    entries = semester(end)
    engine = RuleEngine(entries)
    start = end - timedelta(days=119)
    blocks = exam_blocks(start, end)
    calm = [start + timedelta(days=i) for i in range(14, 40)]
    assert all(not any(a <= d <= b + timedelta(days=7) for a, b in blocks) for d in calm)
    fired = {f.rule for d in calm for f in engine.findings(d)}
    assert not fired & {"R6", "R7", "L2", "L6"}
