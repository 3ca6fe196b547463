"""My people: list, add, update, delete rows of the `person` table (migration 0004).

The only module that writes `person` (imports use `write_imported`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.people import MAX_PEOPLE, Person, PersonError

if TYPE_CHECKING:
    import sqlcipher3

    from selfcare_app.core.own_support import OwnSupport
    from selfcare_app.data.vault import Vault

COLUMNS: Final = "id, name, kind, contact, last_talked, note, position"
_INSERT: Final = ("INSERT INTO person (name, kind, contact, last_talked, note, position, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE: Final = ("UPDATE person SET name = ?, kind = ?, contact = ?, last_talked = ?, note = ?, "
                  "position = ?, updated_at = ? WHERE id = ?")


def row_to_person(r: Sequence[Any]) -> Person:
    return Person(id=r[0], name=r[1], kind=r[2], contact=r[3],
                  last_talked=date.fromisoformat(r[4]) if r[4] else None, note=r[5],
                  position=r[6])


def read_people(con: sqlcipher3.Connection) -> list[Person]:
    rows = con.execute(f"SELECT {COLUMNS} FROM person ORDER BY position, name, id").fetchall()
    return [row_to_person(r) for r in rows]


def person_params(p: Person) -> tuple[Any, ...]:
    return (p.name, p.kind, p.contact, p.last_talked.isoformat() if p.last_talked else None,
            p.note, p.position)


def write_imported(con: sqlcipher3.Connection, inserts: Sequence[Person],
                   updates: Sequence[tuple[int, Person]], stamp: str) -> None:
    """Add and replace people inside the caller's transaction (an import)."""
    con.executemany(_INSERT, [(*person_params(p), stamp, stamp) for p in inserts])
    con.executemany(_UPDATE, [(*person_params(p), stamp, i) for i, p in updates])


def _stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class PeopleRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def list(self) -> list[Person]:
        return read_people(self._vault.connection)

    def get(self, person_id: int) -> Person | None:
        row = self._vault.connection.execute(
            f"SELECT {COLUMNS} FROM person WHERE id = ?", (person_id,)).fetchone()
        return None if row is None else row_to_person(row)

    def add(self, person: Person) -> Person:
        with self._vault.transaction() as con:
            count = con.execute("SELECT count(*) FROM person").fetchone()[0]
            if count >= MAX_PEOPLE:
                raise PersonError({"name": f"Your list already has {MAX_PEOPLE} people."})
            position = person.position or int(con.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM person").fetchone()[0])
            stamp = _stamp()
            cur = con.execute(
                _INSERT,
                (*person_params(Person(**{**_fields(person), "position": position})),
                 stamp, stamp))
            new_id = int(cur.lastrowid or 0)
        stored = self.get(new_id)
        assert stored is not None
        return stored

    def update(self, person: Person) -> Person:
        if person.id is None:
            raise ValueError("update needs a stored person (with an id)")
        with self._vault.transaction() as con:
            con.execute(_UPDATE, (*person_params(person), _stamp(), person.id))
        return person

    def delete(self, person_id: int) -> Person | None:
        gone = self.get(person_id)
        if gone is not None:
            with self._vault.transaction() as con:
                con.execute("DELETE FROM person WHERE id = ?", (person_id,))
        return gone


def _fields(p: Person) -> dict[str, Any]:
    return {"name": p.name, "kind": p.kind, "contact": p.contact, "last_talked": p.last_talked,
            "note": p.note, "position": p.position, "id": p.id}


def own_support_for(vault: Vault, rule: str, limit: int = 2) -> OwnSupport:
    """The student's people and helpful practices for a finding's rule (core/own_support.py)."""
    from selfcare_app.core.own_support import own_support

    return own_support(rule, read_people(vault.connection), vault.entries.all(),
                       vault.practices.list(), limit)
