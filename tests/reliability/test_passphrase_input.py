"""Issue 13: the CLI takes exactly the passphrases the app's field takes, refuses a
confirmation that differs, and answers invalid UTF-8 with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import run_cli
from tests.reliability.conftest import child_env


def _cli_bytes(data: Path, stdin: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "selfcare_app", "--data-dir", str(data), *args],
                          input=stdin, capture_output=True, env=child_env(), timeout=120)


def test_init_refuses_a_confirmation_that_differs(tmp_path: Path) -> None:
    r = run_cli(tmp_path / "d", "init", stdin="violet lantern 93 orbit\nviolet lantern 93 orbi\n")
    assert r.code == 2 and "don't match" in r.err
    assert not (tmp_path / "d" / "vault.db").exists()


def test_common_pattern_passphrases_are_refused_by_init(tmp_path: Path) -> None:
    for weak in ("iloveyou12345", "Jennifer1990!", "Qwerty123456!", "Summer2026!!"):
        r = run_cli(tmp_path / "d", "init", stdin=f"{weak}\n{weak}\n")
        assert r.code == 2 and "Passphrase not accepted" in r.err, weak
    assert not (tmp_path / "d" / "vault.db").exists()


def test_stdin_is_split_on_newline_only(tmp_path: Path) -> None:
    data = tmp_path / "d"
    odd = "violet\u2028lantern\x85orbit\x0c93 tide"  # one passphrase, as the app's field takes it
    r = run_cli(data, "init", stdin=f"{odd}\n{odd}\n")
    assert r.code == 0, r.err
    assert run_cli(data, "show", stdin=f"{odd}\n").code == 0
    assert run_cli(data, "show", stdin="violet\n").code == 3


def test_invalid_utf8_gets_one_line(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert run_cli(data, "init", stdin="violet lantern 93 orbit\n").code == 0
    r = _cli_bytes(data, b"violet \xff\xfe lantern\n", "show")
    err = r.stderr.decode()
    assert r.returncode == 2 and "not valid UTF-8" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_same_maximum_length_as_the_apps_field(tmp_path: Path, qtbot: object) -> None:
    from PySide6.QtWidgets import QLineEdit

    from selfcare_app.core.passphrase import MAX_LENGTH

    assert QLineEdit().maxLength() == MAX_LENGTH  # the app's passphrase fields
    data = tmp_path / "d"
    assert run_cli(data, "init", stdin="violet lantern 93 orbit\n").code == 0
    r = run_cli(data, "show", stdin="x" * (MAX_LENGTH + 1) + "\n")
    assert r.code == 2 and "longer than" in r.err
