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
All of it happens in one transaction. The result names every entry added, removed and changed
(old → new per field); an entry whose only change is `verified_on` was "re-checked", not updated.
A removed favourite can be kept as the student's own contact (`keep_favourites`).

The only module that writes `resource` and `resource_pack`: the student's own entries, packs,
and exports/imports of the student's own entries (`own`, `write_imported`) share its statements.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.resource import (
    CATEGORIES,
    Resource,
    ResourceData,
    matches,
)
from selfcare_app.core.resource_pack import PackResource, ResourcePack
from selfcare_app.core.schedule import Schedule, schedule_from_json
from selfcare_app.data.entries import now_utc

if TYPE_CHECKING:
    import sqlcipher3

    from selfcare_app.data.vault import Vault

# The columns follow the record: every ResourceData field is a column of the same name, so a new
# field needs only its migration here (tests/data/test_one_home.py checks the two agree).
_DATA_FIELDS: Final = tuple(f.name for f in dataclass_fields(ResourceData))
_ROW_FIELDS: Final = ("source", "pack_campus", "pack_key", "favourite", "created_at",
                      "updated_at", "pack_position")
_COLUMNS: Final = ", ".join(("id", *_DATA_FIELDS, *_ROW_FIELDS))
# Fields compared when a newer pack arrives, in the order a change list names them.
DIFF_FIELDS: Final = (
    "name", "category", "description", "phone", "sms", "email", "url", "address", "hours",
    "meets", "schedule", "verified_on",
)
_INSERT: Final = (
    f"INSERT INTO resource ({', '.join(_DATA_FIELDS)}, source, pack_campus, pack_key, "
    "favourite, created_at, updated_at) VALUES (" + ", ".join("?" * (len(_DATA_FIELDS) + 6))
    + ")"
)
_UPDATE_DATA: Final = (
    f"UPDATE resource SET {', '.join(f + ' = ?' for f in _DATA_FIELDS)}, updated_at = ? "
    "WHERE id = ?"
)
_SHOWN_CHARS: Final = 70
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
class FieldChange:
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old} \u2192 {self.new}"


@dataclass(frozen=True)
class ResourceChange:
    """One entry a newer pack changes: its (new) name and what changed, field by field."""

    name: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class CampusClash:
    """A pack under a new campus name whose ids already belong to a stored pack (a typo or a
    renamed campus would otherwise import every entry a second time)."""

    stored_campus: str
    shared_ids: int

    def message(self, campus: str) -> str:
        return (f"{self.shared_ids} id(s) in this pack already belong to the pack from "
                f"\u201c{self.stored_campus}\u201d, but this one says \u201c{campus}\u201d. If "
                "it is the same campus (a typo or a new name), its entries would be listed "
                f"twice: remove the \u201c{self.stored_campus}\u201d pack first, or ask the "
                "centre to fix the name.")


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
    changes: list[ResourceChange] = field(default_factory=list)
    rechecked: list[str] = field(default_factory=list)
    removed_favourites: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # removed favourites kept as own contacts
    clash: CampusClash | None = None
    crisis: int = 0  # crisis entries in the pack (the lock-screen choice is offered for them)

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
                  f"{len(self.removed)} {would}removed, "
                  + (f"{len(self.rechecked)} re-checked (details unchanged), "
                     if self.rechecked else "")
                  + f"{self.unchanged} unchanged")
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

    def lines(self) -> list[str]:
        """Every entry by name: added, changed (old → new per field), re-checked, removed.
        The app's preview and `import --dry-run` both show these lines."""
        out: list[str] = []
        if self.clash is not None:
            out += ["Note: " + self.clash.message(self.campus), ""]
        if self.added:
            out.append(f"Added ({len(self.added)}):")
            out += [f"  + {name}" for name in self.added]
        if self.changes:
            out.append(f"Changed ({len(self.changes)}):")
            for change in self.changes:
                out.append(f"  ~ {change.name}")
                out += [f"      {f}" for f in change.fields]
        if self.removed:
            out.append(f"Removed ({len(self.removed)}):")
            for name in self.removed:
                note = ""
                if name in self.kept:
                    note = " (one of your favourites: kept as your own contact)"
                elif name in self.removed_favourites:
                    note = " (one of your favourites)"
                out.append(f"  - {name}{note}")
        if self.rechecked:
            out.append(f"Re-checked, details unchanged ({len(self.rechecked)}):")
            out += [f"  = {name}" for name in self.rechecked]
        return out


@dataclass
class _Plan:
    campus: str
    known: bool
    adds: list[PackResource] = field(default_factory=list)
    updates: list[tuple[int, PackResource]] = field(default_factory=list)
    removes: list[int] = field(default_factory=list)
    keeps: list[int] = field(default_factory=list)  # removed favourites kept as own contacts
    result: PackImportResult = field(
        default_factory=lambda: PackImportResult("", date.min, None)
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _schedules(text: str) -> tuple[Schedule, ...]:
    if not text:
        return ()
    try:
        items = json.loads(text)
        return tuple(schedule_from_json(item) for item in items)
    except (ValueError, TypeError):
        return ()  # a damaged schedule hides the times, never the entry


def _schedule_json(schedule: tuple[Schedule, ...]) -> str:
    return json.dumps([slot.to_json() for slot in schedule]) if schedule else ""


def _from_sql(name: str, value: Any) -> Any:
    if name == "verified_on":
        return _day(value)
    if name == "schedule":
        return _schedules(value or "")
    return value


def _to_sql(name: str, value: Any) -> Any:
    if name == "verified_on":
        return value.isoformat() if value else None
    if name == "schedule":
        return _schedule_json(value)
    return value


def _row_to_resource(row: Sequence[Any]) -> Resource:
    n = len(_DATA_FIELDS)
    data = ResourceData(**{name: _from_sql(name, value)
                           for name, value in zip(_DATA_FIELDS, row[1:n + 1], strict=True)})
    source, campus, key, favourite, created, updated, position = row[n + 1:]
    return Resource(
        id=int(row[0]), data=data, source=source, pack_campus=campus, pack_key=key,
        favourite=bool(favourite), created_at=datetime.fromisoformat(created),
        updated_at=datetime.fromisoformat(updated),
        position=int(position) if position is not None else None,
    )


def _data_params(data: ResourceData, skip: str = "") -> tuple[Any, ...]:
    return tuple(_to_sql(name, getattr(data, name)) for name in _DATA_FIELDS if name != skip)


def _insert_params(data: ResourceData, source: str, favourite: bool, created: str,
                   updated: str, campus: str | None = None,
                   key: str | None = None) -> tuple[Any, ...]:
    return (*_data_params(data), source, campus, key, int(favourite), created, updated)


def _iso(when: datetime | None, stamp: str) -> str:
    return when.isoformat() if when is not None else stamp


def write_imported(con: sqlcipher3.Connection, inserts: Sequence[Resource],
                   updates: Sequence[tuple[int, Resource]], stamp: str) -> None:
    """Add and replace the student's own entries from an export, inside the caller's
    transaction; a pack's entries are never touched (they come from the pack)."""
    con.executemany(_INSERT, [
        _insert_params(r.data, "user", r.favourite, _iso(r.created_at, stamp),
                       _iso(r.updated_at, stamp)) for r in inserts])
    # An export does not carry meeting times: replacing an entry keeps the stored ones.
    kept = [f for f in _DATA_FIELDS if f != "schedule"]
    con.executemany(
        f"UPDATE resource SET {', '.join(f + ' = ?' for f in kept)}, favourite = ?, "
        "created_at = ?, updated_at = ? WHERE id = ? AND source = 'user'",
        [(*_data_params(r.data, skip="schedule"), int(r.favourite), _iso(r.created_at, stamp),
          _iso(r.updated_at, stamp), i) for i, r in updates])


def _shown(data: ResourceData, name: str) -> str:
    """A field's value as one short line for a change list ("(none)" when empty)."""
    value = getattr(data, name)
    if name == "schedule":
        text = "; ".join(slot.describe() for slot in value)
    elif name == "verified_on":
        text = value.isoformat() if value else ""
    else:
        text = " / ".join(part.strip() for part in str(value).splitlines() if part.strip())
    if not text:
        return "(none)"
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def field_changes(old: ResourceData, new: ResourceData) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, _shown(old, name), _shown(new, name))
                 for name in DIFF_FIELDS if getattr(old, name) != getattr(new, name))


def _sort_key(resource: Resource) -> tuple[int, int, str, int, str, int]:
    """Category order; in each, every pack in the centre's own order, then the student's own
    entries by name."""
    pack = resource.source == "pack" and resource.position is not None
    return (_ORDER.get(resource.category, len(_ORDER)), 0 if pack else 1,
            (resource.pack_campus or "").casefold() if pack else "",
            resource.position if pack and resource.position is not None else 0,
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
        """Resources in category order, then each pack's own order, then the student's own by
        name; optionally one category or favourites."""
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

    def own(self) -> _Resources:
        """The student's own entries (source 'user') by name, as an export lists them."""
        rows = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM resource WHERE source = 'user' ORDER BY name, id")
        return [_row_to_resource(r) for r in rows]

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
            cur = con.execute(_INSERT, _insert_params(data, "user", favourite, stamp, stamp))
            new_id = int(cur.lastrowid or 0)
        return self.get(new_id)

    def update(self, resource_id: int, data: ResourceData) -> Resource:
        with self._vault.transaction() as con:
            self._editable(con, resource_id)
            con.execute(_UPDATE_DATA, (*_data_params(data), now_utc().isoformat(), resource_id))
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

    def import_pack(self, pack: ResourcePack, dry_run: bool = False,
                    keep_favourites: bool = False) -> PackImportResult:
        """Add, update or refuse a pack (see the module docstring); one transaction.

        `keep_favourites`: a favourite the new pack drops becomes the student's own contact
        instead of being removed.
        """
        if dry_run:
            return self._plan(self._vault.connection, pack, True, keep_favourites).result
        with self._vault.transaction() as con:
            plan = self._plan(con, pack, False, keep_favourites)
            self._apply(con, pack, plan)
        self._sync_lock_help()
        return plan.result

    def _plan(self, con: sqlcipher3.Connection, pack: ResourcePack, dry_run: bool,
              keep_favourites: bool) -> _Plan:
        stored_campus, previous = pack.campus, None
        others: list[str] = []
        for campus, updated in con.execute("SELECT campus, updated FROM resource_pack"):
            if _same_campus(campus, pack.campus):
                stored_campus, previous = campus, date.fromisoformat(updated)
            else:
                others.append(campus)
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
        changes: list[ResourceChange] = []
        rechecked: list[str] = []
        for item in pack.resources:
            old = existing.get(item.key)
            if old is None:
                plan.adds.append(item)
                continue
            if old.data == item.data:
                unchanged += 1
                continue
            plan.updates.append((old.id, item))
            fields = field_changes(old.data, item.data)
            if all(f.field == "verified_on" for f in fields):
                rechecked.append(item.data.name)
            else:
                changes.append(ResourceChange(item.data.name, fields))
        wanted = {item.key for item in pack.resources}
        dropped = sorted((r for key, r in existing.items() if key not in wanted),
                         key=lambda r: (r.position or 0, r.name))
        favourites = [r for r in dropped if r.favourite]
        plan.keeps = [r.id for r in favourites] if keep_favourites else []
        plan.removes = [r.id for r in dropped if r.id not in plan.keeps]
        plan.result = PackImportResult(
            campus=stored_campus, updated=pack.updated, previous=previous,
            added=[i.data.name for i in plan.adds],
            changed=[c.name for c in changes],
            removed=[r.name for r in dropped], unchanged=unchanged, dry_run=dry_run,
            changes=changes, rechecked=rechecked,
            removed_favourites=[r.name for r in favourites],
            kept=[r.name for r in favourites] if keep_favourites else [],
            clash=None if previous is not None else self._clash(con, pack, others),
            crisis=sum(1 for i in pack.resources if i.data.category == "crisis"),
        )
        return plan

    @staticmethod
    def _clash(con: sqlcipher3.Connection, pack: ResourcePack,
               others: Sequence[str]) -> CampusClash | None:
        ids = {i.key for i in pack.resources if not i.key.startswith("name:")}
        best: CampusClash | None = None
        for campus in others:
            keys = {k for (k,) in con.execute(
                "SELECT pack_key FROM resource WHERE source = 'pack' AND pack_campus = ?",
                (campus,))}
            shared = len(ids & keys)
            if shared and (best is None or shared > best.shared_ids):
                best = CampusClash(campus, shared)
        return best

    def _apply(self, con: sqlcipher3.Connection, pack: ResourcePack, plan: _Plan) -> None:
        stamp = now_utc().isoformat()
        if plan.known:
            # The campus keeps its first spelling (it is the key the resources point at).
            con.execute("UPDATE resource_pack SET updated = ?, imported_at = ? WHERE campus = ?",
                        (pack.updated.isoformat(), stamp, plan.campus))
        else:
            con.execute("INSERT INTO resource_pack (campus, updated, imported_at) VALUES (?, ?, ?)",
                        (plan.campus, pack.updated.isoformat(), stamp))
        for rid in plan.keeps:
            con.execute("UPDATE resource SET source = 'user', pack_campus = NULL, pack_key = NULL, "
                        "pack_position = NULL, updated_at = ? WHERE id = ?", (stamp, rid))
        for rid in plan.removes:
            con.execute("DELETE FROM resource WHERE id = ? AND source = 'pack'", (rid,))
        for rid, item in plan.updates:
            con.execute(_UPDATE_DATA, (*_data_params(item.data), stamp, rid))
        for item in plan.adds:
            con.execute(_INSERT, _insert_params(item.data, "pack", False, stamp, stamp,
                                                plan.campus, item.key))
        # The centre's order (Get help now keeps it); a reorder alone is not a change.
        con.executemany(
            "UPDATE resource SET pack_position = ? WHERE source = 'pack' AND pack_campus = ? "
            "AND pack_key = ?",
            [(index, plan.campus, item.key) for index, item in enumerate(pack.resources)],
        )

    def find_pack(self, campus: str) -> PackInfo | None:
        """The stored pack for `campus` (compared ignoring case), or None."""
        return next((p for p in self.packs() if _same_campus(p.campus, campus)), None)

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
            count = int(cur.rowcount)
        self._sync_lock_help()
        return count

    # -- the lock-screen copy (data/lock_help.py) ---------------------------------------------

    def campus_crisis(self, campus: str | None = None) -> _Resources:
        """Crisis entries as Get help now orders them: favourites first, then the pack's own
        order, then the student's own (by name)."""
        from selfcare_app.core.crisis import help_order

        found = self.by_category("crisis")
        if campus is not None:
            found = [r for r in found if r.pack_campus and _same_campus(r.pack_campus, campus)]
        return help_order(found)

    def set_lock_screen(self, campus: str, show: bool) -> None:
        """Opt in (or out) of showing this campus's crisis lines while the app is locked."""
        from selfcare_app.data import lock_help

        info = self.find_pack(campus)
        lock_help.set_campus(self._vault.path.parent, info.campus if info else campus,
                             self.campus_crisis(campus) if show and info else None)

    def _sync_lock_help(self) -> None:
        """Refresh the lock-screen copy after a committed change; a failed write must not look
        like a failed import (the next unlock refreshes it again)."""
        from selfcare_app.data import lock_help

        try:
            lock_help.sync(self._vault)
        except OSError:
            pass
