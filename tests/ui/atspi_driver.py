"""Drives Selfcare by keyboard (xdotool) and records what a screen reader gets over AT-SPI.

Run by tests/ui/test_atspi.py with the system Python (`/usr/bin/python3`, which has Debian's
pyatspi), inside the private X display and D-Bus session the test starts, while the app runs
there. Not a test module itself: it only records; the assertions live in test_atspi.py.

    python3 atspi_driver.py OUT.json PROBE_DIR PASSPHRASE

Records, as JSON: a snapshot of the accessible tree (role, name, description, states) for the
lock screen, Get help now from the lock screen, every page (Ctrl+1…6) and the dialogs reachable
by keyboard, each with the label texts the app showed then (its probe hook); the announcements
after a wrong passphrase and after an invalid save; the focus stops of a Tab walk of Today and
of each page switch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

APP = "Selfcare"
# (what, keys, window title): the dialogs reachable by keyboard from the unlocked window.
DIALOGS = (("get help now", "F1", "Get help now"),
           ("keyboard shortcuts", "ctrl+slash", "Keyboard shortcuts"),
           ("what the app looks for", "alt+s r",
            "What the app looks for: rules, thresholds and quiet periods"),
           ("preferences", "alt+s p", "Preferences"),
           ("backups", "alt+s b", "Backups"),
           ("change passphrase", "alt+s c", "Change passphrase"),
           ("counselor summary", "alt+f s", "Counselor summary"),
           ("export", "alt+f e", "Export your data"),
           ("import", "alt+f i", "Import data"),
           ("privacy", "alt+h p", "Privacy"),
           ("about", "alt+h a", "About Selfcare"))
CONTEXT = GLib.MainContext.default()
events: list[dict[str, Any]] = []


def describe(acc: Any) -> dict[str, Any]:
    try:
        return {"role": acc.getRoleName(), "name": acc.name or "",
                "description": acc.description or ""}
    except Exception:  # noqa: BLE001 (an object that went away while we looked)
        return {"role": "?", "name": "", "description": ""}


def on_event(event: Any) -> None:
    entry = {"type": event.type, "detail1": event.detail1, "data": str(event.any_data or "")}
    entry.update(describe(event.source))
    events.append(entry)


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while CONTEXT.pending():
            CONTEXT.iteration(False)
        time.sleep(0.01)


def wait_for(condition: Any, seconds: float, what: str) -> Any:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = condition()
        if found:
            return found
        pump(0.05)
    raise TimeoutError(f"timed out waiting for {what}")


def keys(*names: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "30", *names], check=True)
    pump(0.1)


def type_text(text: str) -> None:
    subprocess.run(["xdotool", "type", "--delay", "10", text], check=True)
    pump(0.1)


def focus_main_window() -> None:
    """Give the main window the keyboard again after a dialog closed: a desktop's window
    manager does this; the bare test display has none."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{APP}$"],
                           capture_output=True, text=True)
    for window_id in found.stdout.split()[:1]:
        subprocess.run(["xdotool", "windowfocus", "--sync", window_id], check=False)
    pump(0.1)


def app() -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and child.name == APP:
            return child
    return None


def states(acc: Any) -> list[str]:
    try:
        return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())
    except Exception:  # noqa: BLE001
        return []


def labelled_by(acc: Any) -> list[str]:
    names = []
    try:
        for relation in acc.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                names += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    except Exception:  # noqa: BLE001
        pass
    return names


def walk(acc: Any, out: list[dict[str, Any]], path: str = "") -> None:
    """Every showing object, depth first, with the path of roles that leads to it."""
    node = describe(acc)
    node["states"] = states(acc)
    if node["role"] == "combo box":  # its name is its value; its label comes by relation
        node["labelled_by"] = labelled_by(acc)
    if "showing" not in node["states"] and node["role"] not in ("application", "frame",
                                                                 "dialog", "window"):
        return
    node["path"] = f"{path}/{node['role']}"
    out.append(node)
    try:
        count = acc.childCount
    except Exception:  # noqa: BLE001
        return
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:  # noqa: BLE001
            continue
        if child is not None:
            walk(child, out, node["path"])


def windows() -> list[Any]:
    root = app()
    if root is None:
        return []
    out = []
    for i in range(root.childCount):
        child = root.getChildAtIndex(i)
        if child is not None and "showing" in states(child):
            out.append(child)
    return out


def window_named(name: str) -> Any:
    """The showing window named `name` (or with a name that starts with it and says more)."""
    return next((w for w in windows() if w.name == name or w.name.startswith(name + ",")),
                None)


def probe_labels(probe: Path) -> list[dict[str, str]]:
    answer = probe / "labels.json"
    answer.unlink(missing_ok=True)
    (probe / "request").write_text("")
    wait_for(answer.exists, 10, "the app's probe to answer")
    data: list[dict[str, str]] = json.loads(answer.read_text(encoding="utf-8"))
    return data


def snapshot(probe: Path, title: str = APP) -> dict[str, Any]:
    """The window titled `title` (the main window, or a dialog): its tree and its labels."""
    pump(0.2)  # let the layout settle and the tree follow it
    before = probe_labels(probe)
    for _attempt in range(4):  # work still finishing (a preview) may change a label: retake
        nodes: list[dict[str, Any]] = []
        for window in windows():
            if window.name == title or window.name.startswith(title + ","):
                walk(window, nodes)
        after = probe_labels(probe)
        if after == before:
            break
        before = after
        pump(0.3)
    labels = [label for label in after if label["window"] == title]
    return {"nodes": nodes, "labels": labels}


def focus_stops_since(start: int) -> list[dict[str, str]]:
    return [{"role": e["role"], "name": e["name"]} for e in events[start:]
            if e["type"] == "object:state-changed:focused" and e["detail1"] == 1]


def announcements_since(start: int) -> list[dict[str, Any]]:
    return [e for e in events[start:] if e["type"] == "object:announcement"]


def find(pred: Any) -> Any:
    """The first showing object under the app's windows for which pred(acc) holds."""
    def search(acc: Any) -> Any:
        try:
            if pred(acc):
                return acc
            for i in range(acc.childCount):
                child = acc.getChildAtIndex(i)
                if child is not None and "showing" in states(child):
                    hit = search(child)
                    if hit is not None:
                        return hit
        except Exception:  # noqa: BLE001
            return None
        return None
    for window in windows():
        hit = search(window)
        if hit is not None:
            return hit
    return None


def set_number(name_start: str, value: float) -> bool:
    """Put `value` in the focusable field whose name starts with `name_start`, as typing
    would: focus it, select all, type."""
    acc = find(lambda a: (a.name or "").casefold().startswith(name_start.casefold())
               and "focusable" in states(a) and a.getRoleName() in (
                   "spin button", "text", "entry"))
    if acc is None:
        return False
    acc.queryComponent().grabFocus()
    pump(0.1)
    keys("ctrl+a")
    type_text(f"{value:g}")
    return True


def main() -> int:
    out, probe, passphrase = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    for kind in ("object:announcement", "object:state-changed:focused"):
        pyatspi.Registry.registerEventListener(on_event, kind)
    result: dict[str, Any] = {"snapshots": {}, "announcements": {}, "focus": {}, "notes": []}
    snaps = result["snapshots"]
    wait_for(lambda: window_named(APP), 30, "the Selfcare window over AT-SPI")
    pump(0.5)
    snaps["lock screen"] = snapshot(probe)

    # F1 on the lock screen.
    keys("F1")
    result["f1 on lock screen"] = bool(
        wait_for(lambda: window_named("Get help now"), 5, "Get help now from the lock screen"))
    snaps["get help now (lock screen)"] = snapshot(probe, "Get help now")
    keys("Escape")
    wait_for(lambda: window_named("Get help now") is None, 5, "Get help now to close")

    # A wrong passphrase.
    mark = len(events)
    type_text("not the passphrase")
    keys("Return")
    try:
        wait_for(lambda: announcements_since(mark), 10, "an announcement")
    except TimeoutError:
        pass
    result["announcements"]["wrong passphrase"] = announcements_since(mark)
    snaps["lock screen, wrong passphrase"] = snapshot(probe)

    # Unlock; Today.
    type_text(passphrase)
    keys("Return")
    wait_for(lambda: find(lambda a: a.name == "Today" and a.getRoleName() != "list item"),
             30, "Today after unlocking")
    pump(0.8)
    snaps["page today"] = snapshot(probe)

    # Tab walk of Today from where unlocking put the keyboard.
    mark = len(events)
    start = focus_stops_since(0)[-1:] if focus_stops_since(0) else []
    for _ in range(24):
        keys("Tab")
    # Some stops (widgets rebuilt while the walk runs) send no focus event over AT-SPI, so
    # wait for the events to settle instead of for an exact count; the test reads the order.
    try:
        wait_for(lambda: len(focus_stops_since(mark)) >= 24, 5, "the Tab walk's focus events")
    except TimeoutError:
        pump(0.5)
    result["focus"]["today tab walk"] = start + focus_stops_since(mark)

    # Page switches: Ctrl+2…6, then back to Today.
    for number in (2, 3, 4, 5, 6, 1):
        mark = len(events)
        keys(f"ctrl+{number}")
        try:
            wait_for(lambda m=mark: focus_stops_since(m), 5, "focus to move")
        except TimeoutError:
            pass
        pump(0.3)  # any further stop on the way would show up now
        stops = focus_stops_since(mark)
        result["focus"][f"ctrl+{number}"] = stops
        snaps[f"page ctrl+{number}"] = snapshot(probe)

    # Trends by keyboard: on the chart, ← moves to a day and announces its values.
    keys("ctrl+2")
    pump(0.5)
    chart = find(lambda a: a.name == "Trends over time" and a.getRoleName() == "image")
    if chart is not None:
        chart.queryComponent().grabFocus()
        pump(0.2)
        mark = len(events)
        keys("Left")
        try:
            wait_for(lambda: announcements_since(mark), 5, "an announcement")
        except TimeoutError:
            pass
        result["announcements"]["trends day"] = announcements_since(mark)
    else:
        result["notes"].append("no chart named Trends over time on Ctrl+2")
    keys("ctrl+1")
    pump(0.3)

    # An invalid save on Today: more hours of sleep and study than a day has.
    mark = len(events)
    if set_number("Sleep", 14) and set_number("Study", 14):
        keys("ctrl+s")
        try:
            wait_for(lambda: announcements_since(mark), 5, "an announcement")
        except TimeoutError:
            pass
        result["announcements"]["invalid save"] = announcements_since(mark)
        result["focus"]["after invalid save"] = focus_stops_since(mark)[-1:]
    else:
        result["notes"].append("Today has no field named Sleep… / Study… to make invalid")

    # Dialogs by keyboard: Get help now (F1) and Keyboard shortcuts (Ctrl+/).
    # Then every dialog the menus open, by their underlined letters; F1 in each.
    result["f1 in dialogs"] = {}
    for label, key, title in DIALOGS:
        keys(*key.split())
        try:
            wait_for(lambda t=title: window_named(t), 8, title)
        except TimeoutError:
            result["notes"].append(f"{title} did not open with {key}")
            keys("Escape", "Escape")
            focus_main_window()
            continue
        snaps[f"dialog {label}"] = snapshot(probe, title)
        if title != "Get help now":
            keys("F1")
            try:
                result["f1 in dialogs"][title] = bool(
                    wait_for(lambda: window_named("Get help now"), 5, "Get help now"))
                keys("Escape")
                wait_for(lambda: window_named("Get help now") is None, 5, "help to close")
            except TimeoutError:
                result["f1 in dialogs"][title] = False
        keys("Escape")
        try:
            wait_for(lambda t=title: window_named(t) is None, 5, f"{title} to close")
        except TimeoutError:
            result["notes"].append(f"Escape did not close {title}")
        focus_main_window()

    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
