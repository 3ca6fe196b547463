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

MIN_LENGTH: Final = 10
MIN_SCORE: Final = 3
# The same limit on the command line as in the app's fields (QLineEdit's maximum length).
MAX_LENGTH: Final = 32767
_ZXCVBN_MAX: Final = 72  # zxcvbn refuses longer input; the first 72 characters are plenty
_FILLER: Final = frozenset(string.digits + string.punctuation + string.whitespace)
_NAMES: Final = frozenset({"female_names", "male_names", "surnames"})

ADVICE: Final = "Try three or four unrelated words."


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) … 4 (strong)
    bits: float  # log2 of the estimated guesses
    acceptable: bool
    message: str

    @property
    def label(self) -> str:
        return ("Very weak", "Weak", "Fair", "Good", "Strong")[self.score]


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
        return ("This is one of the most common passwords; anyone guessing would try it "
                f"early. {ADVICE}")
    if _word_plus_filler(matches) and any(c.isdigit() for c in passphrase):
        kind = "name" if words[0].get("dictionary_name") in _NAMES else "common word"
        return (f"This looks like a {kind} with a year or numbers added, which is one of "
                f"the first things guessed. {ADVICE}")
    if "repeat" in patterns:
        return f"Repeating characters or words is easy to guess. {ADVICE}"
    if patterns & {"sequence", "spatial"}:
        return ("Keyboard rows and runs like 'abcdef', 'qwerty' or '123456' are guessed "
                f"first. {ADVICE}")
    if any(m.get("l33t") for m in words):
        return ("Swapping letters for look-alike symbols (@ for a, 0 for o) doesn't slow a "
                f"guesser down. {ADVICE}")
    if any(m.get("dictionary_name") in _NAMES for m in words):
        return f"Names and a few extra characters are easy to guess. {ADVICE}"
    if words and any(m.get("dictionary_name") == "passwords" for m in words):
        return f"This is close to a common password. {ADVICE}"
    if "date" in patterns or "regex" in patterns:
        return f"Dates and years are among the first things guessed. {ADVICE}"
    return "Almost there: make it a little longer, or add another unrelated word."


def check_strength(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, 0.0, False, "Enter a passphrase.")
    if not passphrase.strip():
        return Strength(0, 0.0, False, "A passphrase can't be only spaces.")
    if len(passphrase) > MAX_LENGTH:
        return Strength(0, 0.0, False,
                        f"Use at most {MAX_LENGTH:,} characters (you have {len(passphrase):,}).")
    if any(c in "\n\r\x00" for c in passphrase):
        return Strength(0, 0.0, False, "A passphrase can't contain line breaks or NUL.")
    result = _estimate(passphrase)
    matches: list[dict[str, Any]] = list(result["sequence"])
    score = int(result["score"])
    bits = math.log2(max(float(result["guesses"]), 1.0))
    if _word_plus_filler(matches) and len(passphrase) <= _ZXCVBN_MAX:
        score = min(score, 2)
    if len(passphrase) < MIN_LENGTH:
        return Strength(min(score, 1), bits, False,
                        f"Use at least {MIN_LENGTH} characters (you have {len(passphrase)}). "
                        "A few unrelated words are long and easy to remember.")
    if score < MIN_SCORE:
        return Strength(score, bits, False, _reason(matches, passphrase))
    return Strength(score, bits, True,
                    "Strong enough. Write it down somewhere safe: it can't be recovered if lost.")
