"""Counselor summary PDF, one year of data, against its floor (DESIGN.md §10):
rendering the same charts to PNG with matplotlib in the same process.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_summary_pdf.py [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date, datetime, timedelta


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--paper", default="a4")
    args = parser.parse_args()

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from selfcare_app.core.demo import semester
    from selfcare_app.core.instruments import get_instrument, score
    from selfcare_app.core.summary import Chart, compose_summary, make_options
    from selfcare_app.report.charts import build_trend_figure
    from selfcare_app.report.summary import SummaryDocument, ensure_gui_application

    ensure_gui_application()
    today = date(2026, 3, 1)
    entries = semester(today, 365)
    phq9 = get_instrument("phq9")
    checks = [score(phq9, (1, 1, 1, 1, 0, 1, 0, 0, 0), datetime(2025, 6, 1, 9) + timedelta(
        days=30 * i)) for i in range(8)]
    options = make_options(today - timedelta(days=364), today, today, name="A. B.")

    def compose():  # type: ignore[no-untyped-def]
        return compose_summary(entries=entries, assessments=checks, findings=[],
                               safety_events=[], options=options, today=today,
                               app_version="bench")

    summary = compose()
    chart = next(b for s in summary.sections for b in s.blocks if isinstance(b, Chart))

    def floor() -> int:
        fig = build_trend_figure(chart.view, chart.shaded, size_in=(6.85, 7.3), dpi=150)
        buf = io.BytesIO()
        FigureCanvasAgg(fig).print_png(buf)
        return len(buf.getvalue())

    def full() -> int:
        return len(SummaryDocument(compose(), args.paper).pdf_bytes())

    floor(), full()  # warm caches and imports
    times: dict[str, list[float]] = {"floor": [], "pdf": []}
    size = 0
    for _ in range(args.runs):
        for name, fn in (("floor", floor), ("pdf", full)):
            t = time.perf_counter()
            n = fn()
            times[name].append((time.perf_counter() - t) * 1000)
            if name == "pdf":
                size = n
    f, p = statistics.median(times["floor"]), statistics.median(times["pdf"])
    print(f"floor (charts → PNG @150 dpi): {f:.0f} ms median "
          f"({min(times['floor']):.0f}–{max(times['floor']):.0f})")
    print(f"summary PDF (compose + layout + charts @200 dpi + PDF): {p:.0f} ms median "
          f"({min(times['pdf']):.0f}–{max(times['pdf']):.0f})")
    print(f"ratio {p / f:.2f}× (goal ≤ 1.5×); PDF {size / 1024:.0f} KiB, "
          f"{SummaryDocument(summary, args.paper).page_count} pages")


if __name__ == "__main__":
    main()
