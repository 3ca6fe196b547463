"""Add a group's meeting times to the student's calendar: an .ics file they choose, written
atomically and offline (core.calendar builds it; nothing is sent anywhere)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from selfcare_app.core.resource import Resource
from selfcare_app.i18n import _
from selfcare_app.ui.dialogs.file_choice import ask_save_path


class CalendarNotWritten(Exception):
    """The file could not be written; the message says why, for the page's notice."""


def save_calendar_file(parent: QWidget, resource: Resource) -> Path | None:
    """Ask where, then write the resource's meeting times; None if the student cancelled."""
    from selfcare_app.atomic import atomic_write
    from selfcare_app.clock import now
    from selfcare_app.core.calendar import calendar_file_name, resource_calendar

    path = ask_save_path(parent, _("Add to calendar"), calendar_file_name(resource.name),
                         _("Calendar files (*.ics)"))
    if path is None:
        return None
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    try:
        atomic_write(path, resource_calendar(resource, now()))
    except OSError as exc:
        raise CalendarNotWritten(_("The calendar file was not written: {error}").format(
            error=exc.strerror or exc)) from None
    return path
