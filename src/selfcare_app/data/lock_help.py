"""Help while locked: a small device file beside the vault, readable without the passphrase.

It holds the region the student chose for crisis lines and, only if they opted in when importing
("Show my campus's crisis lines on the lock screen"), a copy of their campus's crisis entries, so
Get help now and the lock screen show the right lines while the vault is locked. These are public
phone numbers, but they reveal the campus, hence the opt-in. The file is 0600, written atomically,
never holds anything the student wrote, and delete-everything removes it (data/erase.py).

    {"format": "selfcare-lock-help", "version": 1, "region": "US",
     "campuses": [{"campus": "Example University", "lines": [{"name": ..., "phone": ...}]}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from selfcare_app.core.crisis import CrisisLine
    from selfcare_app.core.resource import Resource
    from selfcare_app.data.vault import Vault

# core.crisis (and the atomic writer) are imported where used: the lock screen reads this file
# at start-up, and a missing file, the usual case, must cost nothing more than a stat.

FILE_NAME: Final = "lock-help.json"
FORMAT: Final = "selfcare-lock-help"
MAX_BYTES: Final = 256 * 1024  # = core.strict_reader.LOCK_HELP_MAX_BYTES (a handful of lines)


@dataclass(frozen=True)
class LockHelp:
    region: str = ""
    campuses: dict[str, list[CrisisLine]] = field(default_factory=dict)

    def lines(self) -> list[CrisisLine]:
        return [line for lines in self.campuses.values() for line in lines]

    def shows(self, campus: str) -> bool:
        return any(c.casefold() == campus.casefold() for c in self.campuses)


def path_in(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def _raw(data_dir: Path) -> bytes:
    from selfcare_app.core.strict_reader import UntrustedInputError, read_capped

    try:
        return read_capped(path_in(data_dir), MAX_BYTES)
    except UntrustedInputError:  # missing (the usual case), too big, unreadable: no lines
        return b""


def _read(data_dir: Path, raw: bytes | None = None) -> dict[str, Any] | None:
    from selfcare_app.core.strict_reader import UntrustedInputError, decode_utf8, loads_strict

    raw = _raw(data_dir) if raw is None else raw
    if not raw:
        return None
    try:
        obj = loads_strict(decode_utf8(raw))
    except UntrustedInputError:
        return None
    return obj if isinstance(obj, dict) and obj.get("format") == FORMAT else None


def has_lines(data_dir: Path) -> bool:
    """Whether the student opted in for any campus lines. Cheap on the lock screen's start-up
    path: without a line (every line has a "name") the file isn't even parsed."""
    raw = _raw(data_dir)
    if b'"name"' not in raw:
        return False
    obj = _read(data_dir, raw)
    return obj is not None and any(
        isinstance(c, dict) and c.get("lines") for c in obj.get("campuses") or [])


def load(data_dir: Path) -> LockHelp:
    """What the file holds; a missing, damaged or foreign file reads as empty (never raises)."""
    obj = _read(data_dir)
    if obj is None:
        return LockHelp()
    from selfcare_app.core.crisis import line_from_json, normalize_region

    region = obj.get("region")
    campuses: dict[str, list[CrisisLine]] = {}
    for item in obj.get("campuses") or []:
        if not isinstance(item, dict) or not isinstance(item.get("campus"), str):
            continue
        lines = [line_from_json(raw) for raw in item.get("lines") or [] if isinstance(raw, dict)]
        campuses[item["campus"]] = [line for line in lines if line is not None]
    return LockHelp(region=normalize_region(region) if isinstance(region, str) and region
                    else "", campuses=campuses)


def save(data_dir: Path, help_: LockHelp) -> None:
    """Write the file (0600, atomically); remove it when there is nothing to keep."""
    import json

    from selfcare_app.atomic import atomic_write
    from selfcare_app.core.crisis import line_to_json

    target = path_in(data_dir)
    if not help_.region and not help_.campuses:
        target.unlink(missing_ok=True)
        return
    payload: dict[str, Any] = {
        "format": FORMAT, "version": 1, "region": help_.region,
        "campuses": [{"campus": campus, "lines": [line_to_json(x) for x in lines]}
                     for campus, lines in help_.campuses.items()],
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(target, (json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
                 .encode("utf-8"))


def set_campus(data_dir: Path, campus: str, resources: list[Resource] | None) -> None:
    """Show this campus's crisis entries while locked (a list), or stop showing them (None)."""
    from selfcare_app.core.crisis import campus_lines

    current = load(data_dir)
    campuses = {c: lines for c, lines in current.campuses.items()
                if c.casefold() != campus.casefold()}
    if resources is not None:
        campuses[campus] = campus_lines(resources)
    if campuses != current.campuses:
        save(data_dir, LockHelp(current.region, campuses))


def set_region(data_dir: Path, region: str) -> None:
    from selfcare_app.core.crisis import normalize_region

    current = load(data_dir)
    code = normalize_region(region) if region else ""
    if code != current.region:
        save(data_dir, LockHelp(code, current.campuses))


def sync(vault: Vault) -> None:
    """Bring the device copy up to date with the vault: the chosen region, and the current
    crisis entries of each campus the student opted in for (a removed pack drops out)."""
    from selfcare_app.core.crisis import campus_lines, normalize_region

    data_dir = vault.path.parent
    current = load(data_dir)
    region = str(vault.settings.get("region") or "")
    region = normalize_region(region) if region else ""
    packs = {p.campus.casefold(): p.campus for p in vault.resources.packs()}
    campuses: dict[str, list[CrisisLine]] = {}
    for campus in current.campuses:
        stored = packs.get(campus.casefold())
        if stored is not None:
            campuses[stored] = campus_lines(vault.resources.campus_crisis(stored))
    if region != current.region or campuses != current.campuses:
        save(data_dir, LockHelp(region, campuses))
