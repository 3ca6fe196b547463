"""Practices on Today (one click per chip), the practice list dialog, My people, Get help now."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from selfcare_app.core.people import Person
from selfcare_app.ui.dialogs.people_dialog import PeopleDialog
from selfcare_app.ui.dialogs.practices_dialog import PracticesDialog
from selfcare_app.ui.widgets.practices_row import PracticesRow
from tests.ui.conftest import TODAY, create_and_unlock
from tests.ui.test_findings_card import card_for, make_session  # noqa: F401, F811 - a fixture


def test_chips_toggle_keep_unlisted_practices_and_say_their_state(qtbot: QtBot) -> None:
    row = PracticesRow()
    qtbot.addWidget(row)
    edits: list[bool] = []
    row.edited.connect(lambda: edits.append(True))
    row.set_practices(["a walk", "a break"])
    row.set_checked(["a break", "yoga"])  # yoga was logged, then removed from the list
    assert [c.name for c in row.chips] == ["a walk", "a break", "yoga"]
    assert row.checked() == ["a break", "yoga"] and edits == []
    walk = row.chips[0]
    assert walk.accessibleName() == "A walk: not done this day"
    qtbot.mouseClick(walk, Qt.MouseButton.LeftButton)
    assert edits == [True] and walk.text().startswith("✓ ")
    assert walk.accessibleName() == "A walk: done this day"
    row.set_practices(["a walk"])  # a new list keeps what is checked
    assert row.checked() == ["a walk", "a break", "yoga"]


def test_practices_dialog_validates_and_returns_the_list(qtbot: QtBot) -> None:
    dialog = PracticesDialog(["a walk"])
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    dialog.list.item(1).setText("x" * 41)
    dialog._save()
    assert not dialog.error.isHidden()
    assert "40 characters" in dialog.error.text()
    dialog.list.item(1).setText("Yoga")
    dialog.list.setCurrentRow(1)
    dialog.up_button.click()
    dialog._save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_names == ("Yoga", "a walk")


def test_a_practice_is_logged_from_today_and_survives_saving(
        qtbot: QtBot, window: object) -> None:
    create_and_unlock(qtbot, window)
    today = window.pages["today"]  # type: ignore[attr-defined]
    chips = {c.name: c for c in today.form.practices.chips}
    assert "a walk" in chips and "a break" in chips
    qtbot.mouseClick(chips["a walk"], Qt.MouseButton.LeftButton)
    assert today.dirty
    today.form.mood.put(6)
    assert today.save(), today.status.text()
    session = window.session  # type: ignore[attr-defined]
    stored = session.run(lambda v: v.entries.get(TODAY))
    assert stored.practices == ("a walk",) and stored.tags == ()
    # Reloading the day shows the chip checked; saving again keeps it.
    today.load(TODAY)
    assert today.form.practices.checked() == ["a walk"]
    today.form.mood.put(7)
    assert today.save()
    assert session.run(lambda v: v.entries.get(TODAY)).practices == ("a walk",)


def test_my_people_dialog_adds_edits_removes_and_help_shows_them(
        qtbot: QtBot, window: object) -> None:
    create_and_unlock(qtbot, window)
    session = window.session  # type: ignore[attr-defined]
    dialog = PeopleDialog(session, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert not dialog.save()  # no name
    assert "name" in dialog.error.text()
    dialog.name.setText("Sam")
    dialog.kind.setCurrentIndex(dialog.kind.findData("friend"))
    dialog.contact.setText("text 555 0100")
    dialog.talked_today.click()
    assert dialog.save()
    dialog._new()
    dialog.name.setText("Dr Lee")
    dialog.kind.setCurrentIndex(dialog.kind.findData("counselor"))
    assert dialog.save()
    people = session.run(lambda v: v.people.list())
    assert [(p.name, p.kind, p.last_talked) for p in people] == [
        ("Sam", "friend", TODAY), ("Dr Lee", "counselor", None)]
    dialog.list.setCurrentRow(0)
    assert dialog.name.text() == "Sam"
    dialog.contact.setText("call 555 0100")
    assert dialog.save()
    assert session.run(lambda v: v.people.list())[0].contact == "call 555 0100"
    dialog.list.setCurrentRow(1)
    dialog.delete_button.click()
    assert [p.name for p in session.run(lambda v: v.people.list())] == ["Sam"]

    help_dialog = window.open_help()  # type: ignore[attr-defined]
    from selfcare_app.ui.widgets.people_cards import PeopleSection

    sections = help_dialog.findChildren(PeopleSection)
    assert len(sections) == 1 and [c.person.name for c in sections[0].cards] == ["Sam"]
    window.lock()  # type: ignore[attr-defined]
    assert help_dialog.isVisible()  # crisis lines stay open across a lock ...
    qtbot.waitUntil(lambda: not [s for s in help_dialog.findChildren(PeopleSection)
                                 if s.parent() is not None and s.isVisibleTo(help_dialog)])
    texts = " ".join(w.text() for w in help_dialog.findChildren(QLabel))
    assert "Sam" not in texts  # ... but the student's people are gone
    help_dialog.close()


@pytest.mark.parametrize("people", [[], [Person(name="Al", kind="mentor")]])
def test_help_dialog_without_a_vault_or_people_shows_only_crisis_lines(
        qtbot: QtBot, people: list[Person]) -> None:
    from selfcare_app.ui.help_dialog import HelpDialog
    from selfcare_app.ui.widgets.people_cards import PeopleSection

    dialog = HelpDialog(region="uk", people=people)
    qtbot.addWidget(dialog)
    assert len(dialog.findChildren(PeopleSection)) == len(people)


def test_less_contact_finding_offers_my_people_first(
        qtbot: QtBot, make_session: Any) -> None:  # noqa: F811 - the imported fixture
    from datetime import timedelta

    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.ui.widgets.own_support_row import OwnSupportRow

    def setup(v: Any) -> None:
        v.entries.upsert_many(
            DailyEntry(day=TODAY - timedelta(days=i), social=0 if i < 7 else 2, mood=5)
            for i in range(35))
        v.people.add(Person(name="Sam", kind="friend", contact="text 555"))
        v.people.add(Person(name="Dr Lee", kind="counselor"))

    card = card_for(qtbot, make_session(setup))
    rows = {r.finding.rule: r for r in card.rows}
    assert "R5" in rows, list(rows)
    extra = rows["R5"].findChildren(OwnSupportRow)
    assert len(extra) == 1
    assert extra[0].text.text().startswith("From your people: Sam or Dr Lee")
    assert extra[0].people_button is not None


def test_edit_list_from_today_saves_and_refreshes_the_chips(
        qtbot: QtBot, window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    create_and_unlock(qtbot, window)
    today = window.pages["today"]  # type: ignore[attr-defined]

    def accept(self: PracticesDialog) -> int:
        self.list.item(0).setText("Yoga")
        self._save()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PracticesDialog, "exec", accept)
    today.form.practices.edit_button.click()
    assert today.form.practices.chips[0].name == "Yoga"
    stored = window.session.run(lambda v: v.practices.list())  # type: ignore[attr-defined]
    assert stored[0] == "Yoga" and "a walk" not in stored


def test_tab_moves_through_the_chips_and_on_to_tags(qtbot: QtBot, window: object) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    create_and_unlock(qtbot, window)
    today = window.pages["today"]  # type: ignore[attr-defined]
    window.activateWindow()  # type: ignore[attr-defined]
    today.form.social.setFocus()
    # Activation is asynchronous: start only once the keyboard really is on the social row.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is today.form.social, timeout=5_000)
    seen = []
    for _ in range(20):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is today.form.tags:
            break
    assert seen[-1] is today.form.tags
    assert [w for w in seen if w in today.form.practices.chips] == today.form.practices.chips
