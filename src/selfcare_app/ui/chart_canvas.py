"""The one way a chart gets on screen: a matplotlib canvas built on first use.

Importing this module costs nothing: matplotlib (about 450 ms, PERFORMANCE.md) is imported by
the first call, i.e. when a chart is first shown, never at start-up
(tests/ui/test_lazy_imports.py checks it). Every canvas gets a name a screen reader says, an
optional description, a size policy and a hook that refits the margins when it is resized.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

Policy = QSizePolicy.Policy


def new_figure(width_in: float, height_in: float, dpi: int = 100) -> Any:
    """An empty matplotlib Figure (not pyplot: no global state, no GUI event loop)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), dpi=dpi)


def chart_canvas(figure: Any, name: str, *, description: str = "",
                 on_resize: Callable[[], object] | None = None,
                 policy: tuple[Policy, Policy] | None = None,
                 min_width: int = 0, min_height: int = 0, focusable: bool = False) -> Any:
    """A FigureCanvasQTAgg showing `figure`, ready to add to a layout."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
    canvas.setAccessibleName(name)
    if description:
        canvas.setAccessibleDescription(description)
    if policy is not None:
        canvas.setSizePolicy(*policy)
    if min_width or min_height:
        canvas.setMinimumSize(min_width, min_height)
    if focusable:
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if on_resize is not None:
        canvas.mpl_connect("resize_event", lambda _event: on_resize())
    return canvas
