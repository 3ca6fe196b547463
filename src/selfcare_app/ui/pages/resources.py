"""Resources: crisis lines for the student's region, their campus pack, and their own contacts.

Categories on the left, a searchable list in the middle, details on the right. Every number,
address and link is plain text (a pack is untrusted, so nothing is rendered as HTML), and a link
opens only when the student clicks its button, through the system (ui/links.py).

This module is the page (categories, search, list, notices, own contacts); its parts live
beside it: the details panel (resources_details.py), the contact dialog
(ui/dialogs/contact_dialog.py), campus packs (resources_packs.py) and calendar files
(resources_calendar.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
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

from selfcare_app.core.crisis import CrisisLine, lines_for, normalize_region, region_name
from selfcare_app.core.resource import (
    CATEGORIES,
    Resource,
    category_from_text,
    category_label,
    matches,
)
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.dialogs.contact_dialog import ResourceDialog
from selfcare_app.ui.links import copy_text
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.pages.resources_calendar import CalendarNotWritten, save_calendar_file
from selfcare_app.ui.pages.resources_details import ResourceDetails, muted, origin_text, plain
from selfcare_app.ui.pages.resources_packs import PackActions, pick_pack_file
from selfcare_app.ui.session import VaultSession
from selfcare_app.ui.stale import StaleRefresh
from selfcare_app.ui.widgets.wrapping_list import WrapRows

__all__ = ["ALL", "FAVOURITES", "ResourceDialog", "ResourcesPage", "pick_pack_file"]

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


# -- the page -----------------------------------------------------------------------------


class ResourcesPage(Page):
    key = "resources"
    title = N_("Resources")
    shortcuts = (("Ctrl+F", N_("Search resources")),
                 ("Ctrl+N", N_("Add your own contact")))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self._resources: list[Resource] | None = None
        self._selected: _Shown | None = None
        self.dialog: ResourceDialog | None = None
        self.packs = PackActions(self, self)

        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        heading = QLabel("<h2>" + _("Resources") + "</h2>")
        head.addWidget(heading)
        head.addStretch(1)
        self.import_button = QPushButton(_("&Import campus pack…"))
        self.import_button.setAccessibleName(_("Import campus pack: a resource pack file"))
        self.import_button.setToolTip(_("A .json file from your counseling centre or school"))
        self.import_button.clicked.connect(self.import_pack)
        self.add_button = QPushButton(_("&Add your own…"))
        self.add_button.setAccessibleName(_("Add your own contact"))
        self.add_button.setToolTip(_("Add a contact of your own (Ctrl+N)"))
        self.add_button.clicked.connect(self.add_own)
        from selfcare_app.ui.dialogs.people_dialog import people_button

        self.people_button = people_button(self, host.session)  # My people (core/people.py)
        head.addWidget(self.people_button)
        head.addWidget(self.import_button)
        head.addWidget(self.add_button)
        outer.addLayout(head)
        intro = muted(plain(_("People and services you can reach out to. Favourites are "
                              "kept at hand; numbers and links open only when you click "
                              "them."), selectable=False))
        outer.addWidget(intro)

        self.notice = QFrame()
        self.notice.setObjectName("resourcesNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice_col = QVBoxLayout(self.notice)
        notice_row = QHBoxLayout()
        self.notice_text = plain()
        self.notice_close = QPushButton(_("Dis&miss"))
        self.notice_close.setAccessibleName(_("Dismiss this message"))
        self.notice_close.clicked.connect(self.notice.hide)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        notice_col.addLayout(notice_row)
        self.notice_details = QPlainTextEdit()
        self.notice_details.setReadOnly(True)
        self.notice_details.setAccessibleName(_("Problems found in the pack"))
        self.notice_details.setMaximumHeight(140)
        notice_col.addWidget(self.notice_details)
        self.notice.hide()
        outer.addWidget(self.notice)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names, services, times, places…"))
        self.search.setAccessibleName(_("Search resources"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh_list())
        outer.addWidget(self.search)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.categories = QListWidget()
        self.categories.setAccessibleName(_("Categories"))
        self.categories.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.categories.currentRowChanged.connect(lambda _r: self.refresh_list())
        self.list = QListWidget()
        self.list.setAccessibleName(_("Resources in this category"))
        self.list.setMinimumWidth(170)
        self.list.setSpacing(2)
        self._wrap_rows = WrapRows(self.list)  # long names wrap, no sideways scrolling
        self.list.currentRowChanged.connect(self._on_row)
        self.empty = muted(plain(selectable=False))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        middle = QWidget()
        middle_col = QVBoxLayout(middle)
        middle_col.setContentsMargins(0, 0, 0, 0)
        middle_col.addWidget(self.list, 1)
        middle_col.addWidget(self.empty)
        self.details = ResourceDetails(self)
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
        # Reloaded when shown (activate) after a change, at once if it comes while shown.
        self.freshness = StaleRefresh(self, host.session.changed, ("resources", "settings"),
                                      self.reload, on_show=False)
        self._fill_categories()

    # -- Page --------------------------------------------------------------------------

    def first_focus(self) -> QWidget:
        return self.search

    def activate(self) -> None:
        self.freshness.refresh_if_stale()

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
    def session(self) -> VaultSession:
        return self.host.session

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
        rows = [(ALL, _("All resources"), sum(counts.values())),
                (FAVOURITES, _("★ Favourites"), favourites)]
        rows += [(c, category_label(c), counts[c]) for c in CATEGORIES]
        self.categories.blockSignals(True)
        self.categories.clear()
        for code, label, count in rows:
            item = QListWidgetItem(f"{label}  ({count})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, ngettext(
                "{category}, {n} resource", "{category}, {n} resources", count).format(
                category=label, n=count))
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
        text = ("★ " if r.favourite else "") + r.name + (
            "  " + _("(yours)") if r.source == "user" else "")
        # Meeting times show in the list itself, so a group's evening is visible at a glance.
        return "\n".join([text, *(f"    {slot.describe()}" for slot in r.data.schedule)])

    def _item_tip(self, shown: _Shown) -> str:
        if shown.line is not None:
            return _("Built-in crisis line for {region}").format(
                region=region_name(self.region))
        assert shown.resource is not None
        return origin_text(shown.resource)

    def _show_empty(self, rows: list[_Shown], category: str) -> None:
        if rows:
            self.empty.hide()
            return
        if self.search.text().strip():
            text = _("Nothing matches your search in this category.")
        elif category == FAVOURITES:
            text = _("No favourites yet. Select a resource and choose “Add to favourites”.")
        elif not self.resources():
            text = _("No campus resources yet. Import the pack your counseling centre or "
                     "school provides, or add your own contacts.")
        else:
            text = _("Nothing in this category yet. You can add your own contact.")
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

    def hide_notice(self) -> None:
        self.notice.hide()

    def show_status(self, message: str, ms: int = 4000) -> None:
        self.host.show_status(message, ms)

    def toggle_favourite(self, resource: Resource) -> None:
        rid, fav = resource.id, not resource.favourite
        try:
            self.host.session.run(lambda v: v.resources.set_favourite(rid, fav))
        except (VaultError, LookupError) as exc:
            self.show_notice(str(exc))
            return
        self._after_change(rid)
        self.host.show_status(_("Added to favourites.") if fav else
                              _("Removed from favourites."))

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
            self.show_notice(_("Couldn't save “{name}”: {error}").format(name=data.name,
                                                                         error=exc))
            return
        if self.current_category() not in (ALL, saved.category):
            self.select_category(saved.category)
        self._after_change(saved.id)
        self.host.show_status(_("Saved “{name}”.").format(name=saved.name))

    def delete_own(self, resource: Resource) -> None:
        if not resource.editable:
            return
        answer = QMessageBox.question(
            self, _("Delete contact"), _("Delete “{name}” from your resources?").format(
                name=resource.name),
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
        self.host.show_status(_("Deleted “{name}”.").format(name=resource.name))

    def _after_change(self, select_id: int | None) -> None:
        self.reload()
        if select_id is not None:
            self.select_resource(select_id)
        self.host.session.notify("resources")

    def copy(self, text: str, what: str, personal: bool) -> None:
        """Copy a "number", "email address" or "address"; personal text is cleared later."""
        copy_text(text, CLEAR_PERSONAL_COPY_MS if personal else 0)
        copied = {"number": _("Copied the number."),
                  "email address": _("Copied the email address."),
                  "address": _("Copied the address.")}.get(what, _("Copied."))
        if personal:
            copied += " " + _("It will be cleared from the clipboard in 10 seconds.")
        self.host.show_status(copied)

    # -- campus packs and calendar files (resources_packs.py, resources_calendar.py) ------

    def import_pack(self) -> None:
        self.packs.import_pack()

    def import_pack_file(self, path: Path) -> bool:
        """Validate, preview every change, confirm, import. True if anything was imported."""
        return self.packs.import_pack_file(path)

    def set_lock_screen(self, campus: str, show: bool) -> None:
        self.packs.set_lock_screen(campus, show)

    def remove_pack(self, campus: str) -> bool:
        return self.packs.remove_pack(campus)

    def packs_changed(self) -> None:
        self._selected = None
        self._after_change(None)

    def add_to_calendar(self, resource: Resource) -> bool:
        """Write the resource's meeting times to an .ics file the student picks (offline)."""
        try:
            path = save_calendar_file(self, resource)
        except CalendarNotWritten as exc:
            self.show_notice(str(exc))
            return False
        if path is None:
            return False
        self.host.show_status(_("Saved {file}; open it with your calendar app to add "
                                "{name}.").format(file=path.name, name=resource.name), 8000)
        return True


def _same(a: _Shown, b: _Shown) -> bool:
    if a.resource is not None and b.resource is not None:
        return a.resource.id == b.resource.id
    return a.line is not None and b.line is not None and a.line.name == b.line.name
