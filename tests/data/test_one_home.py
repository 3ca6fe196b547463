"""Each record has one home: its SQL in one repository, its vocabulary in one list, and the
vault's open sequence no import cycle. These read the source, so duplication that comes back
fails here before it drifts (docs/CONTRIBUTING.md, "How to add a record (or a column)")."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import grimp

from selfcare_app.core.alerts import STATES
from selfcare_app.core.resource import CATEGORIES
from selfcare_app.data.vault import Vault

SRC = Path(__file__).resolve().parents[2] / "src" / "selfcare_app"
_WRITE = re.compile(r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE)\s+(?:main\.)?([a-z_]+)\b")
_TABLE = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)")


def _modules() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8")
            for p in sorted(SRC.rglob("*.py"))}


def _strings(source: str) -> str:
    """Every string constant in a module (SQL sits in literals and f-string parts)."""
    return "\n".join(node.value for node in ast.walk(ast.parse(source))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def _writers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for name, source in _modules().items():
        for table in _WRITE.findall(_strings(source)):
            found[table].add(name)
    return found


def _tables() -> set[str]:
    sql = "\n".join(p.read_text(encoding="utf-8")
                    for p in (SRC / "data" / "migrations").glob("*.sql"))
    return set(_TABLE.findall(sql))


def test_every_table_is_written_by_exactly_one_module() -> None:
    writers = _writers()
    tables = _tables()
    assert {"daily_entry", "resource", "quiet_period", "finding", "person"} <= tables
    assert set(writers) <= tables | {"sqlite_master"}, set(writers) - tables
    shared = {t: sorted(m) for t, m in writers.items() if len(m) > 1}
    assert not shared, f"tables written from more than one module: {shared}"
    for table, modules in writers.items():
        assert all(m.startswith("data/") for m in modules), (table, modules)


def test_the_sql_detector_sees_a_second_writer() -> None:
    """The check above would notice an exchange module with its own INSERT again."""
    fake = 'con.executemany(f"INSERT INTO resource ({COLS}, source) VALUES (?)", rows)\n'
    assert _WRITE.findall(_strings(fake)) == ["resource"]
    fake = '"UPDATE quiet_period SET start_day = ? " "WHERE id = ?"\n'
    assert _WRITE.findall(_strings(fake)) == ["quiet_period"]


def test_import_and_export_hold_no_sql() -> None:
    source = _strings((SRC / "data" / "exchange.py").read_text(encoding="utf-8"))
    assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s", source)


def test_record_types_are_not_duplicated() -> None:
    """The second row types the issue named are gone for good."""
    text = "\n".join(_modules().values())
    for gone in ("class QuietPeriodRecord", "class ResourceRecord", "class SafetyEvent:"):
        assert gone not in text


def _literal_collections(source: str) -> list[tuple[int, set[str]]]:
    """(line, string members) of every tuple, list, set and dict-keys literal."""
    out: list[tuple[int, set[str]]] = []
    for node in ast.walk(ast.parse(source)):
        items: list[ast.expr | None] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        values = {i.value for i in items if isinstance(i, ast.Constant)
                  and isinstance(i.value, str)}
        if values:
            out.append((node.lineno, values))
    return out


def test_categories_are_listed_in_one_place() -> None:
    homes = {name for name, source in _modules().items()
             for _, values in _literal_collections(source)
             if len(values & set(CATEGORIES)) >= 3}
    assert homes == {"core/resource.py"}


def test_finding_states_are_listed_in_one_place() -> None:
    """The Literal in core/alerts.py is the list; maps from a state to words (the summary's,
    the history dialog's) must name every state and nothing else."""
    lists: set[str] = set()
    for name, source in _modules().items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(values & set(STATES)) >= 3:
                    lists.add(name)
            elif isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if len(keys & set(STATES)) >= 4:
                    assert keys == set(STATES), (name, node.lineno, keys ^ set(STATES))
    assert lists == {"core/alerts.py"}


def test_opening_a_vault_has_no_import_cycle() -> None:
    """vault → triage → backups → vault was once hidden by a lazy import; grimp sees lazy
    imports too, so any cycle among data modules (type-only imports aside) fails here."""
    graph = grimp.build_graph("selfcare_app", cache_dir=None,
                              exclude_type_checking_imports=True)
    data = sorted(m for m in graph.modules if m.startswith("selfcare_app.data"))
    cycles = [
        (a, b) for a in data for b in graph.find_modules_directly_imported_by(a)
        if b.startswith("selfcare_app.data") and graph.chain_exists(importer=b, imported=a)
    ]
    assert not cycles
    for private in ("backups", "rekey", "sync"):
        assert not graph.chain_exists(importer="selfcare_app.data.vault",
                                      imported=f"selfcare_app.data.{private}")


def test_resource_columns_follow_the_record(vault: Vault) -> None:
    """A new ResourceData field is written and read by the repository with no edit there; it
    only needs its column (a migration). The pack change list names every field too."""
    from dataclasses import fields

    from selfcare_app.core.resource import ResourceData
    from selfcare_app.data import resources

    record = {f.name for f in fields(ResourceData)}
    columns = {r[1] for r in vault.connection.execute("PRAGMA table_info(resource)")}
    assert set(resources._DATA_FIELDS) == record
    assert record <= columns, record - columns
    assert set(resources.DIFF_FIELDS) == record
