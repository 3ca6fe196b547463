"""Help → About (version, self-check attributions, licences) and Help → Privacy (what is stored,
where, and what never leaves this computer). Both work locked: they hold no personal data."""

from __future__ import annotations

from html import escape
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import APP_ID, APP_NAME, __version__, autostart
from selfcare_app.core.instruments import load_instruments
from selfcare_app.i18n import _
from selfcare_app.paths import AppPaths
from selfcare_app.ui.links import open_link
from selfcare_app.ui.lock_screen import NOT_A_DIAGNOSIS, PRIVACY_PROMISE


def _browser(html: str, name: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setOpenLinks(False)  # links go to the system browser only when clicked
    view.anchorClicked.connect(lambda url: open_link(url.toString()))
    view.setHtml(html)
    view.setAccessibleName(name)
    return view


def about_html() -> str:
    return (
        f"<h2>{APP_NAME} {__version__}</h2>"
        "<p>" + escape(_("A private, encrypted diary that helps students notice burnout early "
                         "and look after themselves.")) + "</p>"
        f"<p>{escape(_(NOT_A_DIAGNOSIS))}</p>"
        "<p>" + _("Free software under the MIT licence. App id: <code>{app_id}</code>.").format(
            app_id=APP_ID) + "</p>"
        "<p>" + escape(_("Charts use the Okabe–Ito colours, chosen to stay distinguishable with "
                         "common kinds of colour blindness. Text is set in DejaVu Sans.")) + "</p>"
    )


def instruments_html() -> str:
    parts = ["<h3>" + escape(_("Self-checks and their sources")) + "</h3><p>"
             + escape(_("Each self-check is shown as published. Scores describe how the last "
                        "weeks have been; they are not a diagnosis.")) + "</p>"]
    link = escape(_("link"))
    licence = escape(_("Licence:"))
    for instrument in sorted(load_instruments().values(), key=lambda i: i.order):
        sources = "".join(
            f"<li>{escape(s.citation)} <a href='{escape(s.url)}'>{link}</a></li>"
            for s in instrument.sources)
        parts.append(
            f"<h4>{escape(instrument.name)}</h4>"
            f"<p>{escape(instrument.attribution)}<br><i>{licence}</i> "
            f"{escape(instrument.licence)}</p><ul>{sources}</ul>")
    return "".join(parts)


def third_party_text() -> str:
    folder = resources.files("selfcare_app.resources")
    text = folder.joinpath("licenses", "third-party.txt").read_text(encoding="utf-8")
    fonts = folder.joinpath("fonts", "LICENSE_DEJAVU").read_text(encoding="utf-8")
    return f"{text}\n{'=' * 72}\nDejaVu fonts\n{'=' * 72}\n{fonts}"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = _("About {app}").format(app=APP_NAME)
        self.setWindowTitle(title)
        self.resize(760, 620)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("About sections"))
        self.tabs.addTab(_browser(about_html(), title), _("&About"))
        self.tabs.addTab(_browser(instruments_html(), _("Self-check attributions")),
                         _("&Self-checks"))
        licences = QPlainTextEdit(third_party_text())
        licences.setReadOnly(True)
        licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        licences.setAccessibleName(_("Third-party licences"))
        self.tabs.addTab(licences, _("&Licences"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _item(text: str, path: Path | None = None) -> str:
    """One list item: translated text (escaped) with an optional `{path}` shown as code."""
    code = f"<code>{escape(str(path))}</code>" if path is not None else ""
    return "<li>" + escape(text).format(path=code, app=escape(APP_NAME)) + "</li>"


def privacy_html(paths: AppPaths, login_entry: Path | None) -> str:
    def heading(text: str) -> str:
        return f"<h3>{escape(text)}</h3>"

    login = (_item(_("{path}: starts {app} at login (you turned this on in Preferences; it "
                     "holds no data)."), login_entry)
             if login_entry is not None else "")
    return "".join([
        f"<h2>{escape(_('Privacy'))}</h2>",
        f"<p>{escape(_(PRIVACY_PROMISE))}</p>",
        heading(_("What is stored")),
        "<ul>",
        _item(_("Your daily check-ins (stress, sleep, study hours, mood, energy, time with "
                "people, tags, notes), self-check answers and scores, what the app noticed and "
                "what you did with it, quiet periods, resources and favourites, and your "
                "settings.")),
        _item(_("All of it is in one encrypted file, opened only by your passphrase (SQLCipher "
                "4: AES-256, pages authenticated with HMAC-SHA512, the key derived with "
                "PBKDF2-HMAC-SHA512 at 256,000 rounds). Without the passphrase nobody, "
                "including us, can read it or recover it.")),
        "</ul>",
        heading(_("Where")),
        "<ul>",
        _item(_("{path}: your encrypted vault."), paths.vault),
        _item(_("{path}: encrypted backups (the same passphrase opens them)."), paths.backups),
        _item(_("{path}: window size, appearance and reminder time, kept outside the vault "
                "because the lock screen and the reminder need them. Nothing you wrote."),
              paths.ui_settings),
        _item(_("{path}: a font cache for the charts. Nothing you wrote."), paths.cache_dir),
        _item(_("{path}: the region you chose for crisis lines and, only if you said yes when "
                "importing a campus pack, its public crisis numbers, so Get help now and the "
                "lock screen show them while locked. Nothing you wrote."),
              paths.data_dir / "lock-help.json"),
        login,
        "</ul>",
        heading(_("What never leaves this computer")),
        "<ul>",
        _item(_("{app} never opens a network connection: no account, no sync, no analytics, no "
                "crash reports, no logs of what you enter. A link or phone number opens in your "
                "system only when you click it.")),
        _item(_("Reminders say only that it's time for a check-in, never anything about you.")),
        _item(_("While locked, nothing you logged is shown or kept on screen; the app locks "
                "itself after a few minutes without use.")),
        "</ul>",
        heading(_("What you choose to share")),
        "<ul>",
        _item(_("A counselor summary (PDF) or an export (JSON/CSV) is a readable file you choose "
                "to save. It is not encrypted: keep it somewhere safe and delete it when you no "
                "longer need it. Notes go into a summary only when you pick them one by one; a "
                "full export includes them.")),
        _item(_("Settings → Delete everything removes the vault, its backups, these settings "
                "and the login entry.")),
        "</ul>",
    ])


class PrivacyDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Privacy"))
        self.resize(760, 620)
        login = autostart.autostart_file() if autostart.is_enabled() else None
        self.view = _browser(privacy_html(paths, login), _("Privacy: what is stored and where"))
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
