"""The details panel of the Resources page: everything about one resource or crisis line,
each way to reach it with its own button.

Every number, address and link is plain text (a pack is untrusted, so nothing is rendered as
HTML), and a link opens only when the student clicks its button, through the system
(ui/links.py). The panel asks the page (`DetailsHost`) to do anything that changes data.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.crisis import CrisisLine
from selfcare_app.core.formatting import format_medium_day
from selfcare_app.core.resource import (
    Resource,
    category_label,
    is_stale,
    mailto_url,
    sms_url,
    tel_url,
    web_url,
)
from selfcare_app.data import lock_help
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import _
from selfcare_app.ui.links import open_link
from selfcare_app.ui.session import VaultSession
from selfcare_app.ui.theme import set_role


class DetailsHost(Protocol):
    """What the panel asks of the Resources page."""

    @property
    def session(self) -> VaultSession: ...

    def copy(self, text: str, what: str, personal: bool) -> None: ...

    def toggle_favourite(self, resource: Resource) -> None: ...

    def edit_own(self, resource: Resource) -> None: ...

    def delete_own(self, resource: Resource) -> None: ...

    def add_to_calendar(self, resource: Resource) -> bool: ...

    def set_lock_screen(self, campus: str, show: bool) -> None: ...

    def remove_pack(self, campus: str) -> bool: ...


def plain(text: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def muted(label: QLabel) -> QLabel:
    set_role(label, "muted")
    return label



def origin_text(r: Resource) -> str:
    """"Counseling · Your own contact", "Counseling · From the X pack"."""
    if r.source == "user":
        return _("{category} · Your own contact").format(category=category_label(r.category))
    if r.pack_campus:
        return _("{category} · From the {campus} pack").format(
            category=category_label(r.category), campus=r.pack_campus)
    return _("{category} · From the campus pack").format(category=category_label(r.category))


class ResourceDetails(QWidget):
    """Everything about one resource, each contact method with its own button."""

    def __init__(self, page: DetailsHost) -> None:
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
        self.col.addWidget(muted(plain(_("Select a resource to see how to reach it."),
                                         selectable=False)))

    def _title(self, name: str, subtitle: str) -> None:
        title = plain(name)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        title.setObjectName("resourceName")
        self.col.addWidget(title)
        self.col.addWidget(muted(plain(subtitle)))

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
            head = muted(plain(label, wrap=False, selectable=False))
            grid.addWidget(head, i, 0, Qt.AlignmentFlag.AlignTop)
            cell = QVBoxLayout()
            cell.setSpacing(4)
            text = plain(value)
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
            shows = page.session.run(lambda v: lock_help.load(v.path.parent).shows(campus))
        except (VaultError, OSError):
            shows = False
        heading = _("The {campus} pack:").format(campus=campus)
        self.col.addWidget(muted(plain(heading, selectable=False)))
        locked = QCheckBox(_("Its crisis lines on the lock screen"))
        locked.setAccessibleName(_("Show {campus}'s crisis lines on the lock screen").format(
            campus=campus))
        locked.setChecked(shows)
        locked.setToolTip(_("Kept in a small file outside your encrypted vault, so the lines "
                            "work while Selfcare is locked; they show which campus you're at."))
        locked.toggled.connect(lambda on: page.set_lock_screen(campus, on))
        self.lock_screen_box = locked
        self.col.addWidget(locked)
        remove = self._button("remove_pack", _("Remove this pack…"),
                              _("Remove the {campus} pack and its resources").format(
                                  campus=campus),
                              lambda: page.remove_pack(campus))
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        self.col.addLayout(row)

    def show_line(self, line: CrisisLine, region: str) -> None:
        self._clear()
        self._title(line.name, _("{category} · built-in for {region}").format(
            category=category_label("crisis"), region=region))
        self.col.addWidget(plain(line.description))
        rows: list[tuple[str, str, list[QPushButton]]] = []
        if line.phone:
            rows.append((_("Phone"), line.phone, [
                self._button("call", _("Call"), _("Call {name} on {phone}").format(
                    name=line.name, phone=line.phone),
                             lambda: open_link(line.tel_url())),
                self._button("copy_phone", _("Copy"), _("Copy the number of {name}").format(
                    name=line.name),
                             lambda: self.page.copy(line.phone, "number", False))]))
        if line.sms:
            keyword = _("{keyword} to {number}").format(keyword=line.sms_body, number=line.sms) \
                if line.sms_body else line.sms
            rows.append((_("Text"), keyword, [
                self._button("text", _("Send a text"), _("Send a text message to {name}")
                             .format(name=line.name),
                             lambda: open_link(line.sms_url()))]))
        if line.url:
            rows.append((_("Website"), line.url, [
                self._button("open", _("Open"), _("Open the website of {name} in your browser")
                             .format(name=line.name),
                             lambda: open_link(line.url))]))
        if line.hours:
            rows.append((_("Hours"), line.hours, []))
        if line.languages:
            rows.append((_("Languages"), ", ".join(line.languages), []))
        if line.verified_on:
            rows.append((_("Last verified"), format_medium_day(line.verified_on), []))
        self._grid(rows)
        self.col.addStretch(1)

    def show_resource(self, r: Resource) -> None:
        self._clear()
        d = r.data
        self._title(d.name, origin_text(r))
        fav = self._button("favourite",
                           _("★ Favourite") if r.favourite else _("☆ Add to favourites"),
                           _("Remove from favourites") if r.favourite else
                           _("Add to favourites"),
                           lambda: self.page.toggle_favourite(r))
        fav.setCheckable(True)
        fav.setChecked(r.favourite)
        top = QHBoxLayout()
        top.addWidget(fav)
        top.addStretch(1)
        self.col.addLayout(top)
        if d.description:
            self.col.addWidget(plain(d.description))
        personal = r.source == "user"
        rows: list[tuple[str, str, list[QPushButton]]] = []
        if d.phone:
            rows.append((_("Phone"), d.phone, [
                self._button("call", _("Call"), _("Call {name} on {phone}").format(
                    name=d.name, phone=d.phone),
                             lambda: open_link(tel_url(d.phone))),
                self._button("copy_phone", _("Copy"), _("Copy the phone number of {name}")
                             .format(name=d.name),
                             lambda: self.page.copy(d.phone, "number", personal))]))
        if d.sms:
            rows.append((_("Text"), d.sms, [
                self._button("text", _("Send a text"), _("Send a text message to {name}")
                             .format(name=d.name),
                             lambda: open_link(sms_url(d.sms)))]))
        if d.email and mailto_url(d.email):
            rows.append((_("Email"), d.email, [
                self._button("email", _("Write"), _("Write an email to {name}").format(
                    name=d.name),
                             lambda: open_link(mailto_url(d.email))),
                self._button("copy_email", _("Copy"), _("Copy the email address of {name}")
                             .format(name=d.name),
                             lambda: self.page.copy(d.email, "email address", personal))]))
        if d.url and web_url(d.url):
            rows.append((_("Website"), d.url, [
                self._button("open", _("Open"), _("Open the website of {name} in your browser")
                             .format(name=d.name),
                             lambda: open_link(web_url(d.url)))]))
        if d.address:
            rows.append((_("Address"), d.address, [
                self._button("copy_address", _("Copy"), _("Copy the address of {name}").format(
                    name=d.name),
                             lambda: self.page.copy(d.address, "address", personal))]))
        if d.hours:
            rows.append((_("Hours"), d.hours, []))
        if d.meets:
            rows.append((_("Meets"), d.meets, []))
        if d.schedule:
            rows.append((_("When"), "\n".join(slot.describe() for slot in d.schedule), [
                self._button("calendar", _("Add to calendar…"),
                             _("Add the meeting times of {name} to your calendar (saves an "
                               ".ics file)").format(name=d.name),
                             lambda: self.page.add_to_calendar(r))]))
        if d.verified_on:
            stale = is_stale(d.verified_on, today())
            day = format_medium_day(d.verified_on)
            rows.append((_("Last verified"), _("{day} (over a year ago; details may have "
                                               "changed)").format(day=day) if stale else day,
                         []))
        self._grid(rows)
        if r.editable:
            actions = QHBoxLayout()
            actions.addWidget(self._button("edit", _("Edit…"), _("Edit {name}").format(
                name=d.name),
                                           lambda: self.page.edit_own(r)))
            actions.addWidget(self._button("delete", _("Delete"), _("Delete {name}").format(
                name=d.name),
                                           lambda: self.page.delete_own(r)))
            actions.addStretch(1)
            self.col.addSpacing(8)
            self.col.addLayout(actions)
        else:
            self.col.addSpacing(8)
            self.col.addWidget(muted(plain(
                _("Details come from the campus pack; a newer pack updates them. Add your own "
                  "contact for anything you want to change."), selectable=False)))
            self._pack_actions(r)
        self.col.addStretch(1)

