"""Support resources in the vault: campus packs and the student's own contacts.

Rows map to core.resource.Resource. A pack's resources have source 'pack' and are matched to a
newer pack by `pack_key` (the resource's `id` in the pack, else its category and name), so an
update keeps favourites and never touches the student's own entries (source 'user').

Pack dates (`updated`) decide what an import does:
- no pack from this campus yet: its resources are added;
- newer than the stored one: changed entries are updated, new ones added, dropped ones removed;
- the same date: the pack is applied again (idempotent, so a re-import repairs nothing-changed
  and reports "already up to date");
- older: refused with OlderPackError, nothing changes.
All of it happens in one transaction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.resource import (
    CATEGORIES,
    Resource,
    ResourceData,
    matches,
)
from selfcare_app.core.resource_pack import PackResource, ResourcePack
from selfcare_app.data.entries import now_utc

if TYPE_CHECKING:
    import sqlcipher3

    from selfcare_app.data.vault import Vault

_COLUMNS: Final = (
    "id, name, category, description, phone, sms, email, url, address, hours, meets, "
    "source, pack_campus, pack_key, verified_on, favourite, created_at, updated_at"
)
_DATA_FIELDS: Final = (
    "name", "category", "description", "phone", "sms", "email", "url", "address", "hours",
    "meets", "verified_on",
)
_ORDER: Final = {c: i for i, c in enumerate(CATEGORIES)}


class ResourceNotFoundError(LookupError):
    def __init__(self, resource_id: int) -> None:
        super().__init__(f"No resource with id {resource_id}; it may have been deleted.")


class ResourceNotEditableError(ValueError):
    def __init__(self, resource: Resource) -> None:
        super().__init__(
            f"'{resource.name}' comes from the {resource.pack_campus} pack, so it can't be "
            "edited or deleted here; add your own entry instead, or import a newer pack."
        )


class OlderPackError(ValueError):
    """The pack is older than the one already imported for the same campus."""

    def __init__(self, campus: str, offered: date, stored: date) -> None:
        super().__init__(
            f"This pack for {campus} is dated {offered.isoformat()}, older than the one you "
            f"already have ({stored.isoformat()}); nothing was changed."
        )
        self.campus, self.offered, self.stored = campus, offered, stored


@dataclass(frozen=True)
class PackInfo:
    campus: str
    updated: date
    imported_at: datetime
    count: int


@dataclass(frozen=True)
class PackImportResult:
    campus: str
    updated: date
    previous: date | None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    @property
    def status(self) -> str:
        """'new', 'updated', or 'same' (same date: re-applied)."""
        if self.previous is None:
            return "new"
        return "updated" if self.updated > self.previous else "same"

    @property
    def total_changes(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def summary(self) -> str:
        would = "would be " if self.dry_run else ""
        counts = (f"{len(self.added)} {would}added, {len(self.changed)} {would}updated, "
                  f"{len(self.removed)} {would}removed, {self.unchanged} unchanged")
        if self.status == "new":
            head = f"{self.campus} (pack of {self.updated.isoformat()})"
        elif self.status == "updated":
            head = (f"{self.campus}: pack of {self.updated.isoformat()} replaces "
                    f"{self.previous.isoformat() if self.previous else ''}")
        elif self.total_changes == 0:
            return (f"{self.campus}: already up to date (pack of {self.updated.isoformat()}); "
                    "nothing changed.")
        else:
            head = f"{self.campus}: same pack date {self.updated.isoformat()}, re-applied"
        return f"{head}: {counts}."


@dataclass
class _Plan:
    campus: str
    known: bool
    adds: list[PackResource] = field(default_factory=list)
    updates: list[tuple[int, PackResource]] = field(default_factory=list)
    removes: list[int] = field(default_factory=list)
    result: PackImportResult = field(
        default_factory=lambda: PackImportResult("", date.min, None)
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _row_to_resource(row: Sequence[Any]) -> Resource:
    data = ResourceData(
        name=row[1], category=row[2], description=row[3], phone=row[4], sms=row[5],
        email=row[6], url=row[7], address=row[8], hours=row[9], meets=row[10],
        verified_on=_day(row[14]),
    )
    return Resource(
        id=int(row[0]), data=data, source=row[11], pack_campus=row[12], pack_key=row[13],
        favourite=bool(row[15]), created_at=datetime.fromisoformat(row[16]),
        updated_at=datetime.fromisoformat(row[17]),
    )


def _data_params(data: ResourceData) -> tuple[Any, ...]:
    return (
        data.name, data.category, data.description, data.phone, data.sms, data.email,
        data.url, data.address, data.hours, data.meets,
        data.verified_on.isoformat() if data.verified_on else None,
    )


def _sort_key(resource: Resource) -> tuple[int, str, int]:
    return (_ORDER.get(resource.category, len(_ORDER)),
            unicodedata.normalize("NFKD", resource.name).casefold(), resource.id)


def _same_campus(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


# `ResourceRepository.list` shadows the builtin inside the class body.
_Resources = list[Resource]
_Packs = list[PackInfo]


class ResourceRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # -- reading -------------------------------------------------------------------------

    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> _Resources:
        rows = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM resource {where}", params
        ).fetchall()
        return sorted((_row_to_resource(r) for r in rows), key=_sort_key)

    def list(self, category: str | None = None, favourites_only: bool = False) -> _Resources:
        """Resources in category order, then by name; optionally one category or favourites."""
        clauses, params = [], []
        if category is not None:
            clauses.append("category = ?")
            params.append(category)
        if favourites_only:
            clauses.append("favourite = 1")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._select(where, tuple(params))

    def by_category(self, category: str) -> _Resources:
        return self.list(category=category)

    def favourites(self) -> _Resources:
        return self.list(favourites_only=True)

    def search(self, query: str, category: str | None = None) -> _Resources:
        """Resources where every word of `query` appears in any field (case-insensitive)."""
        return [r for r in self.list(category) if matches(r.data, query)]

    def get(self, resource_id: int) -> Resource:
        found = self._select("WHERE id = ?", (resource_id,))
        if not found:
            raise ResourceNotFoundError(resource_id)
        return found[0]

    def count(self) -> int:
        return int(self._vault.connection.execute("SELECT count(*) FROM resource").fetchone()[0])

    def counts_by_category(self) -> dict[str, int]:
        rows = self._vault.connection.execute(
            "SELECT category, count(*) FROM resource GROUP BY category"
        ).fetchall()
        return {str(c): int(n) for c, n in rows}

    def packs(self) -> _Packs:
        rows = self._vault.connection.execute(
            "SELECT p.campus, p.updated, p.imported_at, "
            "(SELECT count(*) FROM resource r WHERE r.pack_campus = p.campus) "
            "FROM resource_pack p ORDER BY p.campus"
        ).fetchall()
        return [PackInfo(r[0], date.fromisoformat(r[1]), datetime.fromisoformat(r[2]), int(r[3]))
                for r in rows]

    # -- the student's own entries ---------------------------------------------------------

    def add(self, data: ResourceData, favourite: bool = False) -> Resource:
        stamp = now_utc().isoformat()
        with self._vault.transaction() as con:
            cur = con.execute(
                f"INSERT INTO resource ({', '.join(_DATA_FIELDS)}, source, favourite, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'user', ?, ?, ?)",
                (*_data_params(data), int(favourite), stamp, stamp),
            )
            new_id = int(cur.lastrowid or 0)
        return self.get(new_id)

    def update(self, resource_id: int, data: ResourceData) -> Resource:
        with self._vault.transaction() as con:
            self._editable(con, resource_id)
            con.execute(
                f"UPDATE resource SET {', '.join(f + ' = ?' for f in _DATA_FIELDS)}, "
                "updated_at = ? WHERE id = ?",
                (*_data_params(data), now_utc().isoformat(), resource_id),
            )
        return self.get(resource_id)

    def delete(self, resource_id: int) -> Resource:
        """Delete one of the student's own entries; returns it (for undo via `restore`)."""
        with self._vault.transaction() as con:
            resource = self._editable(con, resource_id)
            con.execute("DELETE FROM resource WHERE id = ?", (resource_id,))
        return resource

    def restore(self, resource: Resource) -> Resource:
        """Put back an entry returned by `delete` (it gets a new id)."""
        return self.add(resource.data, resource.favourite)

    def set_favourite(self, resource_id: int, favourite: bool) -> Resource:
        """Any resource, pack or own, can be a favourite; a newer pack keeps the mark."""
        with self._vault.transaction() as con:
            cur = con.execute("UPDATE resource SET favourite = ? WHERE id = ?",
                              (int(favourite), resource_id))
            if cur.rowcount == 0:
                raise ResourceNotFoundError(resource_id)
        return self.get(resource_id)

    def _editable(self, con: sqlcipher3.Connection, resource_id: int) -> Resource:
        row = con.execute(f"SELECT {_COLUMNS} FROM resource WHERE id = ?",
                          (resource_id,)).fetchone()
        if row is None:
            raise ResourceNotFoundError(resource_id)
        resource = _row_to_resource(row)
        if not resource.editable:
            raise ResourceNotEditableError(resource)
        return resource

    # -- campus packs --------------------------------------------------------------------

    def import_pack(self, pack: ResourcePack, dry_run: bool = False) -> PackImportResult:
        """Add, update or refuse a pack (see the module docstring); one transaction."""
        if dry_run:
            return self._plan(self._vault.connection, pack, dry_run=True).result
        with self._vault.transaction() as con:
            plan = self._plan(con, pack, dry_run=False)
            self._apply(con, pack, plan)
        return plan.result

    def _plan(self, con: sqlcipher3.Connection, pack: ResourcePack, dry_run: bool) -> _Plan:
        stored_campus, previous = pack.campus, None
        for campus, updated in con.execute("SELECT campus, updated FROM resource_pack"):
            if _same_campus(campus, pack.campus):
                stored_campus, previous = campus, date.fromisoformat(updated)
                break
        if previous is not None and pack.updated < previous:
            raise OlderPackError(pack.campus, pack.updated, previous)
        existing: dict[str, Resource] = {}
        for row in con.execute(
            f"SELECT {_COLUMNS} FROM resource WHERE source = 'pack' AND pack_campus = ?",
            (stored_campus,),
        ):
            resource = _row_to_resource(row)
            existing[resource.pack_key or ""] = resource
        plan = _Plan(campus=stored_campus, known=previous is not None)
        unchanged = 0
        for item in pack.resources:
            old = existing.get(item.key)
            if old is None:
                plan.adds.append(item)
            elif old.data != item.data:
                plan.updates.append((old.id, item))
            else:
                unchanged += 1
        wanted = {item.key for item in pack.resources}
        dropped = [r for key, r in existing.items() if key not in wanted]
        plan.removes = [r.id for r in dropped]
        plan.result = PackImportResult(
            campus=stored_campus, updated=pack.updated, previous=previous,
            added=[i.data.name for i in plan.adds],
            changed=[i.data.name for _, i in plan.updates],
            removed=sorted(r.name for r in dropped), unchanged=unchanged, dry_run=dry_run,
        )
        return plan

    def _apply(self, con: sqlcipher3.Connection, pack: ResourcePack, plan: _Plan) -> None:
        stamp = now_utc().isoformat()
        if plan.known:
            # The campus keeps its first spelling (it is the key the resources point at).
            con.execute("UPDATE resource_pack SET updated = ?, imported_at = ? WHERE campus = ?",
                        (pack.updated.isoformat(), stamp, plan.campus))
        else:
            con.execute("INSERT INTO resource_pack (campus, updated, imported_at) VALUES (?, ?, ?)",
                        (plan.campus, pack.updated.isoformat(), stamp))
        for rid in plan.removes:
            con.execute("DELETE FROM resource WHERE id = ? AND source = 'pack'", (rid,))
        for rid, item in plan.updates:
            con.execute(
                f"UPDATE resource SET {', '.join(f + ' = ?' for f in _DATA_FIELDS)}, "
                "updated_at = ? WHERE id = ?",
                (*_data_params(item.data), stamp, rid),
            )
        for item in plan.adds:
            con.execute(
                f"INSERT INTO resource ({', '.join(_DATA_FIELDS)}, source, pack_campus, "
                "pack_key, favourite, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pack', ?, ?, 0, ?, ?)",
                (*_data_params(item.data), plan.campus, item.key, stamp, stamp),
            )

    def remove_pack(self, campus: str) -> int:
        """Remove a campus pack and its resources (never the student's own); returns how many."""
        with self._vault.transaction() as con:
            names = [c for (c,) in con.execute("SELECT campus FROM resource_pack")
                     if _same_campus(c, campus)]
            if not names:
                return 0
            cur = con.execute(
                "DELETE FROM resource WHERE source = 'pack' AND pack_campus = ?", (names[0],)
            )
            con.execute("DELETE FROM resource_pack WHERE campus = ?", (names[0],))
            return int(cur.rowcount)
