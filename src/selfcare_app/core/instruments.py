"""Validated self-checks (CONTENT.md §2): definitions, answer checks, scoring, bands, change.

Definitions are data (`resources/instruments/*.json`), so wording, thresholds and sources can be
reviewed without reading code. Everything here is pure: answers in, an `Assessment` out.

Answers are the option values printed on the questionnaire (WHO-5 0–5, PHQ/GAD 0–3,
CBI 100/75/50/25/0), in item order, `None` for an unanswered item. Incomplete answers give no
score, except under the CBI's documented rule (a scale's mean needs a minimum number of
answered items) [CONTENT.md §2.4].
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from types import MappingProxyType
from typing import Any, Final, Literal

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.content_files import (
    DEFAULT_LANGUAGE,
    chosen_languages,
    content_folder,
    localized_file,
    same_language,
)
from selfcare_app.core.formatting import decimal_sign, format_medium_day
from selfcare_app.i18n import N_, _, ngettext

FORMAT: Final = "selfcare-instrument"
SUPPORT_KINDS: Final = frozenset({"learn", "resources", "selfcheck"})
SAFETY_THRESHOLD: Final = 1  # PHQ-9 item 9: any answer above "Not at all" (CONTENT.md §2.3)

Direction = Literal["better", "worse", "same"]


class InstrumentDefinitionError(ValueError):
    """A definition file that does not follow the format (a packaging bug, never user input)."""


class AnswerError(ValueError):
    """Answers that cannot be scored as given; the message names the item and allowed values."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.item = item


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class OptionSet:
    id: str
    options: tuple[Option, ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)

    @property
    def lowest(self) -> int:
        return min(self.values)

    @property
    def highest(self) -> int:
        return max(self.values)

    def label_for(self, value: int) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        raise KeyError(value)

    def allowed_text(self) -> str:
        """'0 (Not at all), 1 (Several days), …' in ascending value order."""
        ordered = sorted(self.options, key=lambda o: o.value)
        return ", ".join(f"{o.value} ({o.label})" for o in ordered)


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    options: OptionSet
    reverse: bool = False

    def scored(self, value: int) -> int:
        """The value that counts towards the score (a reverse item is mirrored)."""
        if self.reverse:
            return self.options.lowest + self.options.highest - value
        return value


@dataclass(frozen=True)
class SupportLink:
    """Something to offer with a result: a Learn article, a Resources category, a self-check."""

    kind: str
    target: str
    label: str


@dataclass(frozen=True)
class Band:
    """A score range with a non-diagnostic label.

    The range ends at `max` (inclusive) or just before `below` (exclusive); the last band has
    neither and takes everything above the band before it. Bands are listed from low to high.
    """

    id: str
    label: str
    description: str
    tier: int
    max: float | None = None
    below: float | None = None
    support: tuple[SupportLink, ...] = ()

    def admits(self, score: float) -> bool:
        if self.max is not None:
            return score <= self.max
        if self.below is not None:
            return score < self.below
        return True


@dataclass(frozen=True)
class Scoring:
    method: Literal["sum", "mean"]
    multiplier: float
    min_answered: int
    minimum: float
    maximum: float
    raw_minimum: float
    raw_maximum: float
    higher_is_better: bool
    unit: str
    explanation: str


@dataclass(frozen=True)
class MeaningfulChange:
    points: float
    note: str
    caution: str = ""  # e.g. WHO-5: individual scores are noisy (CONTENT.md §3.3 Q4)


@dataclass(frozen=True)
class Source:
    ref: int
    citation: str
    url: str


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    order: int
    name: str
    short_name: str
    adapted: bool
    measures: str
    stem: str
    recall_period: str
    notice: str
    option_sets: Mapping[str, OptionSet]
    items: tuple[Item, ...]
    scoring: Scoring
    bands: tuple[Band, ...]
    band_basis: str
    meaningful_change: MeaningfulChange | None
    cadence_days: int
    safety_item: int | None
    attribution: str
    licence: str
    loinc: str
    sources: tuple[Source, ...]

    def band(self, band_id: str | None) -> Band | None:
        for band in self.bands:
            if band.id == band_id:
                return band
        return None

    def band_for(self, score: float) -> Band:
        for band in self.bands:
            if band.admits(score):
                return band
        return self.bands[-1]  # unreachable: the last band admits everything

    def band_range_text(self, band: Band) -> str:
        """'0–4', '29–50' for whole-number scores; '50 to under 75', '≥ 75' for means."""
        index = self.bands.index(band)
        prev = self.bands[index - 1] if index else None
        if self.scoring.method == "sum":  # whole numbers
            low = self.scoring.minimum
            if prev is not None:
                low = prev.max + 1 if prev.max is not None else float(prev.below or 0)
            high = band.max if band.max is not None else (
                band.below - 1 if band.below is not None else self.scoring.maximum)
            return f"{_num(low)}–{_num(high)}"
        if prev is None:
            low_text = _num(self.scoring.minimum)
        elif prev.max is not None:
            low_text = _("above {value}").format(value=_num(prev.max))
        else:
            low_text = _num(prev.below or 0)
        if band.below is not None:
            return _("{low} to under {high}").format(low=low_text, high=_num(band.below))
        if band.max is not None:
            return _("{low} to {high}").format(low=low_text, high=_num(band.max))
        return f"≥ {low_text}" if prev is None or prev.max is None else low_text

    @property
    def higher_is_better(self) -> bool:
        return self.scoring.higher_is_better


def _num(value: float) -> str:
    return f"{value:g}"


def format_score(score: float) -> str:
    """A score as a student reads it: whole numbers plain, CBI means to one decimal (with the
    language's decimal sign)."""
    if float(score).is_integer():
        return f"{int(score)}"
    return f"{score:.1f}".replace(".", decimal_sign())


# -- loading -------------------------------------------------------------------------------


def _require(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in raw:
        raise InstrumentDefinitionError(f"{where}: missing '{key}'")
    value = raw[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InstrumentDefinitionError(f"{where}: '{key}' has the wrong type")
    return value


def parse_definition(raw: Mapping[str, Any]) -> Instrument:
    """Build and check an Instrument from a definition file's JSON; raises on any problem."""
    where = str(raw.get("id", "definition"))
    if raw.get("format") != FORMAT:
        raise InstrumentDefinitionError(f"{where}: 'format' must be '{FORMAT}'")
    sets: dict[str, OptionSet] = {}
    for set_id, options in _require(raw, "option_sets", dict, where).items():
        parsed = tuple(
            Option(int(_require(o, "value", int, f"{where} option")),
                   str(_require(o, "label", str, f"{where} option")))
            for o in options
        )
        if len(parsed) < 2 or len({o.value for o in parsed}) != len(parsed):
            raise InstrumentDefinitionError(f"{where}: option set '{set_id}' needs distinct values")
        sets[set_id] = OptionSet(set_id, parsed)
    items: list[Item] = []
    for number, item in enumerate(_require(raw, "items", list, where), start=1):
        set_id = _require(item, "options", str, f"{where} item {number}")
        if set_id not in sets:
            raise InstrumentDefinitionError(f"{where} item {number}: unknown option set {set_id}")
        items.append(Item(number, _require(item, "text", str, f"{where} item {number}"),
                          sets[set_id], bool(item.get("reverse", False))))
    if not items:
        raise InstrumentDefinitionError(f"{where}: no items")
    s = _require(raw, "scoring", dict, where)
    method = _require(s, "method", str, where)
    if method not in ("sum", "mean"):
        raise InstrumentDefinitionError(f"{where}: scoring method must be sum or mean")
    low, high = _require(s, "range", list, where)
    raw_low, raw_high = _require(s, "raw_range", list, where)
    scoring = Scoring(
        method=method,
        multiplier=float(_require(s, "multiplier", (int, float), where)),
        min_answered=int(_require(s, "min_answered", int, where)),
        minimum=float(low), maximum=float(high),
        raw_minimum=float(raw_low), raw_maximum=float(raw_high),
        higher_is_better=bool(_require(s, "higher_is_better", bool, where)),
        unit=str(s.get("unit", "")),
        explanation=str(s.get("explanation", "")),
    )
    if not 1 <= scoring.min_answered <= len(items):
        raise InstrumentDefinitionError(f"{where}: min_answered out of range")
    if method == "sum" and scoring.min_answered != len(items):
        raise InstrumentDefinitionError(f"{where}: a summed score needs every item answered")
    bands = tuple(_band(b, where) for b in _require(raw, "bands", list, where))
    _check_bands(bands, scoring, where)
    mc = raw.get("meaningful_change")
    change = None
    if mc is not None:
        change = MeaningfulChange(float(_require(mc, "points", (int, float), where)),
                                  str(mc.get("note", "")), str(mc.get("caution", "")))
    safety = raw.get("safety_item")
    if safety is not None and not (isinstance(safety, int) and 1 <= safety <= len(items)):
        raise InstrumentDefinitionError(f"{where}: safety_item must name an item")
    sources = tuple(
        Source(int(_require(x, "ref", int, where)), _require(x, "citation", str, where),
               _require(x, "url", str, where))
        for x in _require(raw, "sources", list, where)
    )
    if not sources:
        raise InstrumentDefinitionError(f"{where}: sources are required")
    cadence = int(_require(raw, "cadence_days", int, where))
    if cadence < 1:
        raise InstrumentDefinitionError(f"{where}: cadence_days must be at least 1")
    return Instrument(
        id=_require(raw, "id", str, where),
        version=_require(raw, "version", str, where),
        order=int(raw.get("order", 0)),
        name=_require(raw, "name", str, where),
        short_name=_require(raw, "short_name", str, where),
        adapted=bool(raw.get("adapted", False)),
        measures=_require(raw, "measures", str, where),
        stem=str(raw.get("stem", "")),
        recall_period=str(raw.get("recall_period", "")),
        notice=str(raw.get("notice", "")),
        option_sets=MappingProxyType(sets),
        items=tuple(items),
        scoring=scoring,
        bands=bands,
        band_basis=str(raw.get("band_basis", "")),
        meaningful_change=change,
        cadence_days=cadence,
        safety_item=safety,
        attribution=_require(raw, "attribution", str, where),
        licence=_require(raw, "licence", str, where),
        loinc=str(raw.get("loinc", "")),
        sources=sources,
    )


def _band(raw: Mapping[str, Any], where: str) -> Band:
    support = tuple(
        SupportLink(str(s["kind"]), str(s["target"]), str(s["label"]))
        for s in raw.get("support", ())
    )
    for link in support:
        if link.kind not in SUPPORT_KINDS:
            raise InstrumentDefinitionError(f"{where}: unknown support kind {link.kind}")
    upper_max, upper_below = raw.get("max"), raw.get("below")
    if upper_max is not None and upper_below is not None:
        raise InstrumentDefinitionError(f"{where}: a band has either 'max' or 'below', not both")
    return Band(
        id=_require(raw, "id", str, where),
        label=_require(raw, "label", str, where),
        description=_require(raw, "description", str, where),
        tier=int(raw.get("tier", 0)),
        max=None if upper_max is None else float(upper_max),
        below=None if upper_below is None else float(upper_below),
        support=support,
    )


def _check_bands(bands: Sequence[Band], scoring: Scoring, where: str) -> None:
    if not bands:
        raise InstrumentDefinitionError(f"{where}: no bands")
    uppers = []
    for band in bands[:-1]:
        upper = band.max if band.max is not None else band.below
        if upper is None:
            raise InstrumentDefinitionError(f"{where}: only the last band may be open-ended")
        uppers.append(upper)
    if bands[-1].max is not None or bands[-1].below is not None:
        raise InstrumentDefinitionError(f"{where}: the last band must be open-ended")
    if uppers != sorted(set(uppers)):
        raise InstrumentDefinitionError(f"{where}: band bounds must increase")
    if uppers and uppers[0] < scoring.minimum:
        raise InstrumentDefinitionError(f"{where}: the first band is empty")
    if uppers and uppers[-1] >= scoring.maximum:
        raise InstrumentDefinitionError(f"{where}: the last band is empty")


def load_instruments() -> Mapping[str, Instrument]:
    """Every shipped definition, keyed by id, in display order, in the chosen language where a
    validated translation ships (`instruments/<lang>/<file>`), else English."""
    return _load_instruments(tuple(chosen_languages()))


@cache
def _load_instruments(languages: tuple[str, ...]) -> Mapping[str, Instrument]:
    folder = content_folder("instruments")
    found: list[Instrument] = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json") and entry.is_file():
            english = parse_definition(json.loads(entry.read_text(encoding="utf-8")))
            found.append(_translated(folder, entry.name, english, languages))
    found.sort(key=lambda i: (i.order, i.id))
    ids = [i.id for i in found]
    if len(set(ids)) != len(ids):
        raise InstrumentDefinitionError("two definition files share an id")
    return MappingProxyType({i.id: i for i in found})


def _translated(folder: Any, name: str, english: Instrument,
                languages: Sequence[str]) -> Instrument:
    """The translation of `english` for the first language that has one, if it is well formed,
    says its language and scores exactly like the English; else the English definition."""
    path, lang = localized_file(folder, name, languages)
    if lang == DEFAULT_LANGUAGE:
        return english
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        translated = parse_definition(raw)
    except (ValueError, KeyError, TypeError):
        return english
    if not same_language(raw.get("language"), lang) or not same_scoring(english, translated):
        return english
    return translated


def same_scoring(a: Instrument, b: Instrument) -> bool:
    """Do two definitions (English and a translation) score identically: same id, items, option
    values, scoring, bands and safety item? Only the words may differ."""
    def shape(i: Instrument) -> tuple[Any, ...]:
        return (i.id, i.version, i.scoring.method, i.scoring.multiplier,
                i.scoring.min_answered, i.scoring.minimum, i.scoring.maximum,
                i.scoring.raw_minimum, i.scoring.raw_maximum, i.scoring.higher_is_better,
                tuple((it.number, it.reverse, tuple(o.value for o in it.options.options))
                      for it in i.items),
                tuple((b.id, b.max, b.below) for b in i.bands), i.safety_item, i.cadence_days)
    return shape(a) == shape(b)


def get_instrument(instrument_id: str) -> Instrument:
    """The definition with this exact id; KeyError if there is none."""
    return load_instruments()[instrument_id]


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def find_instrument(name: str) -> Instrument:
    """Look an instrument up the way a person types it: 'WHO-5', 'phq9', 'CBI study'.

    Raises AnswerError with the list of known names when nothing matches.
    """
    wanted = _key(name)
    for instrument in load_instruments().values():
        if wanted and wanted in (_key(instrument.id), _key(instrument.short_name)):
            return instrument
    if wanted == "cbi":
        raise AnswerError(_("There are two CBI self-checks: cbi-personal and cbi-study."))
    known = ", ".join(load_instruments())
    raise AnswerError(_("Unknown self-check '{name}'; choose one of: {known}.").format(
        name=name, known=known))


# -- answers and scoring -----------------------------------------------------------------------


def validate_answers(
    instrument: Instrument, answers: Sequence[int | None]
) -> tuple[int | None, ...]:
    """Check one answer per item, each an allowed value or None (unanswered)."""
    name = instrument.short_name
    if len(answers) != len(instrument.items):
        raise AnswerError(_questions_given(name, len(instrument.items), len(answers)))
    checked: list[int | None] = []
    for item, value in zip(instrument.items, answers, strict=True):
        if value is None:
            checked.append(None)
            continue
        if isinstance(value, bool) or not isinstance(value, int) \
                or value not in item.options.values:
            raise AnswerError(
                _("{name} question {number} (\"{text}\"): {value} is not one of the answers; "
                  "choose {allowed}.").format(name=name, number=item.number,
                                              text=_short(item.text), value=repr(value),
                                              allowed=item.options.allowed_text()),
                item=item.number,
            )
        checked.append(value)
    return tuple(checked)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def missing_items(instrument: Instrument, answers: Sequence[int | None]) -> list[int]:
    """Item numbers (1-based) without an answer."""
    return [i + 1 for i, value in enumerate(answers) if value is None]


def is_scorable(instrument: Instrument, answers: Sequence[int | None]) -> bool:
    answered = sum(value is not None for value in answers)
    return answered >= instrument.scoring.min_answered


def raw_score(instrument: Instrument, answers: Sequence[int | None]) -> float | None:
    """The raw sum (or mean) of the scored item values, or None if too few were answered."""
    checked = validate_answers(instrument, answers)
    if not is_scorable(instrument, checked):
        return None
    scored = [item.scored(v) for item, v in zip(instrument.items, checked, strict=True)
              if v is not None]
    if instrument.scoring.method == "mean":
        return sum(scored) / len(scored)
    return float(sum(scored))


def score(instrument: Instrument, answers: Sequence[int | None], taken_at: datetime) -> Assessment:
    """Score the answers. Incomplete answers give `score=None, band=None`, except where the
    instrument allows a minimum (the CBI)."""
    checked = validate_answers(instrument, answers)
    raw = raw_score(instrument, checked)
    subscores: dict[str, float] = {}
    total: float | None = None
    band_id: str | None = None
    if raw is not None:
        total = raw * instrument.scoring.multiplier
        if instrument.scoring.multiplier != 1:
            subscores["raw"] = raw
        band_id = instrument.band_for(total).id
    if instrument.scoring.method == "mean":
        subscores["answered"] = float(sum(v is not None for v in checked))
    return Assessment(
        instrument=instrument.id,
        instrument_version=instrument.version,
        taken_at=taken_at,
        answers=checked,
        score=total,
        band=band_id,
        subscores=MappingProxyType(subscores),
    )


def safety_flag(instrument: Instrument, answers: Sequence[int | None] | Assessment) -> bool:
    """True when the safety item (PHQ-9 item 9) has any answer above 'Not at all' [§2.3].

    Works on partial answers too, so support can open the moment the answer is chosen.
    """
    if instrument.safety_item is None:
        return False
    values = answers.answers if isinstance(answers, Assessment) else answers
    if len(values) < instrument.safety_item:
        return False
    value = values[instrument.safety_item - 1]
    return value is not None and value >= SAFETY_THRESHOLD


SAFETY_BAND_NOTE: Final = N_(
    "This total counts how often the other problems bothered you. It doesn't outweigh your "
    "answer about thoughts of self-harm: that answer matters most today, and support is "
    "there for it.")


def band_wording(instrument: Instrument, band: Band, result: Assessment) -> tuple[str, str]:
    """A result's band as (label, description). With a self-harm answer above "Not at all"
    the band is named as the total's range and never reassures ("Few of these problems"),
    so it can't contradict the support shown first."""
    if safety_flag(instrument, result):
        return (_("Total score in the {band}").format(band=band.label[:1].lower() + band.label[1:]),
                _(SAFETY_BAND_NOTE))
    return band.label, band.description


# -- change and cadence -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How a score compares with the previous scored result of the same instrument."""

    previous: Assessment
    delta: float
    threshold: float | None
    meaningful: bool
    direction: Direction
    caution: str

    def describe(self, instrument: Instrument) -> str:
        when = format_medium_day(self.previous.taken_at.date())
        if self.delta == 0:
            text = _("The same score as last time ({day}).").format(day=when)
        else:
            size, count = format_score(abs(self.delta)), _plural_count(abs(self.delta))
            text = (ngettext("{size} point higher than last time ({day}).",
                             "{size} points higher than last time ({day}).", count)
                    if self.delta > 0 else
                    ngettext("{size} point lower than last time ({day}).",
                             "{size} points lower than last time ({day}).", count)).format(
                                 size=size, day=when)
        if self.threshold is not None:
            points = format_score(self.threshold)
            text += " " + (_("Changes of {points} points or more count as meaningful; this one "
                             "does.") if self.meaningful else
                           _("Changes of {points} points or more count as meaningful; this one "
                             "is smaller.")).format(points=points)
        return text


def previous_scored(history: Iterable[Assessment], current: Assessment) -> Assessment | None:
    """The latest scored result of the same instrument taken before `current`."""
    earlier = [
        a for a in history
        if a.instrument == current.instrument and a.score is not None
        and a.taken_at < current.taken_at and (current.id is None or a.id != current.id)
    ]
    return max(earlier, key=lambda a: a.taken_at, default=None)


def change(
    instrument: Instrument, current: Assessment, previous: Assessment | None
) -> Change | None:
    """Change since `previous`, flagged meaningful at the instrument's threshold (either way).

    None when there is no previous result or either result has no score.
    """
    if previous is None or current.score is None or previous.score is None:
        return None
    delta = current.score - previous.score
    direction: Direction = "same"
    if delta:
        better = (delta > 0) == instrument.higher_is_better
        direction = "better" if better else "worse"
    mc = instrument.meaningful_change
    threshold = None if mc is None else mc.points
    meaningful = threshold is not None and abs(delta) >= threshold
    return Change(previous, delta, threshold, meaningful, direction,
                  "" if mc is None else mc.caution)


def last_taken(instrument: Instrument, history: Iterable[Assessment]) -> date | None:
    """The day this instrument last gave a score, or None."""
    days = [a.taken_at.date() for a in history
            if a.instrument == instrument.id and a.score is not None]
    return max(days, default=None)


def next_due(instrument: Instrument, history: Iterable[Assessment]) -> date | None:
    """The first day the instrument is offered again (None: never taken, so due now)."""
    last = last_taken(instrument, history)
    return None if last is None else last + timedelta(days=instrument.cadence_days)


def is_due(instrument: Instrument, history: Iterable[Assessment], today: date) -> bool:
    """Offer again only after the cadence (CONTENT.md §2.4): 14 days for WHO-5/PHQ/GAD
    (their 2-week recall), 28 days for the CBI. Unscored attempts don't count."""
    due = next_due(instrument, history)
    return due is None or today >= due


def due_text(instrument: Instrument, history: Iterable[Assessment], today: date) -> str:
    due = next_due(instrument, history)
    if due is None:
        return _("Not taken yet")
    if today >= due:
        return _("Due now")
    days = (due - today).days
    return ngettext("Next in {days} day ({day})", "Next in {days} days ({day})", days).format(
        days=days, day=format_medium_day(due))


# -- command-line answers ---------------------------------------------------------------------


_SKIPPED: Final = frozenset({"", "-", "_"})


def parse_answer_text(instrument: Instrument, text: str) -> tuple[int | None, ...]:
    """Parse '1,2,3,…' as typed on the command line: one answer per question, in order.

    Values are as printed on the questionnaire. For 100/75/50/25/0 scales (the CBI) the
    positions 0–4 are accepted too, 0 = lowest (Never/almost never, To a very low degree) …
    4 = highest (Always, To a very high degree). An empty or '-' answer is unanswered.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(instrument.items):
        raise AnswerError(_questions_given(instrument.short_name, len(instrument.items),
                                           len(parts), commas=True))
    values: list[int | None] = []
    for item, part in zip(instrument.items, parts, strict=True):
        if part in _SKIPPED:
            values.append(None)
            continue
        try:
            number = int(part)
        except ValueError:
            raise AnswerError(
                _("{name} question {number}: '{answer}' is not a number; choose {allowed}.")
                .format(name=instrument.short_name, number=item.number, answer=part,
                        allowed=_allowed_cli(item)),
                item=item.number,
            ) from None
        value = _from_position(item, number)
        if value not in item.options.values:
            raise AnswerError(
                _("{name} question {number}: {answer} is not one of the answers; choose "
                  "{allowed}.").format(name=instrument.short_name, number=item.number,
                                       answer=part, allowed=_allowed_cli(item)),
                item=item.number,
            )
        values.append(value)
    return validate_answers(instrument, values)


def _positions(item: Item) -> tuple[int, ...] | None:
    """For scales whose values are not 0..n-1, the values ordered lowest first."""
    values = sorted(item.options.values)
    if values == list(range(len(values))):
        return None
    return tuple(values)


def _from_position(item: Item, number: int) -> int:
    positions = _positions(item)
    if positions is not None and number not in positions and 0 <= number < len(positions):
        return positions[number]
    return number


def _allowed_cli(item: Item) -> str:
    positions = _positions(item)
    if positions is None:
        return item.options.allowed_text()
    return _("{allowed} (or 0–{last} for those, lowest first)").format(
        allowed=item.options.allowed_text(), last=len(positions) - 1)


def complete_or_raise(instrument: Instrument, answers: Sequence[int | None]) -> None:
    """Raise AnswerError, naming the missing questions, unless the answers can be scored."""
    if is_scorable(instrument, answers):
        return
    missing = missing_items(instrument, answers)
    listed = ", ".join(str(n) for n in missing)
    if instrument.scoring.min_answered == len(instrument.items):
        raise AnswerError(
            ngettext("{name} needs an answer to every question for a score; question {listed} "
                     "is unanswered.",
                     "{name} needs an answer to every question for a score; questions {listed} "
                     "are unanswered.", len(missing)).format(name=instrument.short_name,
                                                             listed=listed),
            item=missing[0],
        )
    answered = len(answers) - len(missing)
    raise AnswerError(
        ngettext("{name} needs at least {needed} of {total} questions answered for a score; "
                 "only {answered} was.",
                 "{name} needs at least {needed} of {total} questions answered for a score; "
                 "only {answered} were.", answered).format(
                     name=instrument.short_name, needed=instrument.scoring.min_answered,
                     total=len(instrument.items), answered=answered),
        item=missing[0],
    )


def _questions_given(name: str, questions: int, answers: int, commas: bool = False) -> str:
    """"WHO-5 has 5 questions; 3 answers were given." """
    # Translators: {questions} is "5 questions", {answers} "3 answers were given".
    text = (_("{name} has {questions}; {answers} (separate them with commas).") if commas else
            _("{name} has {questions}; {answers}."))
    return text.format(
        name=name,
        questions=ngettext("{count} question", "{count} questions", questions).format(
            count=questions),
        answers=ngettext("{count} answer was given", "{count} answers were given",
                         answers).format(count=answers))


def _plural_count(value: float) -> int:
    """The number ngettext should choose a form for: 1 for exactly one, else the rounding."""
    return 1 if value == 1 else max(2, round(value))
