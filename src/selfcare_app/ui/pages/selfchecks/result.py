"""One self-check result: score, range in the definition's words, change since last time,
what might help, and the sources. Always "a self-check, not a diagnosis"; after an S0 answer
the support row and the crisis links come first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.formatting import format_day, format_time
from selfcare_app.core.instruments import (
    Instrument,
    SupportLink,
    band_wording,
    change,
    format_score,
    previous_scored,
    safety_flag,
)
from selfcare_app.i18n import _
from selfcare_app.ui.pages.selfchecks.common import (
    NOT_A_DIAGNOSIS,
    S0_MESSAGE,
    ScrolledView,
    SourceLinks,
    SourcesText,
    escape,
    label,
)
from selfcare_app.ui.theme import set_role


def s0_links() -> list[SupportLink]:
    """What comes first after an S0 answer, whatever the total score."""
    return [SupportLink("resources", "crisis", _("Crisis lines")),
            SupportLink("resources", "counseling", _("Counseling and student health")),
            SupportLink("learn", "reaching-out", _("When and how to reach out"))]


class ResultView(ScrolledView):
    """`support_chosen(kind, target)`: a "What might help" button; `back_requested`: back to
    the overview. The page acts on both."""

    support_chosen = Signal(str, str)
    back_requested = Signal()

    def __init__(self, open_help: Callable[..., object]) -> None:
        super().__init__()
        self.support_buttons: list[QPushButton] = []
        col = self.column
        self.support = QFrame()
        s_row = QHBoxLayout(self.support)
        s_text = label(f"<b>{_(S0_MESSAGE)}</b>", rich=True)  # warm, not styled as an error
        self.help = QPushButton(_("Get help now"))
        self.help.setAccessibleName(_("Get help now: crisis support"))
        set_role(self.help, "help")
        self.help.clicked.connect(lambda: open_help(crisis=True))
        s_row.addWidget(s_text, 1)
        s_row.addWidget(self.help)
        col.addWidget(self.support)
        self.title = label(rich=True)
        self.score = label(rich=True, context=_("Score"))
        self.band = label(rich=True, context=_("Range"))
        self.framing = label(_(NOT_A_DIAGNOSIS))
        self.framing.setStyleSheet("font-style: italic;")
        self.measures = label()
        self.change = label(rich=True)
        for w in (self.title, self.score, self.band, self.framing, self.measures, self.change):
            col.addWidget(w)
        col.addWidget(QLabel("<h3>" + _("What might help") + "</h3>"))
        self.links = QHBoxLayout()
        self.links.addStretch(1)
        col.addLayout(self.links)
        back = QHBoxLayout()
        self.back_button = QPushButton(_("&Back to self-checks"))
        self.back_button.clicked.connect(self.back_requested)
        back.addWidget(self.back_button)
        back.addStretch(1)
        col.addLayout(back)
        self.sources = SourcesText()
        col.addWidget(self.sources)
        self.source_links = SourceLinks()
        col.addWidget(self.source_links)
        col.addStretch(1)

    def show_result(self, inst: Instrument, result: Assessment,
                    history: list[Assessment]) -> None:
        flagged = safety_flag(inst, result)
        self.support.setVisible(flagged)
        heading = escape(_("Your {name} result").format(name=inst.short_name))
        when = f"{format_day(result.taken_at.date())}, {format_time(result.taken_at)}"
        self.title.setText(f"<h2>{heading}</h2>" + escape(when))
        band = inst.band(result.band)
        if result.score is None:
            self.score.setText(_("<b>No score:</b> not enough questions were answered."))
            self.band.setText("")
        else:
            raw = result.subscores.get("raw")
            extra = "" if raw is None else _(" (raw score {raw} of {maximum})").format(
                raw=format_score(raw), maximum=format_score(inst.scoring.raw_maximum))
            self.score.setText(
                f"<span style='font-size: xx-large; font-weight: bold;'>"
                f"{format_score(result.score)}</span> {escape(inst.scoring.unit)}{extra}")
            wording, description = ("", "") if band is None else band_wording(inst, band,
                                                                              result)
            self.band.setText("" if band is None else (
                f"<b>{escape(wording)}</b> ({escape(inst.band_range_text(band))})<br>"
                f"{escape(description)}"))
        self.measures.setText(_("What it measures: {measures}").format(measures=inst.measures))
        previous = previous_scored(history, result)
        diff = change(inst, result, previous)
        if diff is None:
            self.change.setText(_("No earlier result to compare with yet.")
                                if previous is None else "")
        else:
            text = _("<b>Since last time:</b> {change}").format(
                change=escape(diff.describe(inst)))
            if diff.caution:
                text += f"<br>{escape(diff.caution)}"
            self.change.setText(text)
        links = list(band.support) if band else []
        if flagged:  # S0 comes first, whatever the total score
            first = s0_links()
            links = first + [link for link in links if link not in first]
        self._set_support_links(links)
        self.sources.set_sources(inst)
        self.source_links.set_sources(inst)

    def _set_support_links(self, links: Sequence[SupportLink]) -> None:
        while self.links.count() > 1:
            item = self.links.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.support_buttons = []
        for index, link in enumerate(links):
            button = QPushButton(link.label)
            button.setAccessibleName(link.label)
            button.setProperty("support_kind", link.kind)
            button.setProperty("support_target", link.target)
            button.clicked.connect(
                lambda _c=False, k=link.kind, t=link.target: self.support_chosen.emit(k, t))
            self.links.insertWidget(index, button)
            self.support_buttons.append(button)
