"""Issue 17's polish: sidebar icons, the show-passphrase toggle, a wrong passphrase read as a
typo, one line for measures still waiting for days, History's colour cues and date style."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import METRICS, DailyEntry
from selfcare_app.core.trends import week_vs_usual_all
from selfcare_app.data.errors import WrongPassphraseError
from tests.ui.conftest import TODAY, create_and_unlock


def test_every_sidebar_page_has_a_bundled_icon(qtbot: QtBot, window: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    create_and_unlock(qtbot, window)
    assert window.sidebar.count() == len(PAGE_KEYS)
    for row in range(window.sidebar.count()):
        icon = window.sidebar.item(row).icon()
        assert not icon.isNull() and not icon.pixmap(24, 24).isNull()


def test_icons_take_the_theme_text_colour() -> None:
    from PySide6.QtGui import QColor

    from selfcare_app.ui.icons import themed_icon

    image = themed_icon("page-today.svg", QColor("#ff0000")).pixmap(48, 48).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(48) for y in range(48)
               if image.pixelColor(x, y).alpha() == 255}
    assert colours == {"#ff0000"}


def test_show_passphrase_toggles_both_fields_and_resets_on_clear(qtbot: QtBot,
                                                                 window: Any) -> None:
    lock = window.lock_screen
    lock.next_button.click()
    assert lock.passphrase.echoMode() == QLineEdit.EchoMode.Password
    lock.show_passphrase.setChecked(True)
    assert lock.passphrase.echoMode() == lock.confirm.echoMode() == QLineEdit.EchoMode.Normal
    lock.clear()
    assert lock.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_a_wrong_passphrase_reads_as_a_typo_not_damage() -> None:
    text = str(WrongPassphraseError())
    assert "did not unlock" in text and "Caps Lock" in text
    assert "damaged" not in text


def test_measures_waiting_for_days_share_one_line(qtbot: QtBot) -> None:
    from selfcare_app.ui.widgets.week_vs_usual import waiting_text

    none_yet = week_vs_usual_all([], TODAY)
    text = waiting_text(none_yet)
    assert text.startswith("Log 4 more days this week") and "0 so far" in text
    two = [DailyEntry(day=TODAY - timedelta(days=i), stress=5) for i in range(2)]
    assert "Log 2 more days" in waiting_text(week_vs_usual_all(two, TODAY))
    assert waiting_text([]) == ""


def test_the_week_card_shows_one_waiting_line_not_five(qtbot: QtBot, window: Any) -> None:
    create_and_unlock(qtbot, window)
    card = window.pages["today"].week_vs_usual
    card.refresh()
    assert card.waiting.isVisibleTo(card)
    assert not any(card.lines[m].isVisibleTo(card) for m in METRICS)


def test_history_shades_hard_and_easy_values_and_writes_one_date_style() -> None:
    from PySide6.QtCore import Qt

    from selfcare_app.ui.entries_model import COLUMNS, EntriesModel

    model = EntriesModel()
    model.set_rows([DailyEntry(day=date(2026, 11, 24), stress=9, sleep_hours=8.5, mood=5,
                               study_hours=6.25)])
    col = {name: i for i, (name, _t) in enumerate(COLUMNS)}

    def cell(name: str, role: Qt.ItemDataRole) -> Any:
        return model.data(model.index(0, col[name]), role)

    assert cell("day", Qt.ItemDataRole.DisplayRole) == "Tue 24 Nov 2026"
    assert cell("study_hours", Qt.ItemDataRole.DisplayRole) == "6.25"
    hard = cell("stress", Qt.ItemDataRole.BackgroundRole).color()
    easy = cell("sleep_hours", Qt.ItemDataRole.BackgroundRole).color()
    assert hard.red() > hard.blue() and easy.blue() > easy.red()  # orange vs blue
    assert cell("mood", Qt.ItemDataRole.BackgroundRole) is None  # middling: plain
    assert cell("energy", Qt.ItemDataRole.BackgroundRole) is None  # not set: plain


def test_an_empty_history_says_what_will_appear(qtbot: QtBot, window: Any) -> None:
    create_and_unlock(qtbot, window)
    window.navigate("history")
    history = window.pages["history"]
    assert history.count_label.text().startswith("No days logged yet. Each check-in")
    window.session.run(lambda v: v.entries.upsert(DailyEntry(day=TODAY, mood=5)))
    window.session.notify("entries")
    window.navigate("today")
    window.navigate("history")
    qtbot.waitUntil(lambda: history.count_label.text() == "1 day logged")
