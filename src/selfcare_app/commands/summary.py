"""`report FILE.pdf`: the counselor summary (CONTENT.md §5), written on the student's terms.

    report FILE.pdf [--from D] [--to D] [--section S]... [--include-notes] [--note D]...
                    [--name TEXT] [--paper a4|letter]

Sections: daily-log, charts, self-checks, findings, safety, notes, appendix. Without
--section: everything except safety events and notes, which are included only when asked
for (--section safety; --include-notes for every note in the range, or --note D per day).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from selfcare_app import __version__
from selfcare_app.clock import today
from selfcare_app.commands import date_arg, open_vault
from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.core.summary import (
    DEFAULT_SECTIONS,
    SECTIONS,
    SummaryOptionsError,
    compose_summary,
    default_range,
    make_options,
)
from selfcare_app.i18n import N_, _, ngettext

PAPERS = ("a4", "letter")
NOT_ENCRYPTED = N_("The PDF is not encrypted: anyone who can open it can read it. Share it "
                   "only with people you choose, and delete copies you no longer need.")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "report", help=_("write a counselor summary PDF (you choose range and sections)"),
        description=_("Write a summary of your logs and self-checks to share with a counselor. "
                      "Safety events and notes are left out unless you ask for them. "
                      "Sections: {sections}.").format(sections=", ".join(SECTIONS)))
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--from", dest="start", metavar="D", help=_("first day (default: 12 weeks ago)"))
    p.add_argument("--to", dest="end", metavar="D", help=_("last day (default: today)"))
    p.add_argument("--section", action="append", choices=tuple(SECTIONS), metavar="S",
                   help=_("include this section (repeat; default: {sections})").format(
                       sections=", ".join(DEFAULT_SECTIONS)))
    p.add_argument("--include-notes", action="store_true",
                   help=_("include the notes of every day in the range"))
    p.add_argument("--note", action="append", metavar="D", default=[],
                   help=_("include the note of this day (repeat)"))
    p.add_argument("--name", metavar="TEXT", help=_("your name or initials for the header "
                                                    "(default: the name in your settings)"))
    p.add_argument("--paper", choices=PAPERS, default="a4")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.exchange import load_summary_inputs
    from selfcare_app.data.findings import rule_config

    path = Path(args.file).expanduser()
    if path.is_dir():
        raise UsageError(_("{path} is a folder; give a file name such as {example}").format(
            path=path, example=path / "summary.pdf"))
    if not path.parent.is_dir():
        raise UsageError(_("The folder {folder} does not exist; nothing was written.").format(
            folder=path.parent))
    now = today()
    start, end = date_arg(args.start, "--from"), date_arg(args.end, "--to")
    picked = [d for d in (date_arg(n, "--note") for n in args.note) if d is not None]
    if start and end and start > end:
        raise UsageError(_("--from {start} is after --to {end}.").format(start=start, end=end))
    with open_vault(ctx) as vault:
        data = load_summary_inputs(vault)
        config = rule_config(vault)  # the rules run now, as `signals` runs them
    entries = data.entries
    name = args.name if args.name is not None else data.display_name
    default_start, default_end = default_range(entries, now)
    start, end = start or min(default_start, end or now), end or default_end
    notes: list[date] = list(picked)
    if args.include_notes:
        notes += [e.day for e in entries if start <= e.day <= end and e.note.strip()]
    try:
        options = make_options(start, end, now, name=name, sections=args.section,
                               include_notes=args.include_notes, note_days=notes)
    except SummaryOptionsError as exc:
        raise UsageError(str(exc)) from None
    summary = compose_summary(entries=entries, assessments=data.assessments,
                              findings=data.findings, safety_events=data.safety_events,
                              options=options, today=now,
                              app_version=__version__, rule_config=config)
    from selfcare_app.report.summary import render_summary_pdf

    stats = render_summary_pdf(summary, path, args.paper)
    ctx.print(ngettext("Wrote the summary, {pages} page ({start} to {end}, {sections}), to {path}",
                       "Wrote the summary, {pages} pages ({start} to {end}, {sections}), to {path}",
                       stats.pages).format(pages=stats.pages, start=start, end=end,
                                           sections=", ".join(options.sections), path=path))
    sys.stderr.write("selfcare-app: " + _("note: {text}").format(text=_(NOT_ENCRYPTED)) + "\n")
    return EXIT_OK
