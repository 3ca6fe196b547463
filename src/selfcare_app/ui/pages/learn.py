"""Learn: short articles on study-related burnout, searchable, with their sources shown.

Articles are package Markdown rendered by QTextBrowser.setMarkdown. Nothing is fetched: links to
the web open in the system browser only when the student clicks one, and `selfcare:` links
move to another page (an article, a Resources category, a self-check) or open Get help now.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.learn import APP_SCHEME, Article, get_article, load_articles, search
from selfcare_app.i18n import N_, _
from selfcare_app.ui.links import open_link
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import scaled_font
from selfcare_app.ui.widgets.wrapping_list import WrapRows

ID_ROLE = Qt.ItemDataRole.UserRole
URL_ROLE = Qt.ItemDataRole.UserRole + 1
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")  # [words](target)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")  # <https://…> in the sources


def article_links(markdown: str) -> list[tuple[str, str]]:
    """(words, target) of every link in an article, in reading order, each target once."""
    found: list[tuple[int, str, str]] = [(m.start(), m.group(1), m.group(2))
                                         for m in _LINK.finditer(markdown)]
    found += [(m.start(), m.group(1), m.group(1)) for m in _AUTOLINK.finditer(markdown)]
    seen: set[str] = set()
    out = []
    for _pos, words, target in sorted(found):
        if target not in seen:
            seen.add(target)
            out.append((words, target))
    return out


class LearnPage(Page):
    key = "learn"
    title = N_("Learn")
    shortcuts = (("Ctrl+F", N_("Search the articles")),
                 ("Return", N_("Open the first match (in the search box)")))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.current: Article | None = None

        outer = QHBoxLayout(self)
        left = QWidget()
        left.setMaximumWidth(340)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(f"<h2>{self.display_title()}</h2>"))
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(_("Search articles (e.g. sleep)"))
        self.search_box.setAccessibleName(_("Search articles"))
        self.search_box.setClearButtonEnabled(True)
        col.addWidget(self.search_box)
        self.articles = QListWidget()
        self.articles.setAccessibleName(_("Articles"))
        self.articles.setSpacing(5)
        self._wrap_rows = WrapRows(self.articles)
        col.addWidget(self.articles, 1)
        self.empty = QLabel(_("No article matches. Try another word."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        col.addWidget(self.empty)
        outer.addWidget(left)

        self.reader = QTextBrowser()
        self.reader.setAccessibleName(_("Article"))
        self.reader.setOpenLinks(False)  # every click is handled (and checked) here
        self.reader.setOpenExternalLinks(False)
        self.reader.document().setDocumentMargin(18)
        self.reader.setFont(scaled_font(self.font(), 1.05))  # a little larger for reading
        # Links inside the text: Tab leaves the article for this list of them (a screen
        # reader hears neither the links nor their targets inside a text browser).
        self.reader.setTabChangesFocus(True)
        right = QVBoxLayout()
        right.addWidget(self.reader, 1)
        self.links_label = QLabel(_("&Links in this article:"))
        self.links = QListWidget()
        self.links.setAccessibleName(_("Links in this article"))
        self.links.setAccessibleDescription(_("Enter opens the selected link"))
        self.links_label.setBuddy(self.links)
        self.links.setWordWrap(True)
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links.setMaximumHeight(self.links.fontMetrics().lineSpacing() * 5 + 12)
        self.links.itemActivated.connect(
            lambda item: self.follow_link(QUrl(str(item.data(URL_ROLE)))))
        right.addWidget(self.links_label)
        right.addWidget(self.links)
        outer.addLayout(right, 1)

        self.search_box.textChanged.connect(self.apply_search)
        self.search_box.returnPressed.connect(self.open_current)
        self.add_shortcut("Ctrl+F", lambda: self.search_box.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        self.articles.currentItemChanged.connect(self._on_current_item)
        self.reader.anchorClicked.connect(self.follow_link)
        self.apply_search("")

    # -- listing and searching -------------------------------------------------------

    def apply_search(self, query: str) -> None:
        keep = self.current.id if self.current else None
        hits = search(query)
        self.articles.blockSignals(True)
        self.articles.clear()
        for hit in hits:
            # Titles alone while browsing; with a search, the words around the match.
            text = hit.article.title if not query.strip() else f"{hit.article.title}\n{hit.snippet}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, hit.article.id)
            item.setToolTip(hit.article.summary)
            self.articles.addItem(item)
        self.articles.blockSignals(False)
        self._wrap_rows.fit()
        self.empty.setVisible(not hits)
        ids = [h.article.id for h in hits]
        if keep in ids:
            self.articles.setCurrentRow(ids.index(keep))
        elif hits:
            self.articles.setCurrentRow(0)
            self.show_article(hits[0].article.id)

    def open_current(self) -> None:
        """Enter in the search box: show the selected match and move to the list."""
        item = self.articles.currentItem()
        if item is not None:
            self.show_article(str(item.data(ID_ROLE)))
            self.articles.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_current_item(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is not None:
            self.show_article(str(item.data(ID_ROLE)))

    def show_article(self, article_id: str) -> None:
        try:
            article = get_article(article_id)
        except KeyError:
            return
        self.current = article
        self.reader.setMarkdown(article.markdown)
        self.reader.setAccessibleDescription(article.summary)
        self.links.clear()
        for words, target in article_links(article.markdown):
            # Translators: a link's words, then where it goes: "Breathing (article)".
            shown = (words if words == target
                     else _("{words} ({where})").format(words=words, where=_where(target)))
            item = QListWidgetItem(shown)
            item.setData(URL_ROLE, target)
            item.setToolTip(target)
            self.links.addItem(item)
        if self.links.count():
            self.links.setCurrentRow(0)
        self.links.setVisible(self.links.count() > 0)
        self.links_label.setVisible(self.links.count() > 0)
        self.reader.verticalScrollBar().setValue(0)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            if item.data(ID_ROLE) == article_id and self.articles.currentRow() != row:
                self.articles.blockSignals(True)
                self.articles.setCurrentRow(row)
                self.articles.blockSignals(False)

    # -- links ---------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        """A clicked link: in-app links navigate; web links go to the system browser."""
        if url.scheme() == APP_SCHEME:
            kind, _sep, target = url.path().partition("/")
            if kind == "help":
                self.host.open_help()
            elif kind == "learn":
                self.search_box.clear()
                self.show_article(target)
            elif kind == "resources":
                self.host.navigate("resources", target or None)
            elif kind == "selfcheck":
                self.host.navigate("selfchecks", target or None)
            return
        if not open_link(url.toString()):
            self.host.show_status(_("That link can't be opened from here."))

    # -- page protocol -------------------------------------------------------------------

    def first_focus(self) -> QWidget:
        return self.search_box

    def activate(self) -> None:
        if self.current is None and load_articles():
            self.show_article(load_articles()[0].id)

    def navigate_to(self, arg: Any) -> None:
        if isinstance(arg, str):
            self.search_box.clear()
            self.show_article(arg)


LINK_KINDS = {"help": N_("opens Get help now"), "learn": N_("article"),
              "resources": N_("Resources page"), "selfcheck": N_("Self-checks page")}


def _where(target: str) -> str:
    """Where an in-app link goes, in words."""
    if not target.startswith(APP_SCHEME + ":"):
        return _("opens in your browser")
    kind = target.split(":", 1)[1].split("/", 1)[0]
    where = LINK_KINDS.get(kind)
    return _(where) if where is not None else _("in Selfcare")
