"""Self-check commands: `checkin INSTRUMENT --answers a,b,c,...` (DESIGN.md §8)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from selfcare_app.clock import now, today
from selfcare_app.commands import open_vault
from selfcare_app.commands.context import EXIT_OK, Context, UsageError
from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import (
    AnswerError,
    Instrument,
    band_wording,
    change,
    complete_or_raise,
    find_instrument,
    format_score,
    get_instrument,
    load_instruments,
    parse_answer_text,
    previous_scored,
    safety_flag,
    score,
)
from selfcare_app.data.assessments import SOURCE_PHQ9_ITEM9
from selfcare_app.data.errors import VaultError
from selfcare_app.data.vault import Vault
from selfcare_app.i18n import N_, _

SUPPORT_MESSAGE: Final = N_("Thank you for telling us. You deserve support right now.")
GENERIC_CRISIS_LINE: Final = N_(
    "If you are in danger, call your local emergency number now. To find a free, confidential "
    "helpline in your country, visit findahelpline.com."
)
NOT_A_DIAGNOSIS: Final = N_("This is a self-check, not a diagnosis.")

# Translators: keep the layout (line breaks, indents) and the numbers; they are what to type.
_EPILOG = N_("""\
answers, in question order, separated by commas (the values printed on the questionnaire):
  who5          5 answers: 5 All of the time, 4 Most of the time, 3 More than half of the time,
                2 Less than half of the time, 1 Some of the time, 0 At no time
  phq8, phq9    8 or 9 answers: 0 Not at all, 1 Several days, 2 More than half the days,
                3 Nearly every day
  gad7          7 answers, same scale as the PHQ
  cbi-personal  6 answers; cbi-study 7 answers (adapted from the Copenhagen Burnout Inventory):
                100 Always / To a very high degree, 75 Often / To a high degree,
                50 Sometimes / Somewhat, 25 Seldom / To a low degree,
                0 Never/almost never / To a very low degree;
                or the positions 4, 3, 2, 1, 0 for the same answers (0 is lowest).
                Leave an answer empty (e.g. 100,,50) to skip it: a CBI scale is still scored
                when at least 3 (personal) or 4 (study) of its questions are answered.
Every other self-check needs all of its answers. The PHQ-9 includes a question about
self-harm; any answer above 0 to it shows support options straight away.
Scores are self-checks, not diagnoses.""")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    ids = ", ".join(load_instruments())
    p = sub.add_parser(
        "checkin",
        help=_("record a self-check (WHO-5, PHQ-8, PHQ-9, GAD-7, CBI)"),
        description=_("Score and save a self-check. Prints the score, its range in plain words "
                      "and the change since last time."),
        epilog=_(_EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("instrument", metavar="INSTRUMENT", help=_("one of: {ids}").format(ids=ids))
    p.add_argument("--answers", required=True, metavar="A,B,C,...",
                   help=_("one answer per question, in order, separated by commas (see below)"))
    p.set_defaults(func=cmd_checkin)


def _taken_at() -> datetime:
    """Now, on the app's today (SELFCARE_TODAY pins the day for tests and demos)."""
    return datetime.combine(today(), now().time())


def cmd_checkin(args: argparse.Namespace, ctx: Context) -> int:
    # Validate everything before asking for the passphrase.
    try:
        instrument = find_instrument(args.instrument)
        answers = parse_answer_text(instrument, args.answers)
        complete_or_raise(instrument, answers)
    except AnswerError as exc:
        raise UsageError(str(exc)) from None
    result = score(instrument, answers, _taken_at())
    flagged = safety_flag(instrument, result)
    try:
        vault = open_vault(ctx)
    except VaultError:
        if flagged:  # support comes first, even when the vault can't be opened
            print_support(ctx, None)
        raise
    with vault:
        if flagged:
            print_support(ctx, vault.settings.get("region"))
            # The source code says which question; no English sentence goes into the vault
            # (the app stores the same event without a detail).
            vault.safety_events.add(result.taken_at, SOURCE_PHQ9_ITEM9)
        previous = previous_scored(vault.assessments.list(instrument.id), result)
        stored = vault.assessments.add(result)
    for line in result_lines(instrument, stored, previous):
        ctx.print(line)
    return EXIT_OK


def result_lines(instrument: Instrument, result: Assessment,
                 previous: Assessment | None) -> list[str]:
    """The result in plain, non-diagnostic words (also used by the demo and tests)."""
    lines = [_("Saved your {name} self-check ({day}).").format(
        name=instrument.short_name, day=result.taken_at.date().isoformat())]
    if result.score is None:
        lines.append(_("Not enough answers for a score."))
        return lines
    band = instrument.band(result.band)
    shown = format_score(result.score)
    raw = result.subscores.get("raw")
    if raw is not None:
        lines.append(_("Score: {score} {unit} (raw {raw} of {maximum}).").format(
            score=shown, unit=instrument.scoring.unit, raw=format_score(raw),
            maximum=format_score(instrument.scoring.raw_maximum)))
    else:
        lines.append(_("Score: {score} {unit}.").format(score=shown,
                                                        unit=instrument.scoring.unit))
    if band is not None:
        label, description = band_wording(instrument, band, result)
        lines.append(_("Range: {label} ({range}). {description}").format(
            label=label, range=instrument.band_range_text(band), description=description))
    lines.append(_("What it measures: {text}").format(text=instrument.measures))
    diff = change(instrument, result, previous)
    if diff is not None:
        lines.append(_("Change: {text}").format(text=diff.describe(instrument)))
        if diff.caution:
            lines.append(diff.caution)
    lines.append(_(NOT_A_DIAGNOSIS))
    lines.append(_("Source: {text}").format(text=instrument.attribution))
    return lines


def support_lines(region: str | None) -> list[str]:
    """S0 support: the message and the crisis lines for the student's region."""
    lines = [_(SUPPORT_MESSAGE)]
    try:
        from selfcare_app.core.crisis import lines_for

        crisis = lines_for(region)
    except (ImportError, OSError, KeyError, ValueError):
        crisis = []
    if not crisis:
        lines.append(_(GENERIC_CRISIS_LINE))
    for line in crisis:
        ways = line.ways()
        how = f": {', '.join(ways)}" if ways else ""
        lines.append(f"  {line.name}{how}. {line.description}".rstrip())
    if crisis and not any("findahelpline" in (c.url + c.description) for c in crisis):
        lines.append("  " + _("Outside this region: findahelpline.com lists free helplines by "
                              "country."))
    lines.append(_("Campus counseling (including any after-hours line) is in the app's "
                   "Resources."))
    return lines


def print_support(ctx: Context, region: str | None) -> None:
    for line in support_lines(region):
        ctx.print(line)
    ctx.print()


# -- demo data -------------------------------------------------------------------------------

# (days after the start of the demo range or, when negative, before its end; instrument; answers)
_DEMO: Final[tuple[tuple[str, int, tuple[int | None, ...]], ...]] = (
    ("who5", 12, (4, 3, 3, 3, 4)),              # raw 17 → 68, early term
    ("cbi-study", 14, (50, 25, 50, 50, 25, 25, 75)),
    ("who5", 40, (3, 3, 3, 2, 3)),              # raw 14 → 56
    ("gad7", 41, (1, 1, 1, 1, 0, 1, 0)),        # 5, mild range
    ("who5", -8, (2, 1, 2, 1, 3)),              # raw 9 → 36, finals
    ("cbi-study", -7, (75, 75, 75, 75, 75, 50, 25)),
    ("phq8", -6, (1, 1, 2, 2, 1, 1, 1, 0)),     # 9, mild range
)


def demo_assessments(start: date, end: date) -> list[Assessment]:
    """A few realistic self-checks across a demo range: wellbeing dips at finals (never any
    PHQ-9, so never a self-harm answer)."""
    out: list[Assessment] = []
    for instrument_id, offset, answers in _DEMO:
        day = start + timedelta(days=offset) if offset >= 0 else end + timedelta(days=offset)
        if not start <= day <= end:
            continue
        out.append(score(get_instrument(instrument_id), answers,
                         datetime.combine(day, time(21, 15))))
    out.sort(key=lambda a: a.taken_at)
    return out


def add_demo_selfchecks(vault: Vault) -> int:
    """Add the demo self-checks to a vault that has none yet; returns how many were added."""
    bounds = vault.entries.bounds()
    if bounds is None or vault.assessments.count():
        return 0
    results = demo_assessments(*bounds)
    for result in results:
        vault.assessments.add(result)
    return len(results)
