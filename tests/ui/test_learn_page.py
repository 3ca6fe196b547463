"""The Learn page: articles listed and rendered with their sources, search with snippets, web
links opened only on an explicit click (through the system), in-app links navigate."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from selfcare_app.core.learn import load_articles


class FakeHost:
    session: Any = None

    def __init__(self) -> None:
        self.navigated: list[tuple[str, Any]] = []
        self.help_calls: list[bool] = []
        self.status: list[str] = []

    def navigate(self, key: str, arg: Any = None) -> None:
        self.navigated.append((key, arg))

    def open_help(self, crisis: bool = False, source: str = "") -> None:
        self.help_calls.append(crisis)

    def show_status(self, message: str, ms: int = 4000) -> None:
        self.status.append(message)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        calls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    return calls


@pytest.fixture
def host() -> FakeHost:
    return FakeHost()


@pytest.fixture
def page(qtbot: QtBot, host: FakeHost, opened: list[str]) -> Any:
    from selfcare_app.ui.pages.learn import LearnPage

    p = LearnPage(host)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    p.activate()
    return p


def listed(page: Any) -> list[str]:
    return [page.articles.item(i).text() for i in range(page.articles.count())]


def test_lists_every_article_and_shows_the_first(page: Any) -> None:
    assert listed(page) == [a.title for a in load_articles()]
    assert page.current.id == "what-is-burnout"
    assert page.reader.toPlainText().startswith("What study-related burnout is (and isn't)")


def test_selecting_an_article_renders_it_with_visible_sources(page: Any) -> None:
    page.articles.setCurrentRow(3)
    assert page.current.id == "sleep"
    text = page.reader.toPlainText()
    assert "Adults do best with 7 hours or more" in text
    assert "Sources" in text and "Watson NF et al." in text
    assert "https://doi.org/10.5664/jcsm.4758" in text
    assert "**" not in text and "## " not in text  # rendered, not raw Markdown


def test_search_filters_and_shows_snippets(page: Any) -> None:
    page.search_box.setText("Samaritans")
    [item] = listed(page)
    assert item.startswith("When and how to reach out\n") and "Samaritans" in item
    assert page.current.id == "reaching-out"
    assert not page.empty.isVisible()
    page.search_box.setText("no-such-word-anywhere")
    assert listed(page) == [] and page.empty.isVisible()
    page.search_box.clear()
    assert len(listed(page)) == len(load_articles()) and not page.empty.isVisible()


def test_search_keeps_the_open_article_when_it_still_matches(page: Any) -> None:
    page.navigate_to("sleep")
    page.search_box.setText("sleep")
    assert page.current.id == "sleep"
    assert listed(page)[0].startswith("Sleep\n")


def test_web_links_open_only_on_click(page: Any, opened: list[str]) -> None:
    for article in load_articles():
        page.show_article(article.id)
    assert opened == []  # showing articles never opens anything
    page.reader.anchorClicked.emit(QUrl("https://doi.org/10.5664/jcsm.4758"))
    assert opened == ["https://doi.org/10.5664/jcsm.4758"]


def test_unsafe_links_are_refused(page: Any, host: FakeHost, opened: list[str]) -> None:
    page.reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == [] and host.status


def test_in_app_links_navigate(page: Any, host: FakeHost, opened: list[str]) -> None:
    page.navigate_to("early-signs")
    page.reader.anchorClicked.emit(QUrl("selfcare:learn/self-care"))
    assert page.current.id == "self-care"
    page.reader.anchorClicked.emit(QUrl("selfcare:resources/peer-support"))
    page.reader.anchorClicked.emit(QUrl("selfcare:selfcheck/cbi-study"))
    page.reader.anchorClicked.emit(QUrl("selfcare:help"))
    assert host.navigated == [("resources", "peer-support"), ("selfchecks", "cbi-study")]
    assert host.help_calls == [False]
    assert opened == []


def test_navigate_to_an_article_clears_the_search(page: Any) -> None:
    page.search_box.setText("sleep")
    page.navigate_to("rite-of-passage")
    assert page.search_box.text() == ""
    assert page.current.id == "rite-of-passage"
    assert page.articles.currentItem().text() == page.current.title
    page.navigate_to("no-such-article")
    assert page.current.id == "rite-of-passage"


def test_long_titles_wrap_instead_of_being_cut_off(qtbot: QtBot) -> None:
    from PySide6.QtCore import QRect, Qt

    from selfcare_app.ui.pages.learn import LearnPage

    page = LearnPage(FakeHost())  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    view = page.articles
    metrics = view.fontMetrics()
    wrapped = 0
    for row in range(view.count()):
        rect = view.visualItemRect(view.item(row))
        needed = metrics.boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                      int(Qt.TextFlag.TextWordWrap), view.item(row).text())
        assert needed.height() <= rect.height(), view.item(row).text()
        wrapped += needed.height() > metrics.height()
    assert wrapped >= 1  # the long titles really do take two lines
