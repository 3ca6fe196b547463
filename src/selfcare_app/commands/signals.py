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
from selfcare_app.i18n import N_, _, ngettext

SAFETY_REASONS = {
    "phq9.item9": N_("You answered the PHQ-9 question about thoughts of self-harm above "
                     "\"Not at all\"."),
    "not-safe": N_("You told us you're not safe right now."),
}
SAFETY_LEAD = N_("You deserve support right now. You can reach someone now:")


def safety_lead(f: Finding) -> str:
    """Plain words for why support comes first: what the student told us, then where to go."""
    reasons = [_(SAFETY_REASONS[p.field]) for p in f.evidence if p.field in SAFETY_REASONS]
    unique = list(dict.fromkeys(reasons))
    return " ".join(unique + [_(SAFETY_LEAD)])


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "signals",
        help=_("what the app noticed as of a day: every rule whose condition holds (card "
               "limits, snoozes and quiet periods don't apply here); --replay FROM TO: what the "
               "app would have shown each evening"))
    p.add_argument("--on", metavar="D", help=_("YYYY-MM-DD (default: today); uses data up to D"))
    p.add_argument("--replay", nargs=2, metavar=("FROM", "TO"),
                   help=_("simulate the app opened every evening from FROM to TO with the data "
                          "as it stood each day (card budget, cooldowns, headlines and stored "
                          "quiet periods apply; no snoozes); prints only what was newly shown"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_signals)

    p = sub.add_parser("quiet",
                       help=_("quiet periods (e.g. exams): no cards except safety support"))
    qsub = p.add_subparsers(dest="quiet_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    q = qsub.add_parser("list", help=_("list quiet periods"))
    q.set_defaults(func=cmd_quiet_list)
    q = qsub.add_parser("add", help=_("add a quiet period"))
    q.add_argument("start", metavar="START", help=_("first day, YYYY-MM-DD"))
    q.add_argument("end", metavar="END", help=_("last day, YYYY-MM-DD"))
    q.add_argument("--label", default="", help=_("e.g. Finals"))
    q.set_defaults(func=cmd_quiet_add)
    q = qsub.add_parser("delete", help=_("delete a quiet period by its number (see 'quiet list')"))
    q.add_argument("id", type=int, metavar="ID")
    q.set_defaults(func=cmd_quiet_delete)


def cmd_signals(args: argparse.Namespace, ctx: Context) -> int:
    from selfcare_app.data.findings import rule_inputs

    if args.replay:
        if args.on:
            raise UsageError(_("Use either --on or --replay, not both."))
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
            ctx.print(_("Nothing stood out in your logs and self-checks as of {day}.").format(
                day=day.isoformat()))
        return EXIT_OK
    if safety:
        ctx.print()
    ctx.print(ngettext("What we noticed in your logs and self-checks as of {day}: {count} "
                       "thing. These describe what you logged; they are not a diagnosis.",
                       "What we noticed in your logs and self-checks as of {day}: {count} "
                       "things. These describe what you logged; they are not a diagnosis.",
                       len(others)).format(day=day.isoformat(), count=len(others)))
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
        raise UsageError(_("TO {end} is before FROM {start}.").format(end=end, start=start))
    if (end - start).days > 3 * 366:
        raise UsageError(_("Replay at most three years at a time."))
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
    # Translators: {cards} is already "1 card" / "3 cards", {findings} "1 finding" / "2 findings".
    ctx.print(_("Replay {start} to {end}: {cards}, {findings} newly shown (headline first).")
              .format(start=start.isoformat(), end=end.isoformat(),
                      cards=ngettext("{n} card", "{n} cards", cards).format(n=cards),
                      findings=ngettext("{n} finding", "{n} findings", total).format(n=total)))
    for d, shown in days:
        if not shown:
            continue
        ctx.print()
        ctx.print(f"{d.isoformat()}  {shown[0].title}: {shown[0].message}")
        for f in shown[1:]:
            ctx.print("    " + _("also: {title}: {message}").format(title=f.title,
                                                                     message=f.message))
    return EXIT_OK


def finding_lines(f: Finding, config: RuleConfig | None = None) -> list[str]:
    """A finding as readable text: what, when, the data, why (rule and source), what helps."""
    why = explain(f, config)
    window = f.window_start.isoformat() if f.window_start == f.window_end else \
        _("{start} to {end}").format(start=f.window_start.isoformat(),
                                     end=f.window_end.isoformat())
    lines = [f"{f.title}  ({window})", f"  {f.message}"]
    if f.support.crisis:
        return lines + ["  " + _("Why: {condition}.").format(condition=why.condition)]
    lines.append("  " + _("Data:"))
    for heading, values in why.data:
        lines.append(f"    {heading}: {values}")
    if why.numbers:
        lines.append(f"    {why.numbers}")
    lines.append("  " + _("Why: {rule}: {condition}").format(rule=why.rule,
                                                            condition=why.condition))
    if why.sources:
        lines.append("  " + _("Source: {sources}").format(
            sources="; ".join(s.text() for s in why.sources)))
    if why.heuristic:
        lines.append("  " + _("Thresholds are a design choice you can adjust in Settings."))
    categories = ", ".join(f.support.categories)
    if f.support.learn:
        support = _("Support: {text} (Resources: {categories}; Learn: {learn})").format(
            text=f.support.text, categories=categories, learn=f.support.learn)
    else:
        support = _("Support: {text} (Resources: {categories})").format(
            text=f.support.text, categories=categories)
    lines.append("  " + support)
    lines.append("  " + _("Rests after showing: {cooldown}").format(cooldown=why.cooldown))
    return lines


def crisis_lines(region: str) -> list[str]:
    from selfcare_app.core.crisis import lines_for

    out = []
    for line in lines_for(region):
        how = ", ".join(x for x in (
            _("call {phone}").format(phone=line.phone) if line.phone else "",
            (_("text {body} to {number}").format(body=line.sms_body, number=line.sms)
             if line.sms_body else _("text {number}").format(number=line.sms)) if line.sms else "",
            line.url,
        ) if x)
        hours = f" ({line.hours})" if line.hours and not line.emergency else ""
        out.append(f"  {line.name}" + (f": {how}" if how else "") + hours)
    return out


def cmd_quiet_list(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        periods = vault.quiet_periods.list()
    if not periods:
        ctx.print(_("No quiet periods."))
    for p in periods:
        ctx.print(f"{p.id:>4}  " + _("{start} to {end}").format(start=p.start.isoformat(),
                                                             end=p.end.isoformat())
                  + (f"  {p.label}" if p.label else ""))
    return EXIT_OK


def _any_date(text: str, what: str) -> Any:
    from datetime import date

    try:
        if len(text.strip()) != 10:
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(_("{what}: '{text}' is not a valid date; use YYYY-MM-DD.").format(
            what=what, text=text)) from None


def cmd_quiet_add(args: argparse.Namespace, ctx: Context) -> int:
    start, end = _any_date(args.start, "START"), _any_date(args.end, "END")
    if end < start:
        raise UsageError(_("END {end} is before START {start}.").format(end=end, start=start))
    with open_vault(ctx) as vault:
        period = vault.quiet_periods.add(start, end, args.label)
    ctx.print(_("Added quiet period {id}: {start} to {end}. Only safety support (and a "
                "check-in if you go quiet) will be shown then; anything still relevant "
                "afterwards will show after it ends.").format(id=period.id, start=start, end=end))
    return EXIT_OK


def cmd_quiet_delete(args: argparse.Namespace, ctx: Context) -> int:
    with open_vault(ctx) as vault:
        gone = vault.quiet_periods.delete(args.id)
    if gone is None:
        raise UsageError(_("There is no quiet period {id} (see 'selfcare-app quiet list').").format(
            id=args.id))
    ctx.print(_("Deleted quiet period {id} ({start} to {end}).").format(
        id=args.id, start=gone.start, end=gone.end))
    return EXIT_OK
