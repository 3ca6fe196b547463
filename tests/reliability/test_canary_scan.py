"""No plaintext at rest (SECURITY.md §b9) and no network (§b11), for a CLI session.

The session runs with HOME, XDG_* and TMPDIR inside a sandbox and the data folder in its
default place (platformdirs under XDG_DATA_HOME). Afterwards every file in the sandbox is
scanned for the canaries in UTF-8, UTF-16 (LE/BE) and base64, and every file name too.
The GUI session (widgets, file dialog, charts) is added once the desktop app exists.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO, run_child

PASSPHRASE = "sandbox passphrase 2024 ✓"
NEW_PASSPHRASE = "sandbox passphrase 2025 ✓✓"
CANARIES = ("canaryascii4417", "канарейка4417", "🐤canary4417🐤", "tagcanary4417",
            "usbcanary4417")
CHOSEN_FOLDER = "usbcanary4417"  # a folder name the student picks: only its own name may match


def _needles(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    out = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for pad in range(3):  # base64 of the canary at each alignment, minus the unstable edges
        encoded = base64.b64encode(b"\0" * pad + raw)
        out.append(encoded[4:-4])
    return out


@dataclass
class Scan:
    files: int
    bytes: int
    hits: list[str]


def scan(root: Path, allowed_names: tuple[str, ...] = ()) -> Scan:
    needles = [(c, n) for c in CANARIES for n in _needles(c)]
    hits: list[str] = []
    files = total = 0
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        for part in rel.parts:
            if part not in allowed_names and any(c in part for c in CANARIES):
                hits.append(f"name: {rel}")
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            files += 1
            total += len(data)
            hits += [f"{rel}: {c!r}" for c, n in needles if n in data]
    return Scan(files, total, sorted(set(hits)))


def test_scanner_finds_each_encoding(tmp_path: Path) -> None:
    """The scan itself must work, or a clean result means nothing."""
    for i, encode in enumerate((lambda s: s.encode("utf-16-le"),
                                lambda s: base64.b64encode(b"xy" + s.encode()),
                                lambda s: s.encode())):
        (tmp_path / f"f{i}").write_bytes(b"prefix" + encode(CANARIES[1]) + b"suffix")
    (tmp_path / f"name-{CANARIES[0]}").write_bytes(b"")
    assert len(scan(tmp_path).hits) == 4


def _sandbox(root: Path) -> dict[str, str]:
    home = root / "home"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SELFCARE_", "XDG_")) and k not in ("HOME", "TMPDIR")}
    env.update(HOME=str(home), TMPDIR=str(root / "tmp"), PYTHONDONTWRITEBYTECODE="1",
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local/state"),
               MPLCONFIGDIR=str(home / ".cache/matplotlib"),
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for key in ("HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                "XDG_STATE_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    return env


def _cli(env: dict[str, str], *args: str, stdin: str,
         prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "selfcare_app", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


def _session(root: Path, prefix: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """init, log canaries, show, backup, passwd, restore from a chosen folder, check."""
    env = _sandbox(root)
    p1, p2 = PASSPHRASE + "\n", NEW_PASSPHRASE + "\n"
    steps: list[tuple[tuple[str, ...], str]] = [
        (("init",), p1 + p1),
        (("log", "--day", "2024-05-01", "--stress", "6", "--note", CANARIES[0]), p1),
        (("log", "--day", "2024-05-02", "--mood", "3", "--note", CANARIES[1]), p1),
        (("log", "--day", "2024-05-03", "--note", CANARIES[2], "--tag", CANARIES[3]), p1),
        (("show", "--format", "csv"), p1),
        (("backup",), p1),
        (("passwd",), p1 + p2),
        (("backups",), ""),
        (("check",), p2),
    ]
    results = []
    for args, stdin in steps:
        proc = _cli(env, *args, stdin=stdin, prefix=prefix)
        results.append((proc.returncode, proc.stdout if args[0] == "show" else ""))
        assert proc.returncode == 0, (args, proc.stderr)
    shown = results[4][1]
    assert all(c in shown for c in CANARIES[:4])  # the data really went in
    data = Path(env["XDG_DATA_HOME"]) / "selfcare-app"
    chosen = root / "home" / CHOSEN_FOLDER
    chosen.mkdir()
    backup = next((data / "backups").glob("vault-*.db"))
    shutil.copyfile(backup, chosen / "copy.db")
    proc = _cli(env, "restore", str(chosen / "copy.db"), stdin=p2, prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    results.append((proc.returncode, ""))
    return results


@pytest.fixture(scope="module")
def normal_session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path,
                                                                      list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("sandbox")
    return root, _session(root)


def test_cli_session_leaves_no_plaintext_canary(
        normal_session: tuple[Path, list[tuple[int, str]]],
        report: Callable[[str], None]) -> None:
    tmp_path = normal_session[0]
    vault = tmp_path / "home/.local/share/selfcare-app/vault.db"
    assert vault.exists()
    # SIGKILL mid-write with canary text, leaving a hot WAL behind.
    run_child("writer", str(vault), NEW_PASSPHRASE, "9", "30", CANARIES[0], kill_after=0.4)
    assert Path(f"{vault}-wal").exists()
    result = scan(tmp_path, allowed_names=(CHOSEN_FOLDER,))
    report(f"canaries={len(CANARIES)} encodings=utf8,utf16le,utf16be,base64,names "
           f"files={result.files} bytes={result.bytes} hits={len(result.hits)}")
    assert result.files >= 4
    assert result.hits == []


def _unshare_works() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -rn is not allowed here: {probe.stderr.strip()[:100]}"
    return None


@pytest.mark.skipif(_unshare_works() is not None, reason=str(_unshare_works()))
def test_cli_session_is_identical_without_a_network(
        tmp_path: Path, normal_session: tuple[Path, list[tuple[int, str]]],
        report: Callable[[str], None]) -> None:
    """In a user + network namespace there is no interface but loopback (down): any attempt
    to reach the internet would fail and change the results."""
    links = subprocess.run(["unshare", "-rn", "cat", "/proc/net/dev"], capture_output=True,
                           text=True)
    interfaces = [line.split(":")[0].strip() for line in links.stdout.splitlines()[2:]]
    assert interfaces == ["lo"]
    normal = normal_session[1]
    isolated = _session(tmp_path / "isolated", prefix=("unshare", "-rn"))
    assert isolated == normal
    report(f"steps={len(normal)} identical={len(normal)} namespace_interfaces={interfaces}")
