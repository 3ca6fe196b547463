"""Process-wide hardening, done before any vault is opened."""

from __future__ import annotations

import ctypes
import resource
import sys

_done = False
_PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """No core files and no ptrace-readable memory dumps (as KeePassXC does). Cheap: run first."""
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        # The running process already links libc; dlopen(NULL) avoids find_library's subprocess.
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def harden_process() -> None:
    """Turn core dumps off, make SQLCipher wipe freed memory and silence its stderr log.

    cipher_memory_security is process-wide and cannot be turned off again, so it is set on a
    throwaway in-memory connection. Idempotent; Vault.open and Vault.create call it.
    """
    global _done
    if _done:
        return
    disable_core_dumps()
    import sqlcipher3

    con = sqlcipher3.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_memory_security = ON")
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()
    _done = True
