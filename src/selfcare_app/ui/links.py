"""Opening links and copying numbers: only ever on an explicit click, through the system."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel", "sms")


def open_link(url: str) -> bool:
    """Hand a link to the system (browser, dialler, mail app). The app itself fetches nothing."""
    qurl = QUrl(url)
    if not qurl.isValid() or qurl.scheme().lower() not in ALLOWED_SCHEMES:
        return False
    return QDesktopServices.openUrl(qurl)


def copy_text(text: str, clear_after_ms: int = 0) -> None:
    """Copy to the clipboard; personal text can be cleared again after a delay."""
    clipboard = QGuiApplication.clipboard()
    # setText, not a Python-made QMimeData: the clipboard owns its data, and a wrapper that
    # Python also believes it owns is freed twice at exit (a crash seen offscreen).
    clipboard.setText(text)
    if clear_after_ms:
        def clear() -> None:
            if clipboard.text() == text:
                clipboard.clear()

        QTimer.singleShot(clear_after_ms, clear)
