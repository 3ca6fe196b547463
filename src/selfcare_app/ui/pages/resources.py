"""Resources: crisis lines for the student's region, their campus pack, and their own contacts.

Categories on the left, a searchable list in the middle, details on the right. Every number,
address and link is plain text (a pack is untrusted, so nothing is rendered as HTML), and a link
opens only when the student clicks its button, through the system (ui/links.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.crisis import CrisisLine, lines_for, normalize_region, region_name
from selfcare_app.core.resource import (
    CATEGORIES,
    Resource,
    ResourceData,
    ResourceValidationError,
    category_from_text,
    category_label,
    is_stale,
    mailto_url,
    matches,
    sms_url,
    tel_url,
    validate_resource,
    web_url,
)
from selfcare_app.core.resource_pack import PackInvalid, load_pack
from selfcare_app.data import lock_help
from selfcare_app.data.errors import VaultError
from selfcare_app.ui.dialogs.file_choice import ask_open_path, ask_save_path
from selfcare_app.ui.links import copy_text, open_link
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import set_role
from selfcare_app.ui.widgets.wrapping_list import WrapRows

ALL = "all"
FAVOURITES = "favourites"
CLEAR_PERSONAL_COPY_MS = 10_000  # SECURITY.md: personal text copied is cleared after 10 s


@dataclass(frozen=True)
class _Shown:
    """One row of the middle list: a stored resource or a built-in crisis line."""

    resource: Resource | None = None
    line: CrisisLine | None = None
    header: str = ""

    @property
    def name(self) -> str:
        return self.resource.name if self.resource else self.line.name if self.line else ""


def _plain(text: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def _muted(label: QLabel) -> QLabel:
    set_role(label, "muted")
    return label


def pick_pack_file(parent: QWidget) -> Path | None:
    """Ask for a pack file; the shared helper forgets where the student looked."""
    return ask_open_path(parent, "Import a campus resource pack",
                         "Resource packs (*.json);;All files (*)")


# -- add / edit dialog --------------------------------------------------------------------


class ResourceDialog(QDialog):
    """Add or edit one of the student's own contacts; each problem shows beside its field."""

    LINE_FIELDS = (
        ("phone", "Phone", "e.g. +1 802 555 0142"),
        ("sms", "Text (SMS)", "a number that takes text messages"),
        ("email", "Email", "name@example.edu"),
        ("url", "Website", "https://…"),
        ("hours", "Hours", "e.g. Mon–Fri 09:00–17:00"),
        ("meets", "Meets", "for groups, e.g. Thursdays 18:00–19:00, room 3"),
    )

    def __init__(self, parent: QWidget, resource: Resource | None = None,
                 category: str | None = None) -> None:
        super().__init__(parent)
        self.resource = resource
        self.result_data: ResourceData | None = None
        self.setWindowTitle("Edit your contact" if resource else "Add your own contact")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.errors: dict[str, QLabel] = {}
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. My therapist, Dr Rivera")
        self._row(form, "name", "Name", self.name)
        self.category = QComboBox()
        for code in CATEGORIES:
            if code != "crisis":
                self.category.addItem(category_label(code), code)
        self.category.addItem(category_label("crisis"), "crisis")
        self._row(form, "category", "Category", self.category)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self._row(form, "description", "Notes", self.description)
        self.lines: dict[str, QLineEdit] = {}
        for field, label, hint in self.LINE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            self.lines[field] = edit
            self._row(form, field, label, edit)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(56)
        self._row(form, "address", "Address", self.address)
        self.checked = QCheckBox("I checked these details on")
        self.checked.setChecked(True)
        self.verified = QDateEdit()
        self.verified.setCalendarPopup(True)
        self.verified.setDisplayFormat("yyyy-MM-dd")
        self.verified.setMaximumDate(_qdate(today()))
        self.verified.setDate(_qdate(today()))
        self.verified.setAccessibleName("Date you last checked these details")
        self.checked.toggled.connect(self.verified.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.checked)
        row.addWidget(self.verified)
        row.addStretch(1)
        form.addRow("Last checked", row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if resource is not None:
            self._load(resource.data)
        elif category in CATEGORIES:
            self.category.setCurrentIndex(self.category.findData(category))

    def _row(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label)
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        set_role(error, "error")  # its text is its name: a screen reader hears the problem
        error.hide()
        self.errors[field] = error
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        title = QLabel(label)
        title.setBuddy(widget)  # the field's label to assistive technology (labelled-by)
        form.addRow(title, box)

    def _load(self, data: ResourceData) -> None:
        self.name.setText(data.name)
        self.category.setCurrentIndex(max(0, self.category.findData(data.category)))
        self.description.setPlainText(data.description)
        for field, edit in self.lines.items():
            edit.setText(getattr(data, field))
        self.address.setPlainText(data.address)
        self.checked.setChecked(data.verified_on is not None)
        if data.verified_on is not None:
            self.verified.setDate(_qdate(data.verified_on))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.name.text(),
            "category": str(self.category.currentData()),
            "description": self.description.toPlainText(),
            "address": self.address.toPlainText(),
            "verified_on": _from_qdate(self.verified.date()) if self.checked.isChecked()
            else None,
        }
        values.update({field: edit.text() for field, edit in self.lines.items()})
        return values

    def try_accept(self) -> bool:
        for label in self.errors.values():
            label.hide()
        try:
            self.result_data = validate_resource(self.values(), today())
        except ResourceValidationError as exc:
            first: QWidget | None = None
            for field, message in exc.errors.items():
                error = self.errors.get(field)
                if error is not None:
                    error.setText(_sentence(message))
                    error.show()
                    first = first or self._widget(field)
            if first is not None:
                first.setFocus()
            self.adjustSize()
            return False
        self.accept()
        return True

    def _widget(self, field: str) -> QWidget | None:
        return {"name": self.name, "category": self.category, "description": self.description,
                "address": self.address, **self.lines}.get(field)


def _sentence(message: str) -> str:
    """'a name is required' → 'A name is required.'; 'javascript: links…' keeps its case."""
    first_word = message.split(" ", 1)[0]
    if not first_word.endswith(":"):
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", ")")) else message + "."


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


# -- the page -----------------------------------------------------------------------------


class ResourcesPage(Page):
    key = "resources"
    title = "Resources"
    shortcuts = (("Ctrl+F", "Search resources"),
                 ("Ctrl+N", "Add your own contact"))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self._resources: list[Resource] | None = None
        self._selected: _Shown | None = None
        self.dialog: ResourceDialog | None = None

        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        heading = QLabel("<h2>Resources</h2>")
        head.addWidget(heading)
        head.addStretch(1)
        self.import_button = QPushButton("&Import campus pack…")
        self.import_button.setAccessibleName("Import campus pack: a resource pack file")
        self.import_button.setToolTip("A .json file from your counseling centre or school")
        self.import_button.clicked.connect(self.import_pack)
        self.add_button = QPushButton("&Add your own…")
        self.add_button.setAccessibleName("Add your own contact")
        self.add_button.setToolTip("Add a contact of your own (Ctrl+N)")
        self.add_button.clicked.connect(self.add_own)
        from selfcare_app.ui.dialogs.people_dialog import people_button

        self.people_button = people_button(self, host.session)  # My people (core/people.py)
        head.addWidget(self.people_button)
        head.addWidget(self.import_button)
        head.addWidget(self.add_button)
        outer.addLayout(head)
        intro = _muted(_plain("People and services you can reach out to. Favourites are kept "
                              "at hand; numbers and links open only when you click them.",
                              selectable=False))
        outer.addWidget(intro)

        self.notice = QFrame()
        self.notice.setObjectName("resourcesNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice_col = QVBoxLayout(self.notice)
        notice_row = QHBoxLayout()
        self.notice_text = _plain()
        self.notice_close = QPushButton("Dis&miss")
        self.notice_close.setAccessibleName("Dismiss this message")
        self.notice_close.clicked.connect(self.notice.hide)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        notice_col.addLayout(notice_row)
        self.notice_details = QPlainTextEdit()
        self.notice_details.setReadOnly(True)
        self.notice_details.setAccessibleName("Problems found in the pack")
        self.notice_details.setMaximumHeight(140)
        notice_col.addWidget(self.notice_details)
        self.notice.hide()
        outer.addWidget(self.notice)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, services, times, places…")
        self.search.setAccessibleName("Search resources")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh_list())
        outer.addWidget(self.search)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.categories = QListWidget()
        self.categories.setAccessibleName("Categories")
        self.categories.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.categories.currentRowChanged.connect(lambda _r: self.refresh_list())
        self.list = QListWidget()
        self.list.setAccessibleName("Resources in this category")
        self.list.setMinimumWidth(170)
        self.list.setSpacing(2)
        self._wrap_rows = WrapRows(self.list)  # long names wrap, no sideways scrolling
        self.list.currentRowChanged.connect(self._on_row)
        self.empty = _muted(_plain(selectable=False))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        middle = QWidget()
        middle_col = QVBoxLayout(middle)
        middle_col.setContentsMargins(0, 0, 0, 0)
        middle_col.addWidget(self.list, 1)
        middle_col.addWidget(self.empty)
        self.details = _Details(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        scroll.setMinimumWidth(330)
        splitter.addWidget(self.categories)
        splitter.addWidget(middle)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([230, 290, 560])
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        self.add_shortcut("Ctrl+F", lambda: self.search.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        self.add_shortcut("Ctrl+N", self.add_own)
        host.session.changed.connect(self._on_vault_changed)
        self._fill_categories()

    # -- Page --------------------------------------------------------------------------

    def first_focus(self) -> QWidget:
        return self.search

    def activate(self) -> None:
        if self._resources is None:
            self.reload()

    def navigate_to(self, arg: Any) -> None:
        """Show one category (a code such as "counseling" or its label), e.g. from a finding."""
        code = category_from_text(arg) if isinstance(arg, str) else None
        if isinstance(arg, str) and arg in (ALL, FAVOURITES):
            code = arg
        if code is None:
            return
        self.search.clear()
        self.select_category(code)

    # -- data --------------------------------------------------------------------------

    @property
    def region(self) -> str:
        return normalize_region(str(getattr(self.host, "region", "") or ""))

    def reload(self) -> None:
        try:
            self._resources = self.host.session.run(lambda v: v.resources.list())
        except VaultError as exc:
            self.show_notice(str(exc))
            self._resources = []
        self._fill_categories()
        self.refresh_list()

    def _on_vault_changed(self, topic: str) -> None:
        if topic in ("resources", "settings"):
            self._resources = None
            if self.isVisible():
                self.reload()

    def resources(self) -> list[Resource]:
        return list(self._resources or [])

    def current_category(self) -> str:
        item = self.categories.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ALL

    def _fill_categories(self) -> None:
        current = self.current_category()
        resources = self.resources()
        counts = {c: 0 for c in CATEGORIES}
        for r in resources:
            counts[r.category] = counts.get(r.category, 0) + 1
        counts["crisis"] += len(lines_for(self.region))
        favourites = sum(r.favourite for r in resources)
        rows = [(ALL, "All resources", sum(counts.values())),
                (FAVOURITES, "★ Favourites", favourites)]
        rows += [(c, category_label(c), counts[c]) for c in CATEGORIES]
        self.categories.blockSignals(True)
        self.categories.clear()
        for code, label, count in rows:
            item = QListWidgetItem(f"{label}  ({count})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {count} resources")
            if count == 0 and code not in (ALL, FAVOURITES):
                item.setForeground(self.palette().placeholderText())
            self.categories.addItem(item)
        self.categories.setMinimumWidth(self.categories.sizeHintForColumn(0) + 8)
        codes = [code for code, _, _ in rows]
        self.categories.setCurrentRow(codes.index(current) if current in codes else 0)
        self.categories.blockSignals(False)

    def select_category(self, code: str) -> None:
        for row in range(self.categories.count()):
            if self.categories.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.categories.setCurrentRow(row)
                self.refresh_list()
                return

    def shown(self) -> list[_Shown]:
        """What the middle list shows for the chosen category and search.

        Built-in crisis lines come first; favourites lead their category. In "All" (and while
        searching it) each category gets a header row.
        """
        category = self.current_category()
        query = self.search.text().strip()
        words = query.casefold().split()
        lines: list[_Shown] = []
        if category in (ALL, "crisis"):
            for line in lines_for(self.region):
                text = " ".join((line.name, line.description, line.phone, line.sms, line.url,
                                 category_label("crisis"))).casefold()
                if all(word in text for word in words):
                    lines.append(_Shown(line=line))
        picked = [
            r for r in self.resources()
            if (category == ALL or (category == FAVOURITES and r.favourite)
                or r.category == category)
            and (not query or matches(r.data, query))
        ]
        picked.sort(key=lambda r: (CATEGORIES.index(r.category) if r.category in CATEGORIES
                                   else len(CATEGORIES), not r.favourite))
        if category != ALL:
            return lines + [_Shown(resource=r) for r in picked]
        rows: list[_Shown] = []
        for code in CATEGORIES:
            group = [_Shown(resource=r) for r in picked if r.category == code]
            if code == "crisis":
                group = lines + group
            if group:
                rows.append(_Shown(header=category_label(code)))
                rows.extend(group)
        return rows

    def refresh_list(self) -> None:
        previous = self._selected
        rows = self.shown()
        self.list.blockSignals(True)
        self.list.clear()
        for shown in rows:
            item = QListWidgetItem(self._item_text(shown))
            item.setData(Qt.ItemDataRole.UserRole, shown)
            if shown.header:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setForeground(self.palette().windowText())
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            else:
                item.setToolTip(self._item_tip(shown))
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             self._item_text(shown).replace("★ ", "favourite: ")
                             + ", " + self._item_tip(shown))
            self.list.addItem(item)
        self.list.blockSignals(False)
        items = [s for s in rows if not s.header]
        self._show_empty(items, self.current_category())
        target = next((i for i, s in enumerate(rows) if not s.header), -1)
        for i, shown in enumerate(rows):
            if previous is not None and _same(shown, previous):
                target = i
        if target >= 0:
            self.list.setCurrentRow(target)
            self._on_row(target)
        else:
            self._selected = None
            self.details.show_nothing()

    def _item_text(self, shown: _Shown) -> str:
        if shown.header:
            return shown.header
        if shown.line is not None:
            return shown.line.name
        r = shown.resource
        assert r is not None
        text = ("★ " if r.favourite else "") + r.name + ("  (yours)" if r.source == "user" else "")
        # Meeting times show in the list itself, so a group's evening is visible at a glance.
        return "\n".join([text, *(f"    {slot.describe()}" for slot in r.data.schedule)])

    def _item_tip(self, shown: _Shown) -> str:
        if shown.line is not None:
            return f"Built-in crisis line for {region_name(self.region)}"
        r = shown.resource
        assert r is not None
        origin = "Your own contact" if r.source == "user" else \
            f"From the {r.pack_campus or 'campus'} pack"
        return f"{category_label(r.category)} · {origin}"

    def _show_empty(self, rows: list[_Shown], category: str) -> None:
        if rows:
            self.empty.hide()
            return
        if self.search.text().strip():
            text = "Nothing matches your search in this category."
        elif category == FAVOURITES:
            text = "No favourites yet. Select a resource and choose “Add to favourites”."
        elif not self.resources():
            text = ("No campus resources yet. Import the pack your counseling centre or school "
                    "provides, or add your own contacts.")
        else:
            text = "Nothing in this category yet. You can add your own contact."
        self.empty.setText(text)
        self.empty.show()

    def _on_row(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        shown = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._selected = shown if isinstance(shown, _Shown) and not shown.header else None
        if self._selected is None:
            self.details.show_nothing()
        elif self._selected.line is not None:
            self.details.show_line(self._selected.line, region_name(self.region))
        elif self._selected.resource is not None:
            self.details.show_resource(self._selected.resource)

    def select_resource(self, resource_id: int) -> bool:
        for row in range(self.list.count()):
            shown = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if isinstance(shown, _Shown) and shown.resource and shown.resource.id == resource_id:
                self.list.setCurrentRow(row)
                return True
        return False

    # -- actions -----------------------------------------------------------------------

    def show_notice(self, text: str, details: list[str] | None = None) -> None:
        self.notice_text.setText(text)
        self.notice_details.setPlainText("\n".join(details or []))
        self.notice_details.setVisible(bool(details))
        self.notice.show()

    def toggle_favourite(self, resource: Resource) -> None:
        rid, fav = resource.id, not resource.favourite
        try:
            self.host.session.run(lambda v: v.resources.set_favourite(rid, fav))
        except (VaultError, LookupError) as exc:
            self.show_notice(str(exc))
            return
        self._after_change(rid)
        self.host.show_status(("Added to" if fav else "Removed from") + " favourites.")

    def add_own(self) -> None:
        category = self.current_category()
        self._open_dialog(ResourceDialog(self, category=category))

    def edit_own(self, resource: Resource) -> None:
        if resource.editable:
            self._open_dialog(ResourceDialog(self, resource=resource))

    def _open_dialog(self, dialog: ResourceDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._save_dialog(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_dialog(self, dialog: ResourceDialog) -> None:
        data = dialog.result_data
        if data is None:
            return
        editing = dialog.resource
        try:
            if editing is None:
                saved = self.host.session.run(lambda v: v.resources.add(data))
            else:
                rid = editing.id
                # A favourite kept from a pack keeps its meeting times (the form has no field).
                timed = replace(data, schedule=editing.data.schedule)
                saved = self.host.session.run(lambda v: v.resources.update(rid, timed))
        except (VaultError, LookupError, ValueError) as exc:
            self.show_notice(f"Couldn't save “{data.name}”: {exc}")
            return
        if self.current_category() not in (ALL, saved.category):
            self.select_category(saved.category)
        self._after_change(saved.id)
        self.host.show_status(f"Saved “{saved.name}”.")

    def delete_own(self, resource: Resource) -> None:
        if not resource.editable:
            return
        answer = QMessageBox.question(
            self, "Delete contact", f"Delete “{resource.name}” from your resources?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        rid = resource.id
        try:
            self.host.session.run(lambda v: v.resources.delete(rid))
        except (VaultError, LookupError, ValueError) as exc:
            self.show_notice(str(exc))
            return
        self._selected = None
        self._after_change(None)
        self.host.show_status(f"Deleted “{resource.name}”.")

    def _after_change(self, select_id: int | None) -> None:
        self.reload()
        if select_id is not None:
            self.select_resource(select_id)
        self.host.session.notify("resources")

    def copy(self, text: str, what: str, personal: bool) -> None:
        copy_text(text, CLEAR_PERSONAL_COPY_MS if personal else 0)
        self.host.show_status(f"Copied the {what}."
                              + (" It will be cleared from the clipboard in 10 seconds."
                                 if personal else ""))

    def import_pack(self) -> None:
        path = pick_pack_file(self)
        if path is not None:
            self.import_pack_file(path)

    def import_pack_file(self, path: Path) -> bool:
        """Validate, preview every change, confirm, import. True if anything was imported."""
        from selfcare_app.data.resources import OlderPackError

        self.notice.hide()
        try:
            pack = load_pack(path, today() + timedelta(days=1))
        except PackInvalid as exc:
            # The same problem lines (and hints) as `selfcare-app import` prints.
            self.show_notice(f"“{path.name}” can't be imported: {exc}", exc.lines())
            return False
        try:
            preview = self.host.session.run(lambda v: v.resources.import_pack(pack, True))
            shown = self.host.session.run(
                lambda v: lock_help.load(v.path.parent).shows(preview.campus))
        except (OlderPackError, VaultError) as exc:
            self.show_notice(str(exc))
            return False
        if preview.status == "same" and preview.total_changes == 0 and not preview.rechecked:
            self.show_notice(preview.summary())
            return False
        answer = QMessageBox.question(
            self, "Import campus pack",
            f"{_preview_text(preview)}\n\n{_change_text(preview)}Your own contacts are kept. "
            "Import it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            # A likely typo in the campus name: Enter shouldn't list every entry twice.
            QMessageBox.StandardButton.No if preview.clash else QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        keep = False
        if preview.removed_favourites:
            keep_answer = QMessageBox.question(
                self, "Favourites not in the new pack",
                _favourites_text(preview.removed_favourites),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
            if keep_answer == QMessageBox.StandardButton.Cancel:
                return False
            keep = keep_answer == QMessageBox.StandardButton.Yes
        show_locked = shown
        if preview.crisis and not shown:
            show_locked = QMessageBox.question(
                self, "Crisis lines while locked", LOCK_SCREEN_QUESTION,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes
        try:
            result = self.host.session.run(lambda v: v.resources.import_pack(pack, False, keep))
        except (OlderPackError, VaultError, OSError) as exc:
            self.show_notice(str(exc))
            return False
        summary = result.summary()
        try:
            campus = result.campus
            self.host.session.run(lambda v: v.resources.set_lock_screen(campus, show_locked))
        except (VaultError, OSError) as exc:
            summary += f" The lock-screen copy of its crisis lines was not saved: {exc}"
        self.show_notice(summary, result.lines())
        self._after_change(None)
        return True

    def set_lock_screen(self, campus: str, show: bool) -> None:
        try:
            self.host.session.run(lambda v: v.resources.set_lock_screen(campus, show))
        except (VaultError, OSError) as exc:
            self.show_notice(f"The lock-screen choice was not saved: {exc}")
            return
        self.host.show_status(f"{campus}'s crisis lines will "
                              + ("show" if show else "no longer show")
                              + " on the lock screen.")

    def remove_pack(self, campus: str) -> bool:
        """Remove a campus pack (its entries, not the student's own) after asking."""
        favourites = [r.name for r in self.resources() if r.favourite and r.pack_campus == campus]
        count = sum(1 for r in self.resources() if r.pack_campus == campus)
        text = (f"Remove the {campus} pack and its {count} resource(s)? Your own contacts are "
                "kept. You can import the pack again later.")
        if favourites:
            text += "\n\nThese favourites go with it:\n" + "\n".join(f"• {n}" for n in favourites)
        answer = QMessageBox.question(self, "Remove campus pack", text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            removed = self.host.session.run(lambda v: v.resources.remove_pack(campus))
        except (VaultError, OSError) as exc:
            self.show_notice(str(exc))
            return False
        self._selected = None
        self._after_change(None)
        self.host.show_status(f"Removed the {campus} pack ({removed} resource(s)).")
        return True

    def add_to_calendar(self, resource: Resource) -> bool:
        """Write the resource's meeting times to an .ics file the student picks (offline)."""
        from selfcare_app.atomic import atomic_write
        from selfcare_app.clock import now
        from selfcare_app.core.calendar import calendar_file_name, resource_calendar

        path = ask_save_path(self, "Add to calendar", calendar_file_name(resource.name),
                             "Calendar files (*.ics)")
        if path is None:
            return False
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        try:
            atomic_write(path, resource_calendar(resource, now()))
        except OSError as exc:
            self.show_notice(f"The calendar file was not written: {exc.strerror or exc}")
            return False
        self.host.show_status(f"Saved {path.name}; open it with your calendar app to add "
                              f"{resource.name}.", 8000)
        return True


LOCK_SCREEN_QUESTION = (
    "Show my campus's crisis lines on the lock screen?\n\nThey'd also show in Get help now "
    "while Selfcare is locked. The numbers are public, but they show which campus you're at, so "
    "they are kept in a small file outside your encrypted vault only if you choose Yes. You can "
    "change this under Resources.")
MAX_PREVIEW_LINES = 30


def _change_text(preview: Any) -> str:
    """Every change by name (the lines `import --dry-run` prints), shortened for a message box;
    the full list stays on the page after the import."""
    lines = preview.lines()
    if not lines:
        return ""
    if len(lines) > MAX_PREVIEW_LINES:
        more = len(lines) - MAX_PREVIEW_LINES
        lines = [*lines[:MAX_PREVIEW_LINES], f"… and {more} more line(s), listed on the "
                 "Resources page after the import."]
    return "\n".join(lines) + "\n\n"


def _favourites_text(names: list[str]) -> str:
    many = len(names) > 1
    listed = "\n".join(f"• {name}" for name in names)
    return (f"The new pack no longer lists {'these favourites' if many else 'this favourite'} "
            f"of yours:\n{listed}\n\nKeep {'them' if many else 'it'} as your own "
            f"contact{'s' if many else ''}? (No removes {'them' if many else 'it'} with the "
            "pack.)")


def _preview_text(preview: Any) -> str:
    """'The X pack of 2026-09-01.\n19 resources to add.' in plain words."""
    counts = [(len(preview.added), "to add"), (len(preview.changed), "to update"),
              (len(preview.removed), "to remove"), (len(preview.rechecked), "re-checked")]
    parts = [(n, what) for n, what in counts if n]
    head = (f"The {preview.campus} pack of {preview.updated.isoformat()}"
            + (f" (yours is from {preview.previous.isoformat()})"
               if preview.status == "updated" else ""))
    if not parts:
        return f"{head}.\nNothing changes."
    (n, what), rest = parts[0], parts[1:]
    words = [f"{n} resource{'s' if n != 1 else ''} {what}", *(f"{m} {w}" for m, w in rest)]
    return f"{head}.\n{', '.join(words)}."


def _same(a: _Shown, b: _Shown) -> bool:
    if a.resource is not None and b.resource is not None:
        return a.resource.id == b.resource.id
    return a.line is not None and b.line is not None and a.line.name == b.line.name


# -- details panel ------------------------------------------------------------------------


class _Details(QWidget):
    """Everything about one resource, each contact method with its own button."""

    def __init__(self, page: ResourcesPage) -> None:
        super().__init__()
        self.page = page
        self.setObjectName("resourceDetails")
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.body: QWidget | None = None
        self.col = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        self.show_nothing()

    def _clear(self) -> None:
        """Replace the whole body, so no widget of the previous resource survives."""
        self.buttons = {}
        if self.body is not None:
            self.outer.removeWidget(self.body)
            self.body.hide()
            self.body.deleteLater()
        self.body = QWidget()
        self.col = QVBoxLayout(self.body)
        self.col.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.outer.addWidget(self.body)

    def show_nothing(self) -> None:
        self._clear()
        self.col.addWidget(_muted(_plain("Select a resource to see how to reach it.",
                                         selectable=False)))

    def _title(self, name: str, subtitle: str) -> None:
        title = _plain(name)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        title.setObjectName("resourceName")
        self.col.addWidget(title)
        self.col.addWidget(_muted(_plain(subtitle)))

    def _button(self, key: str, text: str, accessible: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _c=False: slot())
        self.buttons[key] = button
        return button

    def _grid(self, rows: list[tuple[str, str, list[QPushButton]]]) -> None:
        """Label | value, with the value's buttons under it (narrow panels never clip them)."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for i, (label, value, buttons) in enumerate(rows):
            head = _muted(_plain(label, wrap=False, selectable=False))
            grid.addWidget(head, i, 0, Qt.AlignmentFlag.AlignTop)
            cell = QVBoxLayout()
            cell.setSpacing(4)
            text = _plain(value)
            text.setAccessibleName(f"{label}: {value}")
            cell.addWidget(text)
            if buttons:
                box = QHBoxLayout()
                box.setSpacing(6)
                for b in buttons:
                    box.addWidget(b)
                box.addStretch(1)
                cell.addLayout(box)
            grid.addLayout(cell, i, 1)
        self.col.addLayout(grid)

    def _pack_actions(self, r: Resource) -> None:
        """The pack this entry came from: show its crisis lines while locked, or remove it."""
        campus = r.pack_campus
        if not campus:
            return
        page = self.page
        try:
            shows = page.host.session.run(lambda v: lock_help.load(v.path.parent).shows(campus))
        except (VaultError, OSError):
            shows = False
        self.col.addWidget(_muted(_plain(f"The {campus} pack:", selectable=False)))
        locked = QCheckBox("Its crisis lines on the lock screen")
        locked.setAccessibleName(f"Show {campus}'s crisis lines on the lock screen")
        locked.setChecked(shows)
        locked.setToolTip("Kept in a small file outside your encrypted vault, so the lines work "
                          "while Selfcare is locked; they show which campus you're at.")
        locked.toggled.connect(lambda on: page.set_lock_screen(campus, on))
        self.lock_screen_box = locked
        self.col.addWidget(locked)
        remove = self._button("remove_pack", "Remove this pack…",
                              f"Remove the {campus} pack and its resources",
                              lambda: page.remove_pack(campus))
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        self.col.addLayout(row)

    def show_line(self, line: CrisisLine, region: str) -> None:
        self._clear()
        self._title(line.name, f"{category_label('crisis')} · built-in for {region}")
        self.col.addWidget(_plain(line.description))
        rows: list[tuple[str, str, list[QPushButton]]] = []
        if line.phone:
            rows.append(("Phone", line.phone, [
                self._button("call", "Call", f"Call {line.name} on {line.phone}",
                             lambda: open_link(line.tel_url())),
                self._button("copy_phone", "Copy", f"Copy the number of {line.name}",
                             lambda: self.page.copy(line.phone, "number", False))]))
        if line.sms:
            keyword = f"{line.sms_body} to {line.sms}" if line.sms_body else line.sms
            rows.append(("Text", keyword, [
                self._button("text", "Send a text", f"Send a text message to {line.name}",
                             lambda: open_link(line.sms_url()))]))
        if line.url:
            rows.append(("Website", line.url, [
                self._button("open", "Open", f"Open the website of {line.name} in your browser",
                             lambda: open_link(line.url))]))
        if line.hours:
            rows.append(("Hours", line.hours, []))
        if line.languages:
            rows.append(("Languages", ", ".join(line.languages), []))
        if line.verified_on:
            rows.append(("Last verified", line.verified_on.isoformat(), []))
        self._grid(rows)
        self.col.addStretch(1)

    def show_resource(self, r: Resource) -> None:
        self._clear()
        d = r.data
        origin = "Your own contact" if r.source == "user" else \
            f"From the {r.pack_campus or 'campus'} pack"
        self._title(d.name, f"{category_label(d.category)} · {origin}")
        fav = self._button("favourite", "★ Favourite" if r.favourite else "☆ Add to favourites",
                           "Remove from favourites" if r.favourite else "Add to favourites",
                           lambda: self.page.toggle_favourite(r))
        fav.setCheckable(True)
        fav.setChecked(r.favourite)
        top = QHBoxLayout()
        top.addWidget(fav)
        top.addStretch(1)
        self.col.addLayout(top)
        if d.description:
            self.col.addWidget(_plain(d.description))
        personal = r.source == "user"
        rows: list[tuple[str, str, list[QPushButton]]] = []
        if d.phone:
            rows.append(("Phone", d.phone, [
                self._button("call", "Call", f"Call {d.name} on {d.phone}",
                             lambda: open_link(tel_url(d.phone))),
                self._button("copy_phone", "Copy", f"Copy the phone number of {d.name}",
                             lambda: self.page.copy(d.phone, "number", personal))]))
        if d.sms:
            rows.append(("Text", d.sms, [
                self._button("text", "Send a text", f"Send a text message to {d.name}",
                             lambda: open_link(sms_url(d.sms)))]))
        if d.email and mailto_url(d.email):
            rows.append(("Email", d.email, [
                self._button("email", "Write", f"Write an email to {d.name}",
                             lambda: open_link(mailto_url(d.email))),
                self._button("copy_email", "Copy", f"Copy the email address of {d.name}",
                             lambda: self.page.copy(d.email, "email address", personal))]))
        if d.url and web_url(d.url):
            rows.append(("Website", d.url, [
                self._button("open", "Open", f"Open the website of {d.name} in your browser",
                             lambda: open_link(web_url(d.url)))]))
        if d.address:
            rows.append(("Address", d.address, [
                self._button("copy_address", "Copy", f"Copy the address of {d.name}",
                             lambda: self.page.copy(d.address, "address", personal))]))
        if d.hours:
            rows.append(("Hours", d.hours, []))
        if d.meets:
            rows.append(("Meets", d.meets, []))
        if d.schedule:
            rows.append(("When", "\n".join(slot.describe() for slot in d.schedule), [
                self._button("calendar", "Add to calendar…",
                             f"Add the meeting times of {d.name} to your calendar (saves an "
                             ".ics file)", lambda: self.page.add_to_calendar(r))]))
        if d.verified_on:
            stale = is_stale(d.verified_on, today())
            rows.append(("Last verified", d.verified_on.isoformat()
                         + (" (over a year ago; details may have changed)" if stale else ""),
                         []))
        self._grid(rows)
        if r.editable:
            actions = QHBoxLayout()
            actions.addWidget(self._button("edit", "Edit…", f"Edit {d.name}",
                                           lambda: self.page.edit_own(r)))
            actions.addWidget(self._button("delete", "Delete", f"Delete {d.name}",
                                           lambda: self.page.delete_own(r)))
            actions.addStretch(1)
            self.col.addSpacing(8)
            self.col.addLayout(actions)
        else:
            self.col.addSpacing(8)
            self.col.addWidget(_muted(_plain(
                "Details come from the campus pack; a newer pack updates them. Add your own "
                "contact for anything you want to change.", selectable=False)))
            self._pack_actions(r)
        self.col.addStretch(1)

