"""The "What we noticed" card, its dialogs and its place on Today (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.rules import RuleConfig
from selfcare_app.data.vault import Vault
from selfcare_app.ui.session import VaultSession
from tests.ui.conftest import PASS, TODAY, create_and_unlock
from tests.ui.waits import settle

D = TODAY


class Host:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def navigate(self, key: str, arg: Any = None) -> None:
        self.calls.append((key, arg))

    def open_help(self, crisis: bool = False, source: str = "") -> object:
        self.calls.append(("help", crisis))
        return None


def bad_week(v: Vault, end: date = D) -> None:
    """Four ordinary weeks (the usual), then a week of short nights, stress and low mood."""
    v.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=7.5, stress=3,
                                     mood=7) for i in range(7, 35))
    v.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=5.5, stress=8,
                                     mood=7) for i in range(7))


def sleep_week(v: Vault, end: date = D) -> None:
    """A usual, then one change only: sleep dropped (and under 7 h, a level rule)."""
    v.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=7.5)
                          for i in range(7, 35))
    v.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=6.5)
                          for i in range(7))


@pytest.fixture
def make_session(qtbot: QtBot, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., VaultSession]]:
    monkeypatch.setenv("SELFCARE_TODAY", D.isoformat())
    sessions: list[VaultSession] = []

    def make(setup: Callable[[Vault], None] = lambda v: None) -> VaultSession:
        path = tmp_path / f"v{len(sessions)}" / "vault.db"
        with Vault.create(path, PASS) as v:
            setup(v)
        session = VaultSession(path)
        opened: list[object] = []
        session.unlock(PASS, opened.append, opened.append)
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        sessions.append(session)
        return session

    yield make
    for s in sessions:
        s.shutdown()


def card_for(qtbot: QtBot, session: VaultSession, host: Host | None = None) -> Any:
    from selfcare_app.ui.widgets.findings_card import FindingsCard

    card = FindingsCard(session, host or Host())
    qtbot.addWidget(card)
    card.resize(430, 700)
    card.show()
    return card


def test_card_has_one_headline_and_folds_the_rest(
        qtbot: QtBot, make_session: Callable[..., VaultSession], tmp_path: Path) -> None:
    session = make_session(bad_week)
    host = Host()
    card = card_for(qtbot, session, host)
    rules = [r.finding.rule for r in card.rows]
    assert rules == ["R7", "L1", "L2"]  # R7 leads and replaces R1, R1b and R2
    assert card.headline is card.rows[0]
    # Shown on the card: recorded in the history as seen.
    states = session.run(lambda v: {r.rule: r.state for r in v.findings.history()})
    assert states == dict.fromkeys(rules, "seen")

    head = card.headline
    assert head.parts is not None and head.parts.text() == (
        "Together this week: less sleep than usual, a run of short nights and more stress "
        "than usual.")
    # The rest are folded, collapsed, under "2 more things we noticed".
    assert card.more_button.text() == "2 more things we noticed"
    assert card.more_panel.isHidden() and [r.finding.rule for r in card.folded] == ["L1", "L2"]
    card.more_button.click()
    assert not card.more_panel.isHidden()
    # One support destination per card: only the headline offers Learn and Resources.
    assert head.learn_button is not None and head.resources_button is not None
    assert all(r.learn_button is None and r.resources_button is None for r in card.folded)
    # No rule IDs, decimals or citation numbers outside "Why am I seeing this?".
    for row in card.rows:
        visible = f"{row.title.text()} {row.message.text()}"
        assert not any(code in visible for code in ("R7", "L1", "L2", "[3", "5.5"))
    assert head.why.isHidden()
    head.why_button.click()
    assert not head.why.isHidden()
    why = head.why.text()
    for expected in ("Rule R7 · Several signs", "Thu 19 Nov to Wed 25 Nov 2026", "14 days",
                     "Sleep dropped: sleep"):
        assert expected in why, expected
    head.learn_button.click()
    head.resources_button.click()
    assert host.calls == [("learn", "early-signs"), ("resources", "counseling")]
    l1 = card.folded[0]
    l1.why_button.click()
    assert "[33]" in l1.why.text() and "Watson NF" in l1.why.text()

    path = tmp_path / "card.png"
    assert card.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull() and image.width() == card.width()


def test_card_never_nests_a_scroll_area(qtbot: QtBot,
                                        make_session: Callable[..., VaultSession]) -> None:
    from PySide6.QtWidgets import QAbstractScrollArea

    card = card_for(qtbot, make_session(bad_week))
    assert card.findChildren(QAbstractScrollArea) == []


def test_not_helpful_is_stored_and_takes_the_finding_off_the_card(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    session = make_session(bad_week)
    card = card_for(qtbot, session)
    l2 = next(r for r in card.rows if r.finding.rule == "L2")
    l2.not_helpful_button.click()
    assert "L2" not in [r.finding.rule for r in card.rows]
    assert card.more_button.text() == "1 more thing we noticed"
    assert "wait twice as long" in card.status.text()
    stored = session.run(lambda v: {r.rule: r.state for r in v.findings.history()})
    assert stored["L2"] == "not-helpful" and stored["R7"] == "seen"


def test_gone_quiet_offers_a_check_in_help_and_contacts(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    def quiet_after_a_hard_week(v: Vault) -> None:
        bad_week(v, D - timedelta(days=4))

    host = Host()
    card = card_for(qtbot, make_session(quiet_after_a_hard_week), host)
    head = card.headline
    assert head is not None and head.finding.rule == "R8"
    assert head.message.text().startswith("It's been 4 days since your last check-in")
    assert head.learn_button is None
    head.checkin_button.click()
    head.help_button.click()
    head.contacts_button.click()
    assert host.calls == [("today", D), ("help", False), ("resources", "favourites")]


@pytest.mark.parametrize(("choice", "days"), [("1 day", 1), ("3 days", 3), ("1 week", 7)])
def test_snooze_menu_choices(qtbot: QtBot, make_session: Callable[..., VaultSession],
                             choice: str, days: int) -> None:
    session = make_session(bad_week)
    card = card_for(qtbot, session)
    actions = {a.text(): a for a in card.snooze_button.menu().actions()}
    assert set(actions) == {"For 1 day", "For 3 days", "For 1 week", "Until a date…"}
    actions[f"For {choice}"].trigger()
    assert card.rows == []
    records = session.run(lambda v: v.findings.history())
    assert {(r.state, r.snoozed_until) for r in records} == {("snoozed", D + timedelta(days=days))}
    assert "Snoozed until" in card.status.text()
    assert not card.snooze_button.isEnabled()


def test_snooze_until_a_date_dialog(qtbot: QtBot, make_session: Callable[..., VaultSession],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui.widgets import findings_card as fc

    session = make_session(bad_week)
    card = card_for(qtbot, session)
    dialog = fc.SnoozeDateDialog()
    qtbot.addWidget(dialog)
    assert dialog.date_edit.minimumDate().toPython() == D + timedelta(days=1)
    monkeypatch.setattr(fc.SnoozeDateDialog, "exec", lambda self: 1)
    monkeypatch.setattr(fc.SnoozeDateDialog, "day", property(lambda self: date(2026, 12, 20)))
    card._ask_snooze_date()
    records = session.run(lambda v: v.findings.history())
    assert {r.snoozed_until for r in records} == {date(2026, 12, 20)}


def test_s0_opens_the_crisis_card_at_once_and_cannot_be_snoozed(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    def setup(v: Vault) -> None:
        bad_week(v)
        v.assessments.add(Assessment("phq9", "1", datetime.combine(D, time(9)),
                                     (1, 1, 1, 1, 1, 1, 1, 1, 1), 9.0, "mild"))

    session = make_session(setup)
    host = Host()
    card = card_for(qtbot, session, host)
    qtbot.waitUntil(lambda: ("help", True) in host.calls)
    assert not card.safety_box.isHidden()
    assert "You deserve support right now" in card.safety_text.text()
    s0_row = card.rows[0]
    assert s0_row.finding.rule == "S0" and s0_row.not_helpful_button is None
    # With S0 the crisis support is the card's one destination: the headline offers no other.
    assert card.headline is not None and card.headline.resources_button is None
    card.snooze("1 week")
    assert not card.safety_box.isHidden()  # still there after snoozing everything else
    assert [r.finding.rule for r in card.rows] == ["S0"]
    host.calls.clear()
    card.refresh()
    settle(qtbot)  # a crisis request would be queued by refresh(); let it run if it was
    assert ("help", True) not in host.calls  # once per safety event, not on every refresh
    card.safety_button.click()
    assert host.calls == [("help", True)]


def test_quiet_period_and_empty_states(qtbot: QtBot,
                                       make_session: Callable[..., VaultSession]) -> None:
    def quiet(v: Vault) -> None:
        bad_week(v)
        v.quiet_periods.add(D - timedelta(days=2), D + timedelta(days=5), "Finals")

    card = card_for(qtbot, make_session(quiet))
    assert card.rows == []
    assert card.status.text().startswith("Quiet period (Finals) until Mon 30 Nov")
    empty = card_for(qtbot, make_session())
    assert empty.rows == [] and empty.status.text().startswith("Nothing stood out")
    assert "never count against you" in empty.status.text()


def test_card_refreshes_when_entries_change(qtbot: QtBot,
                                            make_session: Callable[..., VaultSession]) -> None:
    session = make_session()
    card = card_for(qtbot, session)
    assert card.rows == []
    session.run(bad_week)
    session.notify("entries")
    assert "R7" in [r.finding.rule for r in card.rows]


def test_suggestion_after_repeated_not_helpful(qtbot: QtBot,
                                               make_session: Callable[..., VaultSession]) -> None:
    from selfcare_app.data.findings import refresh_today

    def setup(v: Vault) -> None:
        for week in (0, 9):
            end = D - timedelta(days=70) + timedelta(days=7 * week)
            v.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=6.5)
                                  for i in range(7))
            v.entries.upsert_many(DailyEntry(day=end + timedelta(days=i), sleep_hours=8)
                                  for i in range(1, 12))
            for r in refresh_today(v, end).items:
                v.findings.set_state(r.id or 0, "not-helpful")

    card = card_for(qtbot, make_session(setup))
    assert not card.suggestion.isHidden()
    assert "from 7 to 6.75" in card.suggestion.text()


def test_history_dialog_lists_findings_and_tally(qtbot: QtBot,
                                                 make_session: Callable[..., VaultSession]) -> None:
    from selfcare_app.ui.findings_dialogs import FindingsHistoryDialog

    session = make_session(bad_week)
    card = card_for(qtbot, session)
    card.rows[0].not_helpful_button.click()
    dialog = FindingsHistoryDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    texts = [dialog.table.item(r, 1).text() for r in range(3)]
    assert "Several signs together" in texts
    states = [dialog.table.item(r, 3).text() for r in range(3)]
    assert states.count("not helpful") == 1 and states.count("seen") == 2
    assert "Several signs together 1 of 1" in dialog.tally_label.text()
    dialog.table.selectRow(texts.index("Several signs together"))
    assert "Rule R7 · Several signs" in dialog.detail.text()


def test_rule_settings_dialog_saves_thresholds_and_toggles(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    from selfcare_app.ui.findings_dialogs import RuleSettingsDialog

    session = make_session(bad_week)
    dialog = RuleSettingsDialog(session)
    qtbot.addWidget(dialog)
    section = dialog.section
    assert not section.toggles["S0"].isEnabled() and section.toggles["S0"].isChecked()
    section.toggles["R2"].setChecked(False)
    assert section.condition_labels["R2"].text() == "Off."
    assert "R1a" not in section.toggles  # retired rules aren't offered
    section.spins[("L1", "sleep_below")].setValue(6.5)
    assert "below 6.5 h" in section.condition_labels["L1"].text()
    dialog._save()
    assert dialog.result() == 1
    assert session.run(lambda v: v.settings.get("rules")) == {
        "L1": {"sleep_below": 6.5}, "R2": {"enabled": False}}
    # Impossible combination: the high band below the moderate band is refused, not saved.
    again = RuleSettingsDialog(session)
    qtbot.addWidget(again)
    again.section.spins[("Q3", "high")].setValue(40)
    again._save()
    assert "high band" in again.problem.text() and again.result() != 1
    assert session.run(lambda v: v.settings.get("rules"))["L1"] == {"sleep_below": 6.5}
    again.section.reset()
    assert again.section.current() == RuleConfig()


def test_rule_settings_quiet_periods(qtbot: QtBot,
                                     make_session: Callable[..., VaultSession]) -> None:
    from PySide6.QtCore import QDate

    from selfcare_app.ui.findings_dialogs import RuleSettingsSection

    session = make_session()
    section = RuleSettingsSection(session)
    qtbot.addWidget(section)
    section.quiet_start.setDate(QDate(2026, 12, 7))
    section.quiet_end.setDate(QDate(2026, 12, 18))
    section.quiet_label.setText("Finals")
    assert section.add_quiet()
    assert section.quiet_list.count() == 1
    assert "Mon 7 Dec 2026 to Fri 18 Dec 2026: Finals" == section.quiet_list.item(0).text()
    section.quiet_end.setDate(QDate(2026, 12, 1))
    assert not section.add_quiet() and "can't be before" in section.quiet_problem.text()
    section.quiet_list.setCurrentRow(0)
    section.delete_quiet()
    assert section.quiet_list.count() == 0
    assert session.run(lambda v: v.quiet_periods.list()) == []


def test_today_page_shows_the_card_and_it_navigates(qtbot: QtBot, window: object) -> None:
    win: Any = window
    create_and_unlock(qtbot, win)
    today = win.pages["today"]
    card = today.findings_card
    # Below "this week against your usual", which so stays in view (issue 17).
    assert today.side_layout.indexOf(today.week_vs_usual) == 0
    assert today.side_layout.indexOf(card) == 1
    assert card.rows == [] and card.isVisible()
    win.session.run(bad_week)
    win.session.notify("entries")
    assert [r.finding.rule for r in card.rows][:1] == ["R7"]
    card.headline.resources_button.click()
    assert win.current_page() is win.pages["resources"]
    actions = [a.text() for a in win.settings_menu.actions()]
    assert "What the app looks for: &rules and quiet periods…" in actions
    assert not any("warning" in a.lower() for a in actions)


def test_new_vault_with_twelve_days_shows_one_finding_not_seven(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    def twelve_hard_days(v: Vault) -> None:
        v.entries.upsert_many(DailyEntry(day=D - timedelta(days=i), sleep_hours=5.5, stress=8,
                                         energy=2, mood=3, social=0, study_hours=11)
                              for i in range(12))

    card = card_for(qtbot, make_session(twelve_hard_days))
    assert [r.finding.rule for r in card.rows] == ["L1"]  # no usual yet: no change rule
    assert card.more_button.isHidden()
    assert "usual" not in card.headline.message.text()


def test_a_state_already_said_is_not_called_nothing(
        qtbot: QtBot, make_session: Callable[..., VaultSession]) -> None:
    from selfcare_app.data.findings import refresh_today

    def said_yesterday(v: Vault) -> None:
        bad_week(v, D - timedelta(days=1))
        for r in refresh_today(v, D - timedelta(days=1)).items:
            v.findings.set_state(r.id or 0, "seen")
        bad_week(v)

    card = card_for(qtbot, make_session(said_yesterday))
    assert card.rows == []
    assert card.status.text().startswith("Nothing new today. What the app pointed out before")
