"""Test-wide setup: offscreen Qt, no real user folders, no network, a vault in tmp_path."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_API"] = "pyside6"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own HOME, XDG folders and data folder; real ones are never touched."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("MPLCONFIGDIR", str(home / ".cache" / "matplotlib"))
    monkeypatch.delenv("SELFCARE_DATA_DIR", raising=False)
    monkeypatch.delenv("SELFCARE_TODAY", raising=False)


_real_socket = socket.socket


class _GuardedSocket(socket.socket):
    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6) or family == -1:
            raise RuntimeError("A test tried to open an internet socket; the app never does.")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may open an AF_INET/AF_INET6 socket (unix sockets stay allowed)."""
    monkeypatch.setattr(socket, "socket", _GuardedSocket)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "vault.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[object]:
    from selfcare_app.data.vault import Vault

    v = Vault.create(vault_path, "correct horse battery")
    yield v
    v.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
