"""The one "refresh when stale and visible" helper (ui/stale.py)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from selfcare_app.ui.stale import StaleRefresh


class Source(QObject):
    changed = Signal(str)


class View(QWidget):
    def __init__(self, source: Source, **kw: object) -> None:
        super().__init__()
        self.loads = 0
        self.fail = False
        self.busy = False
        self.freshness = StaleRefresh(self, source.changed, ("entries", "settings"), self.load,
                                      paused=lambda: self.busy, **kw)  # type: ignore[arg-type]

    def load(self) -> bool:
        if self.fail:
            return False
        self.loads += 1
        return True


@pytest.fixture
def source() -> Source:
    return Source()


def test_a_hidden_view_is_only_marked_stale_and_refreshes_once_when_shown(
        qtbot: QtBot, source: Source) -> None:
    view = View(source)
    qtbot.addWidget(view)
    view.freshness.refresh()
    assert view.loads == 1 and not view.freshness.stale
    source.changed.emit("entries")
    source.changed.emit("settings")
    assert view.loads == 1 and view.freshness.stale  # hidden: no query for nothing
    view.show()
    qtbot.waitExposed(view)
    assert view.loads == 2 and not view.freshness.stale
    view.hide()
    view.show()
    assert view.loads == 2  # not stale: showing again costs nothing


def test_a_visible_view_refreshes_at_once_on_its_topics_only(qtbot: QtBot,
                                                             source: Source) -> None:
    view = View(source)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.loads == 1  # first shown: stale from the start
    source.changed.emit("entries")
    assert view.loads == 2
    source.changed.emit("assessments")
    assert view.loads == 2 and not view.freshness.stale


def test_paused_views_ignore_changes(qtbot: QtBot, source: Source) -> None:
    view = View(source)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.busy = True
    source.changed.emit("entries")
    assert view.loads == 1 and not view.freshness.stale


def test_a_failed_load_leaves_the_view_stale(qtbot: QtBot, source: Source) -> None:
    view = View(source, on_show=False)
    qtbot.addWidget(view)
    view.fail = True
    assert view.freshness.refresh_if_stale() is False and view.freshness.stale
    view.fail = False
    assert view.freshness.refresh_if_stale() is True and view.loads == 1
    assert view.freshness.refresh_if_stale() is False and view.loads == 1


def test_on_show_false_leaves_refreshing_to_activate(qtbot: QtBot, source: Source) -> None:
    view = View(source, on_show=False)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.loads == 0 and view.freshness.needs_refresh()


def test_a_daily_view_is_stale_once_the_date_changes(qtbot: QtBot, source: Source,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    day = [date(2026, 3, 1)]
    monkeypatch.setattr("selfcare_app.ui.stale.today", lambda: day[0])
    view = View(source, daily=True, on_show=False)
    qtbot.addWidget(view)
    view.freshness.refresh()
    assert not view.freshness.needs_refresh()
    day[0] = date(2026, 3, 2)  # midnight passed: the "today" it shows is yesterday
    assert view.freshness.needs_refresh()
    assert view.freshness.refresh_if_stale() and view.freshness.fresh_for == date(2026, 3, 2)
    assert view.loads == 2


def test_the_helper_goes_with_its_view(qtbot: QtBot, source: Source) -> None:
    view = View(source)
    helper = view.freshness
    assert helper.parent() is view
    view.deleteLater()
    qtbot.wait(1)
    source.changed.emit("entries")  # no call into a deleted view
