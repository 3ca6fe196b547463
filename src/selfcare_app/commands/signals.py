"""Early-warning commands: `signals` (every rule whose condition holds as of a day, or with
`--replay` what the app would have shown each evening) and `quiet` (exam blocks during which
the app shows no cards except safety support and "gone quiet")."""

from __future__ import annotations

import argparse
import json
from typing import Any

from selfcare_app.clock import today
from selfcare_app.commands import date_arg, open_vault
from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.core.rules import Finding, RuleConfig, explain

SAFETY_REASONS = {
    "phq9.item9": "You answered the PHQ-9 question about thoughts of self-harm above "
                  "\"Not at all\".",
    "not-safe": "You told us you're not safe right now.",
}
SAFETY_LEAD = "You deserve support right now. You can reach someone now:"


def safety_lead(f: Finding) -> str:
    """Plain words for why support comes first: what the student told us, then where to go."""
    reasons = [SAFETY_REASONS[p.field] for p in f.evidence if p.field in SAFETY_REASONS]
    unique = list(dict.fromkeys(reasons))
    return " ".join(unique + [SAFETY_LEAD])


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "signals",
        help="what the app noticed as of a day: every rule whose condition holds (card limits, "
             "snoozes and quiet periods don't apply here); --replay FROM TO: what the app "
             "would have shown each evening")
    p.add_argument("--on", metavar="D", help="YYYY-MM-DD (default: today); uses data up to D")
    p.add_argument("--replay", nargs=2, metavar=("FROM", "TO"),
                   help="simulate the app opened every evening from FROM to TO with the data as "
                        "it stood each day (card budget, cooldowns, headlines and stored quiet "
                        "periods apply; no snoozes); prints only what was newly shown")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_signals)

    p = sub.add_parser("quiet", help="quiet periods (e.g. exams): no cards except safety support")
    qsub = p.add_subparsers(dest="quiet_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    q = qsub.add_parser("list", help="list quiet periods")
    q.set_defaults(func=cmd_quiet_list)
    q = qsub.add_parser("add", help="add a quiet period")
    q.add_argument("start", metavar="START", help="first day, YYYY-MM-DD")
    q.add_argument("end", metavar="END", help="last day, YYYY-MM-DD")
    q.add_argument("--label", default="", help="e.g. Finals")
    q.set_defaults(func=cmd_quiet_add)
    q = qsub.add_parser("delete", help="delete a quiet period by its number (see 'quiet list')")
    q.add_argument("id", type=int, metavar="ID")
    q.set_defaults(func=cmd_quiet_delete)


def cmd_signals(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.findings import rule_inputs

    if args.replay:
        if args.on:
            raise UsageError("Use either --on or --replay, not both.")
        return cmd_replay(args, ctx)
    day = date_arg(args.on, "--on") or today()
    with open_vault(ctx) as vault:
        inputs = rule_inputs(vault, day)
        findings = inputs.engine().findings(day)
        region = str(vault.settings.get("region") or "")
    if args.format == "json":
        ctx.stdout.write(json.dumps([f.to_json() for f in findings], ensure_ascii=False,
                                    indent=2) + "\n")
        return EXIT_OK
    safety = [f for f in findings if f.rule == "S0"]
    others = [f for f in findings if f.rule != "S0"]
    if safety:
        # Crisis lines first, in plain words; a safety answer is not "a pattern".
        ctx.print(safety_lead(safety[0]))
        for line in crisis_lines(region):
            ctx.print(line)
        ctx.print()
        for line in finding_lines(safety[0], inputs.config):
            ctx.print(line)
    if not others:
        if not safety:
            ctx.print(f"Nothing stood out in your logs and self-checks as of {day.isoformat()}.")
        return EXIT_OK
    if safety:
        ctx.print()
    ctx.print(f"What we noticed in your logs and self-checks as of {day.isoformat()}: "
              f"{len(others)} thing{'s' if len(others) != 1 else ''}. These describe what you "
              "logged; they are not a diagnosis.")
    for f in others:
        ctx.print()
        for line in finding_lines(f, inputs.config):
            ctx.print(line)
    return EXIT_OK


def cmd_replay(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.core.alerts import replay
    from selfcare_app.data.findings import rule_inputs

    start, end = _any_date(args.replay[0], "FROM"), _any_date(args.replay[1], "TO")
    if end < start:
        raise UsageError(f"TO {end} is before FROM {start}.")
    if (end - start).days > 3 * 366:
        raise UsageError("Replay at most three years at a time.")
    with open_vault(ctx) as vault:
        inputs = rule_inputs(vault, end)
        quiet = vault.quiet_periods.list()
    days = replay(inputs.engine(), start, end, quiet)
    if args.format == "json":
        out = [{"day": d.isoformat(), "shown": [f.to_json() for f in shown]}
               for d, shown in days]
        ctx.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    total = sum(len(shown) for _, shown in days)
    cards = sum(1 for _, shown in days if shown)
    ctx.print(f"Replay {start.isoformat()} to {end.isoformat()}: {cards} card(s), {total} "
              "finding(s) newly shown (headline first).")
    for d, shown in days:
        if not shown:
            continue
        ctx.print()
        ctx.print(f"{d.isoformat()}  {shown[0].title}: {shown[0].message}")
        for f in shown[1:]:
            ctx.print(f"    also: {f.title}: {f.message}")
    return EXIT_OK


def finding_lines(f: Finding, config: RuleConfig | None = None) -> list[str]:
    """A finding as readable text: what, when, the data, why (rule and source), what helps."""
    why = explain(f, config)
    window = f.window_start.isoformat() if f.window_start == f.window_end else \
        f"{f.window_start.isoformat()} to {f.window_end.isoformat()}"
    lines = [f"{f.title}  ({window})", f"  {f.message}"]
    if f.support.crisis:
        return lines + [f"  Why: {why.condition}."]
    lines.append("  Data:")
    for heading, values in why.data:
        lines.append(f"    {heading}: {values}")
    if why.numbers:
        lines.append(f"    {why.numbers}")
    lines.append(f"  Why: {why.rule}: {why.condition}")
    if why.sources:
        lines.append("  Source: " + "; ".join(s.text() for s in why.sources))
    if why.heuristic:
        lines.append("  Thresholds are a design choice you can adjust in Settings.")
    learn = f"; Learn: {f.support.learn}" if f.support.learn else ""
    lines.append(f"  Support: {f.support.text} (Resources: "
                 f"{', '.join(f.support.categories)}{learn})")
    lines.append(f"  Rests after showing: {why.cooldown}")
    return lines


def crisis_lines(region: str) -> list[str]:
    from selfcare_app.core.crisis import lines_for

    out = []
    for line in lines_for(region):
        how = ", ".join(x for x in (
            f"call {line.phone}" if line.phone else "",
            f"text {line.sms_body + ' to ' if line.sms_body else ''}{line.sms}" if line.sms else "",
            line.url,
        ) if x)
        hours = f" ({line.hours})" if line.hours and not line.emergency else ""
        out.append(f"  {line.name}" + (f": {how}" if how else "") + hours)
    return out


def cmd_quiet_list(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        periods = vault.quiet_periods.list()
    if not periods:
        ctx.print("No quiet periods.")
    for p in periods:
        ctx.print(f"{p.id:>4}  {p.start.isoformat()} to {p.end.isoformat()}"
                  + (f"  {p.label}" if p.label else ""))
    return EXIT_OK


def _any_date(text: str, what: str) -> Any:
    from datetime import date

    try:
        if len(text.strip()) != 10:
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}: '{text}' is not a valid date; use YYYY-MM-DD.") from None


def cmd_quiet_add(args: argparse.Namespace, ctx: Context) -> int:
    start, end = _any_date(args.start, "START"), _any_date(args.end, "END")
    if end < start:
        raise UsageError(f"END {end} is before START {start}.")
    with open_vault(ctx) as vault:
        period = vault.quiet_periods.add(start, end, args.label)
    ctx.print(f"Added quiet period {period.id}: {start} to {end}. Only safety support (and a "
              "check-in if you go quiet) will be shown then; anything still relevant afterwards "
              "will show after it ends.")
    return EXIT_OK


def cmd_quiet_delete(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        gone = vault.quiet_periods.delete(args.id)
    if gone is None:
        raise UsageError(f"There is no quiet period {args.id} (see 'selfcare-app quiet list').")
    ctx.print(f"Deleted quiet period {args.id} ({gone.start} to {gone.end}).")
    return EXIT_OK
