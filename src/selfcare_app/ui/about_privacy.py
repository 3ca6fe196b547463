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
        "<p>A private, encrypted diary that helps students notice burnout early and look after "
        "themselves.</p>"
        f"<p>{escape(NOT_A_DIAGNOSIS)}</p>"
        "<p>Free software under the MIT licence. App id: "
        f"<code>{APP_ID}</code>.</p>"
        "<p>Charts use the Okabe–Ito colours, chosen to stay distinguishable with common kinds "
        "of colour blindness. Text is set in DejaVu Sans.</p>"
    )


def instruments_html() -> str:
    parts = ["<h3>Self-checks and their sources</h3><p>Each self-check is shown as published. "
             "Scores describe how the last weeks have been; they are not a diagnosis.</p>"]
    for instrument in sorted(load_instruments().values(), key=lambda i: i.order):
        sources = "".join(
            f"<li>{escape(s.citation)} <a href='{escape(s.url)}'>link</a></li>"
            for s in instrument.sources)
        parts.append(
            f"<h4>{escape(instrument.name)}</h4>"
            f"<p>{escape(instrument.attribution)}<br><i>Licence:</i> "
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
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(760, 620)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("About sections")
        self.tabs.addTab(_browser(about_html(), f"About {APP_NAME}"), "&About")
        self.tabs.addTab(_browser(instruments_html(), "Self-check attributions"),
                         "&Self-checks")
        licences = QPlainTextEdit(third_party_text())
        licences.setReadOnly(True)
        licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        licences.setAccessibleName("Third-party licences")
        self.tabs.addTab(licences, "&Licences")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def privacy_html(paths: AppPaths, login_entry: Path | None) -> str:
    login = (f"<li><code>{escape(str(login_entry))}</code>: starts {APP_NAME} at login "
             "(you turned this on in Preferences; it holds no data).</li>"
             if login_entry is not None else "")
    return f"""
<h2>Privacy</h2>
<p>{escape(PRIVACY_PROMISE)}</p>
<h3>What is stored</h3>
<ul>
<li>Your daily check-ins (stress, sleep, study hours, mood, energy, time with people, tags, notes),
self-check answers and scores, what the app noticed and what you did with it, quiet periods,
resources and favourites, and your settings.</li>
<li>All of it is in one encrypted file, opened only by your passphrase (SQLCipher 4: AES-256,
pages authenticated with HMAC-SHA512, the key derived with PBKDF2-HMAC-SHA512 at 256,000
rounds). Without the passphrase nobody, including us, can read it or recover it.</li>
</ul>
<h3>Where</h3>
<ul>
<li><code>{escape(str(paths.vault))}</code>: your encrypted vault.</li>
<li><code>{escape(str(paths.backups))}</code>: encrypted backups (the same passphrase opens
them).</li>
<li><code>{escape(str(paths.ui_settings))}</code>: window size, appearance and reminder time,
kept outside the vault because the lock screen and the reminder need them. Nothing you wrote.</li>
<li><code>{escape(str(paths.cache_dir))}</code>: a font cache for the charts. Nothing you
wrote.</li>
<li><code>{escape(str(paths.data_dir / "lock-help.json"))}</code>: the region you chose for crisis
lines and, only if you said yes when importing a campus pack, its public crisis numbers, so Get
help now and the lock screen show them while locked. Nothing you wrote.</li>
{login}
</ul>
<h3>What never leaves this computer</h3>
<ul>
<li>{APP_NAME} never opens a network connection: no account, no sync, no analytics, no crash
reports, no logs of what you enter. A link or phone number opens in your system only when you
click it.</li>
<li>Reminders say only that it's time for a check-in, never anything about you.</li>
<li>While locked, nothing you logged is shown or kept on screen; the app locks itself after a
few minutes without use.</li>
</ul>
<h3>What you choose to share</h3>
<ul>
<li>A counselor summary (PDF) or an export (JSON/CSV) is a readable file you choose to save.
It is not encrypted: keep it somewhere safe and delete it when you no longer need it.
Notes go into a summary only when you pick them one by one; a full export includes them.</li>
<li>Settings → Delete everything removes the vault, its backups, these settings and the login
entry.</li>
</ul>
"""


class PrivacyDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Privacy")
        self.resize(760, 620)
        login = autostart.autostart_file() if autostart.is_enabled() else None
        self.view = _browser(privacy_html(paths, login), "Privacy: what is stored and where")
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
