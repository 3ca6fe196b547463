"""Qt's own texts (standard buttons such as Close/Cancel, file dialogs, context menus) in the
app's language, from the qtbase catalogs that ship with PySide6.

Installed only when the app itself has a catalog for the language (selfcare_app.i18n), so a
window is never half in one language; English and the en@pseudo locale keep Qt's built-in
English, which the pseudo-locale then shows plainly as not translated by us.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from selfcare_app import i18n


def install_qt_translations(app: QCoreApplication,
                            language: str | None = None) -> QTranslator | None:
    """Load qtbase_<language> (falling back from pt_BR to pt) into `app`; None if not needed."""
    language = language if language is not None else i18n.language()
    if not language or language.split("@")[0].split("_")[0] == "en":
        return None
    code = language.split("@")[0].split(".")[0]
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{code}", folder):
        return None
    app.installTranslator(translator)
    return translator
