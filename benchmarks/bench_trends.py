"""Trends range switch (30, 365, 3,650 days) vs redrawing empty axes of the same canvas size.

Runs inside the real main window (offscreen), unlocked on a 10-year demo vault, on the Trends
page. Every operation ends with `canvas.repaint()`, so it includes the Agg render and the copy
through Qt's backing store (as PERFORMANCE.md §2 measured its floors).

    floor          the same canvas size, the same five panels with the same decorations
                   (titles, ticks, date axis, fixed margins), no data: draw + repaint
    switch N       the page's range switch to N days, as a click does it: recompute the view
                   (core.trends), move the existing lines (set_data), draw, repaint
    toggle 3650    switch one measure off (its panel is hidden, the others re-placed), draw
    rebuild 3650   the figure cleared and rebuilt from nothing (as on a theme change)
    redraw 3650    draw + repaint with unchanged data (expose / resize)

Operations are shuffled within each round; each figure is the median over all rounds.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import END, PASSPHRASE, make_demo_vault, median  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SELFCARE_TODAY", END.isoformat())
os.environ["QT_API"] = "pyside6"


def run(rounds: int = 12, reps: int = 5) -> dict[str, object]:
    tmp = tempfile.TemporaryDirectory(prefix="selfcare-bench-")
    data = Path(tmp.name) / "data"
    os.environ["MPLCONFIGDIR"] = str(data / "mpl")
    make_demo_vault(data / "vault.db", 3650)

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from selfcare_app.app import create_window
    from selfcare_app.paths import AppPaths

    win: Any = create_window(AppPaths(data))
    win.resize(1280, 800)
    win.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def pump(cond: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not cond() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not cond():
            raise RuntimeError("timed out")

    opened: list[object] = []

    def on_open(vault: object) -> None:
        win._on_unlocked(vault)
        opened.append(vault)

    win.session.unlock(PASSPHRASE, on_open, opened.append)
    pump(lambda: bool(opened))
    win.navigate("trends")
    page = win.pages["trends"]
    pump(lambda: page.chart is not None)
    page.set_range("all")
    for _ in range(5):
        app.processEvents()
    canvas = page.canvas
    assert len(page.view.panels[0].days) == 3650, len(page.view.panels[0].days)

    # The floor: a second canvas of exactly the same size, same panels, no data.
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from PySide6.QtWidgets import QMainWindow

    from selfcare_app.core.trends import build_view
    from selfcare_app.report.charts import TrendChart

    floor_chart = TrendChart(page.chart.theme)
    empty = build_view([], page.view.start, page.view.end)
    floor_chart.update(empty)
    for ax in floor_chart.axes:  # empty axes: no lines at all, only the decorations
        for line in list(ax.get_lines()):
            line.remove()
    floor_canvas = FigureCanvasQTAgg(floor_chart.figure)  # type: ignore[no-untyped-call]
    floor_window = QMainWindow()
    floor_window.setCentralWidget(floor_canvas)
    floor_canvas.setFixedSize(canvas.size())
    floor_window.show()

    # For reference only: PERFORMANCE.md's single empty axes with a date axis, same size.
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    single = Figure(figsize=floor_chart.figure.get_size_inches())
    single_ax = single.add_subplot()
    single_ax.set_xlim(floor_chart.axes[0].get_xlim())
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    single_ax.xaxis.set_major_locator(locator)
    single_ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    single_canvas = FigureCanvasQTAgg(single)  # type: ignore[no-untyped-call]
    single_window = QMainWindow()
    single_window.setCentralWidget(single_canvas)
    single_canvas.setFixedSize(canvas.size())
    single_window.show()
    for _ in range(5):
        app.processEvents()
    assert floor_canvas.size() == canvas.size(), (floor_canvas.size(), canvas.size())

    keys = {30: "month", 365: "year", 3650: "all"}

    def settle() -> None:
        app.processEvents()  # runs the pending draw_idle, as the event loop would
        canvas.repaint()

    def floor() -> None:
        floor_canvas.draw()  # type: ignore[no-untyped-call]
        floor_canvas.repaint()

    def single_floor() -> None:
        single_canvas.draw()  # type: ignore[no-untyped-call]
        single_canvas.repaint()

    def switch(days: int) -> Callable[[], None]:
        def op() -> None:
            page.set_range(keys[days])
            settle()
        return op

    def prepare_switch(days: int) -> None:
        other = "2w" if days != 14 else "month"
        page.set_range(other)
        settle()

    def rebuild() -> None:
        page.chart._built = False  # forces clear + rebuild on the next update
        page.refresh()
        settle()

    mood = page.metric_boxes["mood"]

    def toggle_prepare() -> None:
        mood.setChecked(True)
        show_all()

    def toggle() -> None:
        mood.setChecked(False)
        settle()

    def show_all() -> None:
        page.set_range("all")
        settle()

    def redraw() -> None:
        canvas.draw()
        canvas.repaint()

    ops: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
        "floor": (lambda: None, floor),
        "single empty axes": (lambda: None, single_floor),
        "switch 30": (lambda: prepare_switch(30), switch(30)),
        "switch 365": (lambda: prepare_switch(365), switch(365)),
        "switch 3650": (lambda: prepare_switch(3650), switch(3650)),
        "toggle 3650": (toggle_prepare, toggle),
        "rebuild 3650": (show_all, rebuild),
        "redraw 3650": (show_all, redraw),
    }
    times: dict[str, list[float]] = {name: [] for name in ops}
    in_place: dict[str, bool] = {}
    for op_name in list(ops)[:4]:  # warm-up: caches, fonts, first draw
        ops[op_name][0]()
        ops[op_name][1]()
    for _ in range(rounds):
        order = list(ops)
        random.shuffle(order)
        for name in order:
            prepare, op = ops[name]
            for _ in range(reps):
                prepare()
                rebuilds = page.chart.rebuilds
                t0 = time.perf_counter()
                op()
                times[name].append((time.perf_counter() - t0) * 1000)
                if name.startswith(("switch", "toggle")):
                    in_place[name] = page.chart.rebuilds == rebuilds
    from selfcare_app.core.demo import semester

    mood.setChecked(True)
    from datetime import timedelta

    entries = semester(END, days=3650)
    prep: list[float] = []
    for _ in range(20):
        t0 = time.perf_counter()
        build_view(entries, END - timedelta(days=3649), END)
        prep.append((time.perf_counter() - t0) * 1000)
    result = {
        "canvas_px": [canvas.width(), canvas.height()],
        "dpr": canvas.device_pixel_ratio,
        "times_ms": times,
        "medians_ms": {k: median(v) for k, v in times.items()},
        "in_place": in_place,
        "build_view_3650_ms": median(prep),
    }
    win.close()
    tmp.cleanup()
    return result


if __name__ == "__main__":
    out = run(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip interpreter teardown (PERFORMANCE.md §7)
