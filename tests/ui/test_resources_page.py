"""The Resources page over a real vault: categories, search, details, favourites, own contacts,
pack import (valid, invalid, older), links opened only on click, copying, file-dialog hygiene."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from selfcare_app.core.resource import ResourceData
from selfcare_app.data.vault import Vault
from selfcare_app.ui.pages import resources as page_module
from selfcare_app.ui.pages import resources_calendar as calendar_module
from selfcare_app.ui.pages import resources_details as details_module
from selfcare_app.ui.pages.resources import ALL, FAVOURITES, ResourcesPage
from selfcare_app.ui.session import VaultSession

PASS = "correct horse battery"
SAMPLE = Path(str(files("selfcare_app") / "resources" / "packs" / "sample-university.json"))


class FakeHost:
    def __init__(self, session: VaultSession, region: str = "US") -> None:
        self.session = session
        self.region = region
        self.status: list[str] = []

    def navigate(self, key: str, arg: Any = None) -> None:
        pass

    def open_help(self, crisis: bool = False, source: str = "") -> None:
        pass

    def show_status(self, message: str, ms: int = 4000) -> None:
        self.status.append(message)


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[VaultSession]:
    monkeypatch.setenv("SELFCARE_TODAY", "2026-11-25")
    path = tmp_path / "data" / "vault.db"
    Vault.create(path, PASS).close()
    s = VaultSession(path)
    s.unlock(PASS, lambda _v: None, lambda exc: pytest.fail(str(exc)))
    qtbot.waitUntil(lambda: s.is_unlocked, timeout=10_000)
    yield s
    s.shutdown()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(details_module, "open_link", lambda url: calls.append(url) or True)
    return calls


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered Yes, and recorded."""
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def make_page(qtbot: QtBot, session: VaultSession, region: str = "US") -> ResourcesPage:
    page = ResourcesPage(FakeHost(session, region))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.activate()
    return page


def names(page: ResourcesPage) -> list[str]:
    return [page.list.item(i).text() for i in range(page.list.count())
            if page.list.item(i).flags() & Qt.ItemFlag.ItemIsSelectable]


def select(page: ResourcesPage, name: str) -> None:
    for i in range(page.list.count()):
        if page.list.item(i).text().lstrip("★ ").startswith(name):
            page.list.setCurrentRow(i)
            return
    raise AssertionError(f"{name} not listed: {names(page)}")


def detail_texts(page: ResourcesPage) -> str:
    body = page.details.body
    assert body is not None
    return "\n".join(label.text() for label in body.findChildren(QLabel))


def write_pack(tmp_path: Path, name: str, updated: str, resources: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "selfcare-resource-pack", "version": 1,
                                "campus": "Lakemont University (sample)", "updated": updated,
                                "resources": resources}))
    return path


def import_sample(page: ResourcesPage, answers: list[str]) -> None:
    assert page.import_pack_file(SAMPLE)
    assert "The Lakemont University (sample) pack of 2026-09-01.\n19 resources to add." in \
        answers[-2]
    assert answers[-1].startswith("Show my campus's crisis lines on the lock screen?")


def test_empty_vault_shows_crisis_lines_and_how_to_start(qtbot: QtBot,
                                                         session: VaultSession) -> None:
    page = make_page(qtbot, session, region="")
    assert names(page) == ["Your local emergency number", "Find A Helpline"]
    page.select_category("counseling")
    assert names(page) == []
    assert page.empty.isVisible() and "Import the pack" in page.empty.text()
    page.select_category(FAVOURITES)
    assert "No favourites yet" in page.empty.text()


def test_region_decides_crisis_lines_and_follows_settings(qtbot: QtBot,
                                                          session: VaultSession) -> None:
    page = make_page(qtbot, session, region="US")
    page.select_category("crisis")
    assert names(page)[:3] == ["Emergency services", "988 Suicide & Crisis Lifeline",
                               "Crisis Text Line"]
    page.host.region = "UK"  # type: ignore[attr-defined]
    session.notify("settings")
    assert "Samaritans" in names(page) and "Crisis Text Line" not in names(page)


def test_import_sample_pack_confirms_then_lists_by_category(
        qtbot: QtBot, session: VaultSession, answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    assert "Your own contacts are kept. Import it?" in answers[0]
    assert "Added (19):\n  + Counseling Center after-hours line" in answers[0]
    assert page.notice.isVisible() and "19 added" in page.notice_text.text()
    assert session.run(lambda v: v.resources.count()) == 19
    counts = {page.categories.item(i).data(Qt.ItemDataRole.UserRole):
              page.categories.item(i).text() for i in range(page.categories.count())}
    assert counts["peer-learning"].endswith("(3)")
    assert counts["crisis"].endswith("(6)")  # 4 built-in US lines + 2 from the pack
    # "All" has a header per category; headers can't be selected
    headers = [page.list.item(i).text() for i in range(page.list.count())
               if not page.list.item(i).flags() & Qt.ItemFlag.ItemIsSelectable]
    assert headers[0] == "Crisis and after-hours" and "Peer learning" in headers


def test_navigate_to_category_and_details_show_meeting_times(
        qtbot: QtBot, session: VaultSession, answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.search.setText("something")
    page.navigate_to("peer-learning")
    assert page.search.text() == ""
    assert page.current_category() == "peer-learning"
    assert names(page) == ["Anatomy and physiology peer study group",
                           "Board exam peer-learning group", "Thesis writing circle"]
    select(page, "Thesis writing circle")
    text = detail_texts(page)
    assert "Tuesdays and Fridays 09:00–12:00" in text
    assert "Main Library, 4th floor seminar room" in text
    assert "24 Aug 2026" in text and "Last verified" in text
    page.navigate_to("Peer support")  # labels work too
    assert page.current_category() == "peer-support"
    page.navigate_to("no such category")
    assert page.current_category() == "peer-support"


def test_search_matches_every_word_within_the_category(
        qtbot: QtBot, session: VaultSession, answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.search.setText("thursdays graduate")
    assert names(page) == ["Graduate and professional student support circle"]
    page.select_category("academic")
    assert names(page) == [] and "Nothing matches" in page.empty.text()


def test_links_open_only_on_click_with_safe_urls(
        qtbot: QtBot, session: VaultSession, answers: list[str], opened: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.navigate_to("counseling")
    select(page, "Counseling Center")
    assert opened == []  # showing details opens nothing
    buttons = page.details.buttons
    buttons["call"].click()
    buttons["email"].click()
    buttons["open"].click()
    assert opened == ["tel:+18025550142", "mailto:counseling@lakemont.example",
                      "https://lakemont.example/counseling"]
    page.navigate_to("peer-support")
    select(page, "Nightline peer listening")
    page.details.buttons["text"].click()
    assert opened[-1] == "sms:+18025550178"
    page.navigate_to("crisis")
    select(page, "Crisis Text Line")
    page.details.buttons["text"].click()
    assert opened[-1] == "sms:741741?body=HOME"


def test_copy_number_and_address(qtbot: QtBot, session: VaultSession, answers: list[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    copies: list[tuple[str, int]] = []
    monkeypatch.setattr(page_module, "copy_text", lambda t, ms=0: copies.append((t, ms)))
    page = make_page(qtbot, session)
    import_sample(page, answers)
    session.run(lambda v: v.resources.add(ResourceData(
        name="Dr Rivera", category="counseling", phone="555 0123", address="1 Elm St")))
    session.notify("resources")
    page.navigate_to("counseling")
    select(page, "Counseling Center")
    page.details.buttons["copy_phone"].click()
    page.details.buttons["copy_address"].click()
    select(page, "Dr Rivera")
    page.details.buttons["copy_phone"].click()
    assert copies == [("+1 802 555 0142", 0),
                      ("Wellness Building, 2nd floor\n40 Orchard Street\nLakemont, VT 05999", 0),
                      ("555 0123", 10_000)]  # the student's own contact is cleared after 10 s
    assert "cleared from the clipboard in 10 seconds" in page.host.status[-1]  # type: ignore


def test_real_clipboard_receives_the_number(qtbot: QtBot, session: VaultSession,
                                            answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.navigate_to("health")
    select(page, "Nurse advice line")
    page.details.buttons["copy_phone"].click()
    assert QApplication.clipboard().text() == "+1 802 555 0151"


def test_favourite_toggle_persists_and_survives_a_newer_pack(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.navigate_to("mentorship")
    select(page, "Ombuds Office")
    page.details.buttons["favourite"].click()
    assert [r.name for r in session.run(lambda v: v.resources.favourites())] == ["Ombuds Office"]
    page.select_category(FAVOURITES)
    assert names(page) == ["★ Ombuds Office"]
    assert page.details.buttons["favourite"].isChecked()
    newer = write_pack(tmp_path, "newer.json", "2026-10-01", [
        {"id": "ombuds", "name": "Ombuds Office", "category": "mentorship",
         "phone": "+1 802 555 0189"}])
    assert page.import_pack_file(newer)
    assert answers[-1].startswith("The Lakemont University (sample) pack of 2026-10-01 (yours is "
                                  "from 2026-09-01).\n1 resource to update, 18 to remove.")
    [fav] = session.run(lambda v: v.resources.favourites())
    assert fav.data.phone == "+1 802 555 0189"
    page.details.buttons["favourite"].click()
    assert session.run(lambda v: v.resources.favourites()) == []


def test_add_own_contact_with_validation(qtbot: QtBot, session: VaultSession) -> None:
    page = make_page(qtbot, session)
    page.select_category("counseling")
    page.add_own()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.category.currentData() == "counseling"
    dialog.lines["url"].setText("javascript:alert(1)")
    dialog.lines["phone"].setText("call me")
    assert not dialog.try_accept()
    assert dialog.isVisible()
    assert not dialog.errors["name"].isHidden()
    assert dialog.errors["name"].text() == "A name is required."
    assert dialog.errors["url"].text().startswith("javascript: links are not allowed")
    assert not dialog.errors["phone"].isHidden() and dialog.errors["email"].isHidden()
    assert session.run(lambda v: v.resources.count()) == 0

    dialog.name.setText("Dr Rivera (my therapist)")
    dialog.lines["url"].setText("https://rivera.example")
    dialog.lines["phone"].setText("+1 802 555 0123")
    dialog.lines["meets"].setText("Tuesdays 16:00")
    dialog.address.setPlainText("12 Elm Street\nLakemont")
    assert dialog.try_accept()
    [saved] = session.run(lambda v: v.resources.list())
    assert saved.source == "user" and saved.data.verified_on == date(2026, 11, 25)
    assert saved.data.address == "12 Elm Street\nLakemont"
    assert names(page) == ["Dr Rivera (my therapist)  (yours)"]
    assert "Tuesdays 16:00" in detail_texts(page)


def test_edit_and_delete_own_but_not_pack_entries(
        qtbot: QtBot, session: VaultSession, answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    own = session.run(lambda v: v.resources.add(ResourceData(name="Study buddy",
                                                             category="peer-learning")))
    session.notify("resources")
    page.navigate_to("peer-learning")
    select(page, "Anatomy")
    assert "edit" not in page.details.buttons and "delete" not in page.details.buttons
    assert "newer pack updates them" in detail_texts(page)

    select(page, "Study buddy")
    page.details.buttons["edit"].click()
    dialog = page.dialog
    assert dialog is not None and dialog.name.text() == "Study buddy"
    dialog.lines["meets"].setText("Sundays 10:00")
    assert dialog.try_accept()
    assert session.run(lambda v: v.resources.get(own.id)).data.meets == "Sundays 10:00"

    page.details.buttons["delete"].click()
    assert "Delete “Study buddy”" in answers[-1]
    assert all(r.id != own.id for r in session.run(lambda v: v.resources.list()))
    assert not any(n.startswith("Study buddy") for n in names(page))


def test_invalid_pack_shows_every_problem_and_imports_nothing(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    bad = write_pack(tmp_path, "bad.json", "2026-02-30", [
        {"name": "a", "category": "spa"},
        {"name": "b", "category": "other", "url": "javascript:alert(1)"}])
    assert not page.import_pack_file(bad)
    assert answers == []  # nothing to confirm
    assert "can't be imported" in page.notice_text.text()
    problems = page.notice_details.toPlainText().splitlines()
    assert problems == [
        "$.updated: '2026-02-30' isn't a real date in the form YYYY-MM-DD",
        "$.resources[0].category: unknown category 'spa'; use one of: crisis, counseling, "
        "peer-support, peer-learning, mentorship, academic, health, other",
        "$.resources[1].url: javascript: links are not allowed (only https, http, mailto and tel)",
    ]
    assert session.run(lambda v: v.resources.count()) == 0
    page.notice_close.click()
    assert page.notice.isHidden()


def test_older_and_same_packs(qtbot: QtBot, session: VaultSession, answers: list[str],
                              tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    asked = len(answers)
    older = write_pack(tmp_path, "older.json", "2026-01-01", [{"name": "x", "category": "other"}])
    assert not page.import_pack_file(older)
    assert "older than the one you already have (2026-09-01)" in page.notice_text.text()
    assert not page.import_pack_file(SAMPLE)
    assert "already up to date" in page.notice_text.text()
    assert len(answers) == asked  # neither asked to confirm
    assert session.run(lambda v: v.resources.count()) == 19


def test_declining_the_confirmation_imports_nothing(
        qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    page = make_page(qtbot, session)
    assert not page.import_pack_file(SAMPLE)
    assert session.run(lambda v: v.resources.count()) == 0


def test_pack_text_is_never_rendered_as_html(qtbot: QtBot, session: VaultSession,
                                             answers: list[str], tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    pack = write_pack(tmp_path, "html.json", "2026-01-01", [
        {"name": "<b>Bold</b> claims", "category": "other",
         "description": "<img src='https://tracker.example/x.png'> <a href='javascript:x'>hi</a>"}])
    assert page.import_pack_file(pack)
    page.navigate_to("other")
    select(page, "<b>Bold</b> claims")
    body = page.details.body
    assert body is not None
    labels = body.findChildren(QLabel)
    assert any("<img src=" in label.text() for label in labels)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_file_dialog_leaves_no_folder_names(qtbot: QtBot, session: VaultSession,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    secret = tmp_path / "CANARY-folder"
    qt_conf = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt_conf.setValue("FileDialog/lastVisited", str(secret))
    qt_conf.setValue("FileDialog/history", [str(secret)])
    qt_conf.sync()
    chosen = secret / "pack.json"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(chosen), "Resource packs (*.json)"))
    page = make_page(qtbot, session)
    assert page_module.pick_pack_file(page) == chosen
    check = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert check.childGroups() == [] or "FileDialog" not in check.childGroups()
    conf_file = Path(check.fileName())
    assert not conf_file.exists() or "CANARY" not in conf_file.read_text()


def test_page_is_in_the_real_window_and_reachable_by_navigation(
        qtbot: QtBot, window: object) -> None:
    from tests.ui.conftest import create_and_unlock

    create_and_unlock(qtbot, window)
    window.navigate("resources", "counseling")  # type: ignore[attr-defined]
    page = window.pages["resources"]  # type: ignore[attr-defined]
    assert isinstance(page, ResourcesPage)
    assert window.current_page() is page  # type: ignore[attr-defined]
    assert page.current_category() == "counseling"
    page.navigate_to(ALL)
    assert names(page)  # crisis lines are always there


def test_meeting_times_show_and_add_to_calendar_writes_an_ics(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import icalendar

    pack = tmp_path / "timed.json"
    pack.write_text(json.dumps({
        "format": "selfcare-resource-pack", "version": 2, "campus": "Test U",
        "updated": "2026-09-01", "resources": [
            {"id": "calc", "name": "Calculus group", "category": "peer-learning",
             "address": "Library, room 2", "schedule": [
                 {"weekday": "wednesday", "start": "17:00", "end": "18:00",
                  "term_start": "2026-09-07", "term_end": "2026-12-11"}]}]}))
    page = make_page(qtbot, session)
    assert page.import_pack_file(pack)
    page.navigate_to("peer-learning")
    assert names(page) == ["Calculus group\n    Wednesdays 17:00–18:00 (2026-09-09 to 2026-12-11)"]
    select(page, "Calculus group")
    assert "Wednesdays 17:00–18:00 (2026-09-09 to 2026-12-11)" in detail_texts(page)
    target = tmp_path / "chosen" / "calc"
    target.parent.mkdir()
    monkeypatch.setattr(calendar_module, "ask_save_path", lambda *a, **k: target)
    page.details.buttons["calendar"].click()
    written = target.with_name("calc.ics")
    event = next(iter(icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Calculus group" and event["RRULE"]["BYDAY"] == ["WE"]
    assert page.host.status[-1].startswith("Saved calc.ics")  # type: ignore[attr-defined]
    assert [p.name for p in target.parent.iterdir()] == ["calc.ics"]  # no temp file left


def test_removed_favourite_is_asked_about_and_kept(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    page.navigate_to("mentorship")
    select(page, "Ombuds Office")
    page.details.buttons["favourite"].click()
    newer = write_pack(tmp_path, "newer.json", "2026-10-01", [
        {"id": "counseling", "name": "Counseling Center", "category": "counseling"}])
    assert page.import_pack_file(newer)
    assert answers[-1].startswith("The new pack no longer lists this favourite of yours:\n"
                                  "• Ombuds Office\n\nKeep it as your own contact?")
    [fav] = session.run(lambda v: v.resources.favourites())
    assert fav.name == "Ombuds Office" and fav.source == "user"
    assert "(one of your favourites: kept as your own contact)" in \
        page.notice_details.toPlainText()


def test_remove_pack_button_asks_and_keeps_own_contacts(
        qtbot: QtBot, session: VaultSession, answers: list[str]) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    session.run(lambda v: v.resources.add(ResourceData(name="Mine", category="other")))
    page.reload()
    page.navigate_to("counseling")
    select(page, "Counseling Center")
    assert page.details.lock_screen_box.isChecked()  # the import answered Yes
    page.details.lock_screen_box.setChecked(False)
    from selfcare_app.data import lock_help

    data_dir = session.run(lambda v: v.path.parent)
    assert not lock_help.load(data_dir).shows("Lakemont University (sample)")
    page.details.buttons["remove_pack"].click()
    assert answers[-1].startswith("Remove the Lakemont University (sample) pack and its 19 "
                                  "resources? Your own contacts are kept.")
    assert [r.name for r in session.run(lambda v: v.resources.list())] == ["Mine"]


def test_editing_a_kept_favourite_keeps_its_meeting_times(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path) -> None:
    def pack(updated: str, resources: list[dict[str, Any]]) -> Path:
        path = tmp_path / f"{updated}.json"
        path.write_text(json.dumps({"format": "selfcare-resource-pack", "version": 2,
                                    "campus": "Test U", "updated": updated,
                                    "resources": resources}))
        return path

    group = {"id": "g", "name": "Group", "category": "peer-support", "schedule": [
        {"date": "2026-12-01", "start": "10:00", "end": "11:00"}]}
    page = make_page(qtbot, session)
    assert page.import_pack_file(pack("2026-09-01", [group]))
    [r] = session.run(lambda v: v.resources.list())
    session.run(lambda v: v.resources.set_favourite(r.id, True))
    page.reload()
    assert page.import_pack_file(pack("2026-10-01", [{"id": "x", "name": "X",
                                                      "category": "other"}]))
    kept = session.run(lambda v: v.resources.get(r.id))
    assert kept.editable and kept.data.schedule
    page.edit_own(kept)
    dialog = page.dialog
    assert dialog is not None
    dialog.name.setText("My group")
    assert dialog.try_accept()
    saved = session.run(lambda v: v.resources.get(r.id))
    assert saved.name == "My group" and saved.data.schedule == kept.data.schedule


def test_a_campus_name_typo_is_flagged_in_the_preview(
        qtbot: QtBot, session: VaultSession, answers: list[str], tmp_path: Path) -> None:
    page = make_page(qtbot, session)
    import_sample(page, answers)
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps({**sample, "campus": "Lakemont Univeristy",
                                "updated": "2026-10-01"}))
    assert page.import_pack_file(typo)
    question = next(a for a in reversed(answers) if a.startswith("The Lakemont Univeristy"))
    assert ("Note: 19 id(s) in this pack already belong to the pack from “Lakemont University "
            "(sample)”, but this one says “Lakemont Univeristy”.") in question
