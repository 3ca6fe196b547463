"""Strength check for new passphrases: zxcvbn's estimate, explained in the app's own words.

zxcvbn (offline; its word lists ship with the package) finds the patterns a guesser tries
first: common passwords, names, words with a year added, keyboard runs, repeats, dates. Score
3 of 4 is the minimum for a new vault and for a change. One more rule of our own: a single
common word plus only digits and symbols ("Summer2026!!") counts as at most 2, because that is
exactly the shape guessers try first.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from typing import Any, Final

from selfcare_app.core.formatting import format_integer
from selfcare_app.i18n import N_, _

MIN_LENGTH: Final = 10
MIN_SCORE: Final = 3
# The same limit on the command line as in the app's fields (QLineEdit's maximum length).
MAX_LENGTH: Final = 32767
_ZXCVBN_MAX: Final = 72  # zxcvbn refuses longer input; the first 72 characters are plenty
_FILLER: Final = frozenset(string.digits + string.punctuation + string.whitespace)
_NAMES: Final = frozenset({"female_names", "male_names", "surnames"})

ADVICE: Final = N_("Try three or four unrelated words.")


_LABELS: Final = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Good"), N_("Strong"))


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) … 4 (strong)
    bits: float  # log2 of the estimated guesses
    acceptable: bool
    message: str

    @property
    def label(self) -> str:
        return _(_LABELS[self.score])


def split_stdin_lines(text: str) -> list[str]:
    """Split piped input the way the app's field sees a passphrase: on "\\n" only (one "\\r"
    before it is dropped, for Windows pipes); U+2028, U+0085 and form feeds stay inside."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _estimate(passphrase: str) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # loads its word lists (~50 ms); only when a passphrase is set

    result: dict[str, Any] = zxcvbn(passphrase[:_ZXCVBN_MAX])
    return result


def _word_plus_filler(matches: list[dict[str, Any]]) -> bool:
    words = [m for m in matches if m["pattern"] == "dictionary"]
    rest = "".join(str(m["token"]) for m in matches if m["pattern"] != "dictionary")
    return len(words) == 1 and all(c in _FILLER for c in rest)


def _reason(matches: list[dict[str, Any]], passphrase: str) -> str:
    """The most telling pattern found, in plain words."""
    patterns = {m["pattern"] for m in matches}
    words = [m for m in matches if m["pattern"] == "dictionary"]
    if len(matches) == 1 and words and words[0].get("dictionary_name") == "passwords":
        return _with_advice(_("This is one of the most common passwords; anyone guessing would "
                              "try it early."))
    if _word_plus_filler(matches) and any(c.isdigit() for c in passphrase):
        if words[0].get("dictionary_name") in _NAMES:
            return _with_advice(_("This looks like a name with a year or numbers added, which "
                                  "is one of the first things guessed."))
        return _with_advice(_("This looks like a common word with a year or numbers added, "
                              "which is one of the first things guessed."))
    if "repeat" in patterns:
        return _with_advice(_("Repeating characters or words is easy to guess."))
    if patterns & {"sequence", "spatial"}:
        return _with_advice(_("Keyboard rows and runs like 'abcdef', 'qwerty' or '123456' are "
                              "guessed first."))
    if any(m.get("l33t") for m in words):
        return _with_advice(_("Swapping letters for look-alike symbols (@ for a, 0 for o) "
                              "doesn't slow a guesser down."))
    if any(m.get("dictionary_name") in _NAMES for m in words):
        return _with_advice(_("Names and a few extra characters are easy to guess."))
    if words and any(m.get("dictionary_name") == "passwords" for m in words):
        return _with_advice(_("This is close to a common password."))
    if "date" in patterns or "regex" in patterns:
        return _with_advice(_("Dates and years are among the first things guessed."))
    return _("Almost there: make it a little longer, or add another unrelated word.")


def _with_advice(reason: str) -> str:
    return f"{reason} {_(ADVICE)}"


def check_strength(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, 0.0, False, _("Enter a passphrase."))
    if not passphrase.strip():
        return Strength(0, 0.0, False, _("A passphrase can't be only spaces."))
    if len(passphrase) > MAX_LENGTH:
        return Strength(0, 0.0, False,
                        _("Use at most {limit} characters (you have {length}).").format(
                            limit=format_integer(MAX_LENGTH),
                            length=format_integer(len(passphrase))))
    if any(c in "\n\r\x00" for c in passphrase):
        return Strength(0, 0.0, False, _("A passphrase can't contain line breaks or NUL."))
    result = _estimate(passphrase)
    matches: list[dict[str, Any]] = list(result["sequence"])
    score = int(result["score"])
    bits = math.log2(max(float(result["guesses"]), 1.0))
    if _word_plus_filler(matches) and len(passphrase) <= _ZXCVBN_MAX:
        score = min(score, 2)
    if len(passphrase) < MIN_LENGTH:
        return Strength(min(score, 1), bits, False,
                        _("Use at least {limit} characters (you have {length}). A few unrelated "
                          "words are long and easy to remember.").format(
                              limit=MIN_LENGTH, length=len(passphrase)))
    if score < MIN_SCORE:
        return Strength(score, bits, False, _reason(matches, passphrase))
    return Strength(score, bits, True,
                    _("Strong enough. Write it down somewhere safe: it can't be recovered if "
                      "lost."))
