"""The counselor summary dialog: choose the range, sections and notes; see the real pages;
save a PDF.

The preview shows the pages of the very PDF that is saved (laid out once on a worker thread,
painted both to preview images and to the PDF bytes that Save writes), so the student sees
exactly what they will share. Safety events and notes are off until ticked; notes are
picked one by one and can be shortened first.

It fits small screens and large text: it opens inside the screen's available area, the
choices scroll inside their own panel, the preview pages shrink to the panel's width, and
Save and Close sit in a row that never scrolls away.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import __version__
from selfcare_app.atomic import atomic_write
from selfcare_app.clock import today as clock_today
from selfcare_app.core.formatting import format_day
from selfcare_app.core.summary import (
    DEFAULT_SECTIONS,
    SECTIONS,
    Summary,
    SummaryOptionsError,
    compose_summary,
    default_range,
    make_options,
)
from selfcare_app.data.exchange import SummaryInputs, load_summary_inputs
from selfcare_app.data.findings import rule_config
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.dialogs import file_choice
from selfcare_app.ui.dialogs.background import Background
from selfcare_app.ui.session import VaultSession

PREVIEW_WIDTH = 620
PREFERRED_SIZE = (1180, 800)
SCREEN_MARGIN = (16, 40)  # keep clear of the screen's edges and leave room for a title bar
MIN_PREVIEW_WIDTH = 160
NOT_ENCRYPTED = N_("The PDF is not encrypted: anyone who can open it can read it. Share it "
                 "only with people you choose.")
SAFETY_HINT = N_("Times you told the app you were not safe. It may matter to your counselor; "
               "include it only if you want to.")
NOTES_HINT = N_("Notes stay private unless you tick them here, one by one. Select a note to "
              "shorten or edit what is shared; your diary is not changed.")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class SummaryDialog(QDialog):
    def __init__(self, session: VaultSession, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        from selfcare_app.report.summary import register_font

        register_font()  # on the UI thread, before any worker lays text out
        self.setWindowTitle(_("Counselor summary"))
        self.setAccessibleName(_("Counselor summary"))
        self.session = session
        self.today = today or clock_today()
        self.inputs: SummaryInputs = session.run(load_summary_inputs)
        # The rules run when the summary is made (as `signals` does), with these settings.
        self.rule_config: object = session.run(rule_config)
        self.worker = Background("summary-pdf", self)
        self.generation = 0
        self.pdf_data: bytes | None = None  # the PDF the preview shows, made on the worker
        self.summary: Summary | None = None
        self.page_images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.note_text: dict[date, str] = {}
        self.saved_path: Path | None = None
        self._build()
        self._fill_notes()
        screen = (parent.screen() if parent is not None else None) or \
            QGuiApplication.primaryScreen()
        self.fit_to(screen.availableGeometry() if screen is not None
                    else QRect(0, 0, *PREFERRED_SIZE))
        self.refresh_timer = QTimer(self, singleShot=True, interval=350)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        start, end = default_range(self.inputs.entries, self.today)
        form = QFormLayout()
        self.name = QLineEdit(self.inputs.display_name)
        self.name.setPlaceholderText(_("e.g. your initials (optional)"))
        self.name.setAccessibleName(_("Name or initials"))
        self.name.setMaxLength(80)
        form.addRow(_("Name or &initials"), self.name)
        self.start = QDateEdit(_qdate(start))
        self.end = QDateEdit(_qdate(end))
        for edit, label in ((self.start, _("From")), (self.end, _("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(_qdate(self.today))
            edit.setAccessibleName(label)
        form.addRow(_("&From"), self.start)
        form.addRow(_("&To"), self.end)
        self.paper = QComboBox()
        self.paper.addItem(_("A4"), "a4")
        self.paper.addItem(_("US Letter"), "letter")
        self.paper.setAccessibleName(_("Paper size"))
        form.addRow(_("&Paper"), self.paper)

        sections = QGroupBox(_("Sections"))
        box = QVBoxLayout(sections)
        self.section_boxes: dict[str, QCheckBox] = {}
        for sid, title in SECTIONS.items():
            if sid == "notes":
                continue  # notes are chosen one by one below
            check = QCheckBox(_(title))  # marked N_() in core.summary
            check.setChecked(sid in DEFAULT_SECTIONS)
            check.setAccessibleName(_(title))
            box.addWidget(check)
            self.section_boxes[sid] = check
            if sid == "safety":
                hint = QLabel(_(SAFETY_HINT))
                hint.setWordWrap(True)
                hint.setIndent(22)
                box.addWidget(hint)

        notes = QGroupBox(_("Notes"))
        nbox = QVBoxLayout(notes)
        hint = QLabel(_(NOTES_HINT))
        hint.setWordWrap(True)
        nbox.addWidget(hint)
        self.notes = QListWidget()
        self.notes.setAccessibleName(_("Notes you can include"))
        # Long first lines end in "…" at the panel's edge; the full note is below when selected.
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setTextElideMode(Qt.TextElideMode.ElideRight)
        nbox.addWidget(self.notes, 2)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)  # Tab moves on; it never types a tab
        self.note_edit.setAccessibleName(_("Text of the selected note as it will be shared"))
        self.note_edit.setPlaceholderText(_("Select a note to see or shorten what is shared."))
        self.note_edit.setEnabled(False)
        nbox.addWidget(self.note_edit, 1)

        choices = QWidget()
        lbox = QVBoxLayout(choices)
        lbox.addLayout(form)
        lbox.addWidget(sections)
        lbox.addWidget(notes, 1)
        self.notes.setMinimumHeight(self.fontMetrics().height() * 5)
        # The choices scroll inside their panel on a short screen or with large text.
        left = QScrollArea()
        left.setWidget(choices)
        left.setWidgetResizable(True)
        left.setFrameShape(QScrollArea.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setAccessibleName(_("Summary choices"))
        self.choices_area = left

        self.pages_box = QVBoxLayout()
        self.pages_box.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        pages = QWidget()
        pages.setLayout(self.pages_box)
        self.preview_area = QScrollArea()
        self.preview_area.setWidget(pages)
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setAccessibleName(_("Preview of the PDF pages"))
        self.preview_area.viewport().installEventFilter(self)
        self.preview_area.setMinimumWidth(MIN_PREVIEW_WIDTH)
        self.preview_status = QLabel(_("Preparing the preview…"))
        self.preview_status.setWordWrap(True)  # a long saved path must not widen the dialog
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.addWidget(self.preview_status)
        rbox.addWidget(self.preview_area, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        left.setMinimumWidth(min(360, self.fontMetrics().averageCharWidth() * 34))
        split.setSizes([400, 780])
        self.splitter = split

        self.reminder = QLabel(_(NOT_ENCRYPTED))
        self.reminder.setWordWrap(True)
        self.save_button = QPushButton(_("&Save PDF…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.reject)
        self.close_button = close
        buttons = QHBoxLayout()
        buttons.addWidget(self.reminder, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._range_changed)
        self.name.textChanged.connect(self.schedule)
        self.paper.currentIndexChanged.connect(self.schedule)
        for check in self.section_boxes.values():
            check.toggled.connect(self.schedule)
        self.notes.itemChanged.connect(lambda _item: self.schedule())
        self.notes.currentItemChanged.connect(self._show_note)
        self.note_edit.textChanged.connect(self._note_edited)

    def fit_to(self, area: QRect) -> None:
        """Open at the preferred size or smaller, wholly inside `area` (the screen's available
        geometry), so Save and Close are on screen at 1024×640 and with large text."""
        mx, my = SCREEN_MARGIN
        width = max(320, min(PREFERRED_SIZE[0], area.width() - 2 * mx))
        height = max(240, min(PREFERRED_SIZE[1], area.height() - my))
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2,
                  area.y() + max(0, (area.height() - height) // 2 - my // 4))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and self.page_labels:
            self._scale_pages()
        return super().eventFilter(watched, event)

    def _page_width(self) -> int:
        """Pages shrink with the preview panel (never wider than they were drawn)."""
        viewport = self.preview_area.viewport().width()
        return max(MIN_PREVIEW_WIDTH // 2, min(PREVIEW_WIDTH, viewport - 24))

    def _scale_pages(self) -> None:
        width = self._page_width()
        changed = False
        for label, image in zip(self.page_labels, self.page_images, strict=False):
            pixmap = QPixmap.fromImage(image)
            if width < pixmap.width():
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            if label.pixmap().size() == pixmap.size():
                continue
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            changed = True
        pages = self.preview_area.widget()
        if changed and pages is not None:
            self.pages_box.invalidate()
            pages.adjustSize()

    def _fill_notes(self) -> None:
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        picked = self.picked_notes()
        self.notes.blockSignals(True)
        self.notes.clear()
        for entry in self.inputs.entries:
            if start <= entry.day <= end and entry.note.strip():
                first = " ".join(entry.note.split())
                item = QListWidgetItem(f"{format_day(entry.day)}  {first[:60]}"
                                       + ("…" if len(first) > 60 else ""))
                item.setData(Qt.ItemDataRole.UserRole, entry.day)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if entry.day in picked
                                   else Qt.CheckState.Unchecked)
                self.notes.addItem(item)
        self.notes.blockSignals(False)
        self.note_edit.setEnabled(False)
        self.note_edit.blockSignals(True)
        self.note_edit.clear()
        self.note_edit.blockSignals(False)

    def _range_changed(self) -> None:
        self._fill_notes()
        self.schedule()

    def _note_day(self, item: QListWidgetItem | None) -> date | None:
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, date) else None

    def _show_note(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        day = self._note_day(item)
        self.note_edit.blockSignals(True)
        if day is None:
            self.note_edit.clear()
            self.note_edit.setEnabled(False)
        else:
            entry = next(e for e in self.inputs.entries if e.day == day)
            self.note_edit.setPlainText(self.note_text.get(day, entry.note))
            self.note_edit.setEnabled(True)
        self.note_edit.blockSignals(False)

    def _note_edited(self) -> None:
        day = self._note_day(self.notes.currentItem())
        if day is not None:
            self.note_text[day] = self.note_edit.toPlainText()
            if self.notes.currentItem().checkState() == Qt.CheckState.Checked:
                self.schedule()

    # -- choices ----------------------------------------------------------------------------

    def picked_notes(self) -> list[date]:
        out = []
        for i in range(self.notes.count()):
            item = self.notes.item(i)
            day = self._note_day(item)
            if day is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(day)
        return out

    def sections(self) -> list[str]:
        return [sid for sid, check in self.section_boxes.items() if check.isChecked()]

    def compose(self) -> Summary:
        notes = self.picked_notes()
        options = make_options(
            _pydate(self.start.date()), _pydate(self.end.date()), self.today,
            name=self.name.text(), sections=self.sections() or ["daily-log"], note_days=notes,
            note_text={d: t for d, t in self.note_text.items() if d in notes})
        return compose_summary(entries=self.inputs.entries, assessments=self.inputs.assessments,
                               findings=self.inputs.findings,
                               safety_events=self.inputs.safety_events, options=options,
                               today=self.today, app_version=__version__,
                               rule_config=self.rule_config)

    # -- preview ----------------------------------------------------------------------------

    def schedule(self) -> None:
        self.save_button.setEnabled(False)
        self.preview_status.setText(_("Updating the preview…"))
        self.refresh_timer.start()

    def refresh(self) -> None:
        """Compose (quick, here) and lay out + paint the pages (slow, on the worker)."""
        try:
            summary = self.compose()
        except SummaryOptionsError as exc:
            self.preview_status.setText(str(exc))
            self.save_button.setEnabled(False)
            return
        self.generation += 1
        generation = self.generation
        paper = str(self.paper.currentData())
        self.save_button.setEnabled(False)

        def job() -> tuple[int, Summary, bytes, list[QImage]]:
            from selfcare_app.report.summary import SummaryDocument

            # Pages and PDF come from one layout; the Qt objects behind it are created and
            # destroyed on this thread, and only images and bytes leave it.
            doc = SummaryDocument(summary, paper)
            images = [doc.render_page(i, PREVIEW_WIDTH) for i in range(doc.page_count)]
            data = doc.pdf_bytes()
            del doc
            return generation, summary, data, images

        self.worker.submit(job, self._preview_ready, self._failed)

    def _preview_ready(self, result: tuple[int, Summary, bytes, list[QImage]]) -> None:
        generation, summary, data, images = result
        if generation != self.generation:
            return  # the choices changed while this one was being drawn
        self.summary, self.pdf_data, self.page_images = summary, data, images
        while self.pages_box.count():
            item = self.pages_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.page_labels = []
        for i, _image in enumerate(images):
            label = QLabel()
            label.setAccessibleName(_("Page {page} of {pages}").format(page=i + 1,
                                                                       pages=len(images)))
            label.setStyleSheet("border: 1px solid #9a9ca1; background: white;")
            self.page_labels.append(label)
        self._scale_pages()  # whole pages at the panel's width; the area scrolls down
        for label in self.page_labels:
            self.pages_box.addWidget(label)
        n = len(images)
        self.preview_status.setText(
            ngettext("Preview: {n} page, exactly as it will be saved.",
                     "Preview: {n} pages, exactly as they will be saved.", n).format(n=n))
        self.save_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.preview_status.setText(
            _("The summary could not be made ({problem}); nothing was saved.").format(
                problem=type(exc).__name__))
        self.save_button.setEnabled(False)

    @property
    def page_count(self) -> int:
        return len(self.page_images) if self.pdf_data is not None else 0

    # -- save -------------------------------------------------------------------------------

    def save(self) -> None:
        if self.pdf_data is None or self.summary is None:
            return
        s = self.summary
        suggested = f"selfcare-summary-{s.start.isoformat()}-to-{s.end.isoformat()}.pdf"
        path = file_choice.ask_save_path(self, _("Save the counselor summary"), suggested,
                                         file_choice.file_filters((_("PDF files"), "*.pdf")))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        data, pages = self.pdf_data, self.page_count
        self.save_button.setEnabled(False)
        self.preview_status.setText(_("Saving…"))

        def job() -> tuple[Path, int]:
            atomic_write(path, data)  # temp file beside it, fsync, os.replace
            return path, pages

        self.worker.submit(job, self._saved, self._save_failed)

    def _saved(self, result: tuple[Path, int]) -> None:
        path, pages = result
        self.saved_path = path
        self.save_button.setEnabled(True)
        saved = ngettext("Saved {pages} page to {path}.", "Saved {pages} pages to {path}.",
                         pages).format(pages=pages, path=path)
        self.preview_status.setText(f"{saved} {_(NOT_ENCRYPTED)}")

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else \
            type(exc).__name__
        self.preview_status.setText(
            _("Could not save the PDF ({problem}); nothing was written.").format(problem=detail))

    def done(self, result: int) -> None:
        self.refresh_timer.stop()
        self.worker.shutdown()
        self.pdf_data = None
        self.page_images = []
        self.page_labels = []
        super().done(result)
