"""The vault behind the UI: one worker thread owns the connection; results come back as signals.

Widgets never hold a connection. Slow work (unlock's key derivation, imports, exports) goes
through `call`, which returns at once and delivers the result on the UI thread; tiny queries
may use `run`, which waits for the worker (sub-millisecond for a save or a month of entries).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, get_args

from PySide6.QtCore import QObject, Qt, Signal, Slot

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

T = TypeVar("T")
Callback = Callable[[Any], None]

# What changed in the vault, for views to refresh; a misspelt topic is a mypy error.
Topic = Literal["entries", "assessments", "findings", "resources", "settings", "people"]
ALL_TOPICS: Final[tuple[Topic, ...]] = get_args(Topic)


class _Relay(QObject):
    """Lives on the UI thread; a signal emitted from the worker is queued onto it."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # Always queued: a job that finishes before `add_done_callback` runs its callback on
        # the calling (UI) thread, and a direct call would then overtake earlier results.
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, job: tuple[Callback, Any]) -> None:
        callback, value = job
        callback(value)


class VaultSession(QObject):
    """Unlock, lock and access to the one open vault."""

    changed = Signal(str)  # a Topic
    locked = Signal()

    def __init__(self, vault_path: Path) -> None:
        super().__init__()
        self.vault_path = vault_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault")
        self._relay = _Relay()
        self._vault: Vault | None = None

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    def unlock(self, passphrase: str, on_done: Callback, on_error: Callback,
               create: bool = False) -> None:
        def job() -> Vault:
            from selfcare_app.data.vault import Vault  # sqlcipher3 loads after first paint

            if create:
                return Vault.create(self.vault_path, passphrase)
            # With the integrity checks: a damaged page must be reported here, not crash a page.
            return Vault.open(self.vault_path, passphrase)

        def opened(vault: Vault) -> None:
            self._vault = vault
            on_done(vault)

        self._submit(job, opened, on_error)

    def lock(self) -> None:
        """Close the connection (checkpointing the WAL) and tell every view to forget."""
        vault, self._vault = self._vault, None
        if vault is not None:
            self._executor.submit(vault.close).result()
        self.locked.emit()

    def shutdown(self) -> None:
        if self._vault is not None:
            self.lock()
        self._executor.shutdown(wait=True)

    # -- access ------------------------------------------------------------------------

    def run(self, fn: Callable[[Vault], T]) -> T:
        """Run `fn(vault)` on the vault thread and wait for it (for quick queries and saves)."""
        vault = self._require()
        return self._executor.submit(fn, vault).result()

    def call(self, fn: Callable[[Vault], T], on_done: Callable[[T], None],
             on_error: Callback | None = None) -> Future[T]:
        """Run `fn(vault)` on the vault thread; deliver the result on the UI thread."""
        vault = self._require()
        return self._submit(lambda: fn(vault), on_done, on_error)

    def call_closed(self, job: Callable[[], T], on_done: Callable[[T], None],
                    on_error: Callback | None = None) -> Future[T]:
        """Run `job()` on the vault thread while the vault is closed (restore, passphrase
        change, erase): queued behind any work still running, so nothing overlaps it."""
        if self._vault is not None:
            raise RuntimeError("lock the vault before replacing or rewriting its file")
        return self._submit(job, on_done, on_error)

    def notify(self, topic: Topic) -> None:
        self.changed.emit(topic)

    def _require(self) -> Vault:
        if self._vault is None:
            from selfcare_app.data.errors import VaultClosedError

            raise VaultClosedError()
        return self._vault

    def _submit(self, job: Callable[[], T], on_done: Callable[[T], None],
                on_error: Callback | None) -> Future[T]:
        future = self._executor.submit(job)

        def finished(f: Future[T]) -> None:
            exc = f.exception()
            if exc is not None:
                if on_error is not None:
                    self._relay.deliver.emit((on_error, exc))
            else:
                self._relay.deliver.emit((on_done, f.result()))

        future.add_done_callback(finished)
        return future
