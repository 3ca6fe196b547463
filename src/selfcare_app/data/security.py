"""Process-wide hardening done once at start-up, before any vault is opened."""

from __future__ import annotations

import ctypes
import ctypes.util
import resource
import sys

import sqlcipher3

_done = False


def harden_process() -> None:
    """Wipe SQLCipher's freed memory, silence its stderr log, and turn core dumps off.

    cipher_memory_security is process-wide and cannot be turned off again, so it is set on a
    throwaway in-memory connection. Idempotent.
    """
    global _done
    if _done:
        return
    con = sqlcipher3.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_memory_security = ON")
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        libc_name = ctypes.util.find_library("c")
        if libc_name:
            pr_set_dumpable = 4
            ctypes.CDLL(libc_name, use_errno=True).prctl(pr_set_dumpable, 0, 0, 0, 0)
    _done = True
