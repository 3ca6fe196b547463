"""`insights` (patterns in the student's own logs), `practices` (the self-care list) and
`people` (whom the student can turn to)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.clock import today
from selfcare_app.commands import date_arg, open_vault


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "insights",
        help="patterns in your own logs: what went with better or harder days, with intervals "
             "and the days behind them (never a cause)")
    p.add_argument("--from", dest="start", metavar="D", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="D", help="last day, YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_insights)

    p = sub.add_parser("practices", help="your list of self-care practices (logged with "
                                         "'log --practice NAME')")
    psub = p.add_subparsers(dest="practices_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    q = psub.add_parser("list", help="show your practices and how many days each was logged")
    q.set_defaults(func=cmd_practices_list)
    q = psub.add_parser("set", help="replace the list, e.g. practices set 'a walk' 'a break'")
    q.add_argument("names", nargs="+", metavar="NAME")
    q.set_defaults(func=cmd_practices_set)

    p = sub.add_parser("people", help="my people: whom you can turn to (private to this vault)")
    psub = p.add_subparsers(dest="people_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    q = psub.add_parser("list", help="list your people")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q.set_defaults(func=cmd_people_list)
    q = psub.add_parser("add", help="add someone")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--kind", default="friend",
                   help="friend, peer-group, mentor, family, counselor or other")
    q.add_argument("--contact", default="", help="how to reach them, e.g. 'text 555 0100'")
    q.add_argument("--last-talked", default=None, metavar="D", help="YYYY-MM-DD")
    q.add_argument("--note", default="")
    q.set_defaults(func=cmd_people_add)
    q = psub.add_parser("talked", help="record that you talked with someone today (or --day)")
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--day", metavar="D")
    q.set_defaults(func=cmd_people_talked)
    q = psub.add_parser("delete", help="remove someone by number (see 'people list')")
    q.add_argument("id", type=int, metavar="ID")
    q.set_defaults(func=cmd_people_delete)


def cmd_insights(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.insights import analyse, pattern_lines

    start, end = date_arg(args.start, "--from"), date_arg(args.end, "--to")
    if start and end and start > end:
        raise UsageError(f"--from {start} is after --to {end}.")
    with open_vault(ctx) as vault:
        entries = vault.entries.range(start, end)
    report = analyse(entries)
    if args.format == "json":
        ctx.stdout.write(json.dumps([p.to_json() for p in report.patterns], ensure_ascii=False,
                                    indent=2) + "\n")
        return EXIT_OK
    for line in pattern_lines(report):
        ctx.print(line)
    return EXIT_OK


def cmd_practices_list(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.practices import practice_counts

    with open_vault(ctx) as vault:
        names = vault.practices.list()
        counts = practice_counts(vault.entries.all(), names)
    for name in names:
        ctx.print(f"{name}  ({counts[name]} day(s) logged)")
    return EXIT_OK


def cmd_practices_set(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.practices import PracticeListError, validate_practice_list

    try:
        validate_practice_list(args.names)
    except PracticeListError as exc:
        raise UsageError(str(exc)) from None
    with open_vault(ctx) as vault:
        saved = vault.practices.set(args.names)
    ctx.print("Your practices: " + ", ".join(saved) + ". Days already logged keep theirs.")
    return EXIT_OK


def cmd_people_list(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.people import person_json

    with open_vault(ctx) as vault:
        people = vault.people.list()
    if args.format == "json":
        ctx.stdout.write(json.dumps([{"id": p.id, **person_json(p)} for p in people],
                                    ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not people:
        ctx.print("No one in your list yet. Add someone with: people add NAME --kind friend")
    for p in people:
        ctx.print(f"{p.id:>4}  {p.line()}")
    return EXIT_OK


def _person_error(exc: Exception) -> UsageError:
    return UsageError(str(exc))


def cmd_people_add(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.people import PersonError, validate_person

    try:
        person = validate_person({"name": args.name, "kind": args.kind, "contact": args.contact,
                                  "last_talked": args.last_talked, "note": args.note}, today())
    except PersonError as exc:
        raise _person_error(exc) from None
    with open_vault(ctx) as vault:
        try:
            stored = vault.people.add(person)
        except PersonError as exc:
            raise _person_error(exc) from None
    ctx.print(f"Added {stored.id}: {stored.line()}")
    return EXIT_OK


def cmd_people_talked(args: argparse.Namespace, ctx: Context) -> int:
    from dataclasses import replace

    day = date_arg(args.day, "--day") or today()
    with open_vault(ctx) as vault:
        person = vault.people.get(args.id)
        if person is None:
            raise UsageError(f"There is no person {args.id} (see 'selfcare-app people list').")
        vault.people.update(replace(person, last_talked=day))
    ctx.print(f"Noted: you talked with {person.name} on {day.isoformat()}.")
    return EXIT_OK


def cmd_people_delete(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        gone = vault.people.delete(args.id)
    if gone is None:
        raise UsageError(f"There is no person {args.id} (see 'selfcare-app people list').")
    ctx.print(f"Removed {gone.name} from your people.")
    return EXIT_OK
