"""What the three self-check views share: wrapping labels, the sources text and its links."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.instruments import Instrument
from selfcare_app.i18n import N_, _
from selfcare_app.ui.accessibility import ContextLabel
from selfcare_app.ui.links import open_link

NOT_A_DIAGNOSIS = N_("A self-check, not a diagnosis.")
S0_MESSAGE = N_("Thank you for telling us. You deserve support right now.")
ID_ROLE = Qt.ItemDataRole.UserRole


def label(text: str = "", rich: bool = False, context: str = "", links: bool = False) -> QLabel:
    """A wrapping label. Its text is what a screen reader hears (no fixed name hides it); a
    `context` the screen shows only by position ("Score") is put in front of it. Links are
    clickable; the keyboard reaches them in a list beside the text (`SourceLinks`)."""
    widget = ContextLabel(context) if context else QLabel()
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setText(text)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if links:
        flags |= Qt.TextInteractionFlag.LinksAccessibleByMouse
    widget.setTextInteractionFlags(flags)
    return widget


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ScrolledView(QScrollArea):
    """A view whose content (`body`, laid out in `column`) scrolls in a frameless area that
    Tab passes through to what it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.setWidget(self.body)


def sources_html(instrument: Instrument) -> str:
    """Attribution, licence and sources, links shown in full (opened only on click)."""
    items = "".join(
        f"<li>[{s.ref}] {escape(s.citation)} <a href=\"{escape(s.url)}\">{escape(s.url)}</a>"
        "</li>" for s in instrument.sources)
    return _("<p><b>Source:</b> {attribution}<br><b>Licence:</b> {licence}<br>"
             "<b>Ranges:</b> {ranges}</p>").format(
        attribution=escape(instrument.attribution), licence=escape(instrument.licence),
        ranges=escape(instrument.band_basis)) + f"<ul>{items}</ul>"


class SourcesText(QLabel):
    """The sources text; a click on a link opens it in the browser, only then."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(lambda url: open_link(url))

    def set_sources(self, instrument: Instrument) -> None:
        self.setText(sources_html(instrument))


class SourceLinks(QListWidget):
    """The links of the sources text as a list the keyboard and a screen reader reach (one
    Tab stop; arrows move, Enter opens the link, only then, in the browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(_("Links to the sources"))
        self.setAccessibleDescription(_("Enter opens the selected source in your browser"))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.itemActivated.connect(lambda item: open_link(str(item.data(ID_ROLE))))

    def set_sources(self, instrument: Instrument) -> None:
        self.clear()
        for source in instrument.sources:
            if source.url:
                site = QUrl(source.url).host().removeprefix("www.")
                item = QListWidgetItem(f"[{source.ref}] {site}: {source.citation}")
                item.setData(ID_ROLE, source.url)
                item.setToolTip(source.url)
                self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        self.setVisible(self.count() > 0)
