"""Schema migrations keyed on PRAGMA user_version: numbered SQL files, one transaction."""

from __future__ import annotations

import re
from importlib import resources
from typing import Final

import sqlcipher3

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def _load() -> list[tuple[int, str]]:
    folder = resources.files("selfcare_app.data").joinpath("migrations")
    steps: list[tuple[int, str]] = []
    for item in folder.iterdir():
        match = _NAME.match(item.name)
        if match:
            steps.append((int(match.group(1)), item.read_text(encoding="utf-8")))
    steps.sort()
    if [n for n, _ in steps] != list(range(1, len(steps) + 1)):
        raise RuntimeError("migration files must be numbered 0001, 0002, ... without gaps")
    return steps


MIGRATIONS: Final = _load()
SCHEMA_VERSION: Final = len(MIGRATIONS)


def user_version(con: sqlcipher3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


# Steps 0004 and 0005 were reserved numbers and shipped for a while as empty files, so a vault
# made then says version 5 without their table and columns. Such a step is applied again when
# the column it adds is missing (a step that ran adds it, so this never repeats one).
REPAIRABLE: Final[dict[int, tuple[str, str]]] = {
    4: ("daily_entry", "practices"),
    5: ("resource", "schedule"),
}


def _columns(con: sqlcipher3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in con.execute(f"PRAGMA table_info({table})")}


def steps_to_repair(con: sqlcipher3.Connection) -> list[int]:
    """Steps the vault's version says ran but whose column is missing (see REPAIRABLE)."""
    current = user_version(con)
    return [number for number, (table, column) in sorted(REPAIRABLE.items())
            if number <= current and column not in _columns(con, table)]


def needs_migration(con: sqlcipher3.Connection) -> bool:
    return user_version(con) < SCHEMA_VERSION or bool(steps_to_repair(con))


def migrate(con: sqlcipher3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply every step above the current version in one transaction; return the new version.

    The caller refuses vaults newer than SCHEMA_VERSION and makes a backup before calling this
    on a vault that already holds data.
    """
    current = user_version(con)
    repair = steps_to_repair(con)
    if current >= target and not repair:
        return current
    con.execute("BEGIN IMMEDIATE")
    try:
        for number, sql in MIGRATIONS:
            if number in repair or current < number <= target:
                for statement in _statements(sql):
                    con.execute(statement)
        target = max(target, current)
        con.execute(f"PRAGMA user_version = {int(target)}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return target


def _statements(sql: str) -> list[str]:
    # executescript() would COMMIT our transaction; split on the statement terminator instead.
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlcipher3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
