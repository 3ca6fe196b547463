"""Campus packs at their size limit (2,000 resources), median of a few rounds:

    from-csv    a 2,000-row spreadsheet (Windows-1252) read, checked and turned into a pack
    check       load_pack + pack_warnings on the resulting 2,000-entry pack (`pack check`)
    dry-run     the change list of a next edition (every entry re-checked, 50 changed)
    import      applying that edition in one transaction
    lock-help   reading the lock screen's device file (what the lock screen adds at start-up)
    ics         a weekly + a dated event as an .ics file
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, median  # noqa: E402

from selfcare_app.core.calendar import calendar_file  # noqa: E402
from selfcare_app.core.pack_csv import pack_from_csv  # noqa: E402
from selfcare_app.core.resource_pack import (  # noqa: E402
    load_pack,
    pack_to_json,
    pack_warnings,
    validate_pack,
)
from selfcare_app.core.schedule import parse_schedule  # noqa: E402
from selfcare_app.data import lock_help  # noqa: E402
from selfcare_app.data.vault import Vault  # noqa: E402

ROUNDS = 5
TODAY = date(2026, 9, 1)


def timed(fn: Callable[[], object]) -> float:
    runs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return median(runs) * 1000


def main() -> None:
    header = "id,name,category,description,phone,url,meets,verified_on,weekday,start,end," \
             "term_start,term_end\n"
    rows = [f"r{i},Service {i} – café,{'crisis' if i < 5 else 'peer-learning'},"
            f"\"Help, any time\",555 {i:04d},https://u.example.edu/{i},Tue 18:00,2026-08-20,"
            f"tuesday,18:00,19:30,2026-09-07,2026-12-11\n" for i in range(2000)]
    raw = (header + "".join(rows)).encode("cp1252")
    result = pack_from_csv(raw, "Bench U", "2026-09-01", TODAY)
    assert result.pack is not None, result.problems[:3]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pack_path = folder / "pack.json"
        pack_path.write_text(json.dumps(pack_to_json(result.pack)), encoding="utf-8")
        out = {
            "from-csv 2000 rows": timed(lambda: pack_from_csv(raw, "Bench U", "2026-09-01",
                                                              TODAY)),
            "check 2000": timed(lambda: pack_warnings(load_pack(pack_path, TODAY), TODAY)),
        }
        obj = pack_to_json(result.pack)
        for i, item in enumerate(obj["resources"]):
            item["verified_on"] = "2026-08-30"
            if i % 40 == 0:
                item["phone"] = "555 9999"
        obj["updated"] = "2026-09-01"
        first = validate_pack({**pack_to_json(result.pack), "updated": "2026-08-01"}, TODAY)
        second = validate_pack(obj, TODAY)
        vault = Vault.create(folder / "data" / "vault.db", PASSPHRASE)
        vault.resources.import_pack(first)
        preview = vault.resources.import_pack(second, dry_run=True)
        assert len(preview.changes) == 50 and len(preview.rechecked) == 1950
        out["dry-run 2000"] = timed(lambda: vault.resources.import_pack(second, dry_run=True))
        start = time.perf_counter()
        vault.resources.import_pack(second)
        out["import 2000 (once)"] = (time.perf_counter() - start) * 1000
        vault.resources.set_lock_screen("Bench U", True)
        out["lock-help load"] = timed(lambda: lock_help.load(folder / "data"))
        vault.close()
    weekly, _ = parse_schedule({"weekday": "tuesday", "start": "18:00", "end": "19:30",
                                "term_start": "2026-09-07", "term_end": "2026-12-11"})
    event, _ = parse_schedule({"date": "2026-10-10", "start": "10:00", "end": "12:00"})
    assert weekly and event
    stamp = datetime(2026, 9, 1, tzinfo=UTC)
    out["ics"] = timed(lambda: calendar_file("Group", [weekly, event], uid_seed="x",
                                             stamp=stamp))
    for name, ms in out.items():
        print(f"{name:22} {ms:8.2f} ms")


if __name__ == "__main__":
    main()
