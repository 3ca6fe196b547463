"""Campus packs on the Resources page: import (validate, preview every change, confirm),
remove, and whether a pack's crisis lines show on the lock screen.

A pack is untrusted: it is read by core.resource_pack (through core.strict_reader) and
nothing is imported unless every check passes. The problem lines are the ones
`selfcare-app import` prints. `PackActions` asks the page (`PackHost`) to show what happened.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from selfcare_app.clock import today
from selfcare_app.core.resource import Resource
from selfcare_app.core.resource_pack import PackInvalid, load_pack
from selfcare_app.data import lock_help
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.dialogs.file_choice import ask_open_path
from selfcare_app.ui.session import VaultSession

Yes, No, Cancel = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Cancel)
LOCK_SCREEN_QUESTION = N_(
    "Show my campus's crisis lines on the lock screen?\n\nThey'd also show in Get help now "
    "while Selfcare is locked. The numbers are public, but they show which campus you're at, so "
    "they are kept in a small file outside your encrypted vault only if you choose Yes. You can "
    "change this under Resources.")
MAX_PREVIEW_LINES = 30


class PackHost(Protocol):
    """What pack actions ask of the Resources page."""

    @property
    def session(self) -> VaultSession: ...

    def resources(self) -> list[Resource]: ...

    def show_notice(self, text: str, details: list[str] | None = None) -> None: ...

    def hide_notice(self) -> None: ...

    def show_status(self, message: str, ms: int = 4000) -> None: ...

    def packs_changed(self) -> None: ...


def pick_pack_file(parent: QWidget) -> Path | None:
    """Ask for a pack file; the shared helper forgets where the student looked."""
    return ask_open_path(parent, _("Import a campus resource pack"),
                         _("Resource packs (*.json);;All files (*)"))


def change_text(preview: Any) -> str:
    """Every change by name (the lines `import --dry-run` prints), shortened for a message box;
    the full list stays on the page after the import."""
    lines = preview.lines()
    if not lines:
        return ""
    if len(lines) > MAX_PREVIEW_LINES:
        more = len(lines) - MAX_PREVIEW_LINES
        lines = [*lines[:MAX_PREVIEW_LINES], ngettext(
            "… and {n} more line, listed on the Resources page after the import.",
            "… and {n} more lines, listed on the Resources page after the import.",
            more).format(n=more)]
    return "\n".join(lines) + "\n\n"


def favourites_text(names: list[str]) -> str:
    listed = "\n".join(f"• {name}" for name in names)
    return ngettext(
        "The new pack no longer lists this favourite of yours:\n{listed}\n\nKeep it as your "
        "own contact? (No removes it with the pack.)",
        "The new pack no longer lists these favourites of yours:\n{listed}\n\nKeep them as "
        "your own contacts? (No removes them with the pack.)", len(names)).format(listed=listed)


def _first_count(n: int, kind: str) -> str:
    """The first count names what is counted: "19 resources to add"."""
    if kind == "added":
        return ngettext("{n} resource to add", "{n} resources to add", n).format(n=n)
    if kind == "changed":
        return ngettext("{n} resource to update", "{n} resources to update", n).format(n=n)
    if kind == "removed":
        return ngettext("{n} resource to remove", "{n} resources to remove", n).format(n=n)
    return ngettext("{n} resource re-checked", "{n} resources re-checked", n).format(n=n)


def _next_count(n: int, kind: str) -> str:
    """Later counts leave it out: ", 18 to remove"."""
    return {"added": _("{n} to add"), "changed": _("{n} to update"),
            "removed": _("{n} to remove"), "rechecked": _("{n} re-checked")}[kind].format(n=n)


def preview_text(preview: Any) -> str:
    """'The X pack of 2026-09-01.\n19 resources to add.' in plain words."""
    counts = [(len(preview.added), "added"), (len(preview.changed), "changed"),
              (len(preview.removed), "removed"), (len(preview.rechecked), "rechecked")]
    parts = [(n, kind) for n, kind in counts if n]
    if preview.status == "updated":
        head = _("The {campus} pack of {updated} (yours is from {previous}).").format(
            campus=preview.campus, updated=preview.updated.isoformat(),
            previous=preview.previous.isoformat())
    else:
        head = _("The {campus} pack of {updated}.").format(
            campus=preview.campus, updated=preview.updated.isoformat())
    if not parts:
        return head + "\n" + _("Nothing changes.")
    (n, kind), rest = parts[0], parts[1:]
    words = [_first_count(n, kind), *(_next_count(m, k) for m, k in rest)]
    return head + "\n" + ", ".join(words) + "."


class PackActions:
    """Import, remove and lock-screen choices for campus packs, for one Resources page."""

    def __init__(self, parent: QWidget, host: PackHost) -> None:
        self.parent = parent
        self.host = host

    def import_pack(self) -> None:
        path = pick_pack_file(self.parent)
        if path is not None:
            self.import_pack_file(path)

    def import_pack_file(self, path: Path) -> bool:
        """Validate, preview every change, confirm, import. True if anything was imported."""
        from selfcare_app.data.resources import OlderPackError

        host, session = self.host, self.host.session
        host.hide_notice()
        try:
            pack = load_pack(path, today() + timedelta(days=1))
        except PackInvalid as exc:
            # The same problem lines (and hints) as `selfcare-app import` prints.
            host.show_notice(_("“{name}” can't be imported: {problems}").format(
                name=path.name, problems=exc), exc.lines())
            return False
        try:
            preview = session.run(lambda v: v.resources.import_pack(pack, True))
            shown = session.run(lambda v: lock_help.load(v.path.parent).shows(preview.campus))
        except (OlderPackError, VaultError) as exc:
            host.show_notice(str(exc))
            return False
        if preview.status == "same" and preview.total_changes == 0 and not preview.rechecked:
            host.show_notice(preview.summary())
            return False
        answer = QMessageBox.question(
            self.parent, _("Import campus pack"),
            _("{preview}\n\n{changes}Your own contacts are kept. Import it?").format(
                preview=preview_text(preview), changes=change_text(preview)),
            Yes | No,
            # A likely typo in the campus name: Enter shouldn't list every entry twice.
            No if preview.clash else Yes)
        if answer != Yes:
            return False
        keep = False
        if preview.removed_favourites:
            keep_answer = QMessageBox.question(
                self.parent, _("Favourites not in the new pack"),
                favourites_text(preview.removed_favourites), Yes | No | Cancel, Yes)
            if keep_answer == Cancel:
                return False
            keep = keep_answer == Yes
        show_locked = shown
        if preview.crisis and not shown:
            show_locked = QMessageBox.question(
                self.parent, _("Crisis lines while locked"), _(LOCK_SCREEN_QUESTION), Yes | No,
                No) == Yes
        try:
            result = session.run(lambda v: v.resources.import_pack(pack, False, keep))
        except (OlderPackError, VaultError, OSError) as exc:
            host.show_notice(str(exc))
            return False
        summary = result.summary()
        try:
            campus = result.campus
            session.run(lambda v: v.resources.set_lock_screen(campus, show_locked))
        except (VaultError, OSError) as exc:
            summary += " " + _("The lock-screen copy of its crisis lines was not saved: "
                               "{error}").format(error=exc)
        host.show_notice(summary, result.lines())
        host.packs_changed()
        return True

    def set_lock_screen(self, campus: str, show: bool) -> None:
        try:
            self.host.session.run(lambda v: v.resources.set_lock_screen(campus, show))
        except (VaultError, OSError) as exc:
            self.host.show_notice(_("The lock-screen choice was not saved: {error}").format(
                error=exc))
            return
        self.host.show_status(
            (_("{campus}'s crisis lines will show on the lock screen.") if show else
             _("{campus}'s crisis lines will no longer show on the lock screen.")).format(
                campus=campus))

    def remove_pack(self, campus: str) -> bool:
        """Remove a campus pack (its entries, not the student's own) after asking."""
        resources = self.host.resources()
        favourites = [r.name for r in resources if r.favourite and r.pack_campus == campus]
        count = sum(1 for r in resources if r.pack_campus == campus)
        text = ngettext(
            "Remove the {campus} pack and its {n} resource? Your own contacts are kept. You "
            "can import the pack again later.",
            "Remove the {campus} pack and its {n} resources? Your own contacts are kept. You "
            "can import the pack again later.", count).format(campus=campus, n=count)
        if favourites:
            text += "\n\n" + ngettext("This favourite goes with it:",
                                      "These favourites go with it:", len(favourites)) \
                + "\n" + "\n".join(f"• {n}" for n in favourites)
        if QMessageBox.question(self.parent, _("Remove campus pack"), text, Yes | No,
                                No) != Yes:
            return False
        try:
            removed = self.host.session.run(lambda v: v.resources.remove_pack(campus))
        except (VaultError, OSError) as exc:
            self.host.show_notice(str(exc))
            return False
        self.host.packs_changed()
        self.host.show_status(ngettext("Removed the {campus} pack ({n} resource).",
                                       "Removed the {campus} pack ({n} resources).",
                                       removed).format(campus=campus, n=removed))
        return True
