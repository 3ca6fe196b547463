"""Strength check for new passphrases, explained in plain words (no network, no word lists)."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from typing import Final

MIN_LENGTH: Final = 10
MIN_BITS: Final = 45.0

# The most common choices, as published in breach-frequency lists; enough to catch the obvious.
_COMMON: Final = frozenset(
    """password password1 password12 password123 passw0rd 123456789 1234567890 qwertyuiop
    qwerty123 iloveyou1 sunshine1 princess1 football1 baseball1 welcome123 letmein123
    abc1234567 trustno1 dragon123 monkey123 selfcare123 medschool1 student123 changeme123
    administrator 1q2w3e4r5t qazwsxedc 11111111111 0987654321 superman1 starwars1""".split()
)
_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", string.ascii_lowercase)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) … 4 (strong)
    bits: float
    acceptable: bool
    message: str

    @property
    def label(self) -> str:
        return ("Very weak", "Weak", "Fair", "Good", "Strong")[self.score]


def _pool(text: str) -> int:
    pool = 0
    if any(c.islower() for c in text):
        pool += 26
    if any(c.isupper() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(c in string.punctuation or c == " " for c in text):
        pool += 33
    if any(ord(c) > 127 for c in text):
        pool += 100
    return max(pool, 1)


def _is_sequence(text: str) -> bool:
    low = text.lower()
    for row in _ROWS:
        if low in row or low in row[::-1]:
            return True
    return False


def _effective_length(text: str) -> float:
    """Length with repeats discounted: 'aaaaaaaaaaaa' is worth about one character."""
    length = 0.0
    for i, ch in enumerate(text):
        length += 0.25 if i and ch == text[i - 1] else 1.0
    distinct = len(set(text))
    return min(length, distinct * 3.0)


def check_strength(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, 0.0, False, "Enter a passphrase.")
    if passphrase.strip() != passphrase and not passphrase.strip():
        return Strength(0, 0.0, False, "A passphrase can't be only spaces.")
    bits = _effective_length(passphrase) * math.log2(_pool(passphrase))
    lowered = passphrase.lower()
    if lowered in _COMMON or lowered.rstrip("!1.") in _COMMON:
        return Strength(0, bits, False,
                        "This is one of the most common passwords; anyone guessing would try it "
                        "early. Try three or four unrelated words.")
    if _is_sequence(passphrase):
        return Strength(0, bits, False,
                        "Keyboard rows and runs like 'abcdef' or '123456' are guessed first. "
                        "Try three or four unrelated words.")
    if len(set(passphrase)) <= 2:
        return Strength(0, bits, False, "Repeating one or two characters is easy to guess.")
    score = 0 if bits < 28 else 1 if bits < 36 else 2 if bits < MIN_BITS else 3 if bits < 65 else 4
    if len(passphrase) < MIN_LENGTH:
        return Strength(min(score, 1), bits, False,
                        f"Use at least {MIN_LENGTH} characters (you have {len(passphrase)}). "
                        "A few unrelated words are long and easy to remember.")
    if bits < MIN_BITS:
        return Strength(score, bits, False,
                        "Almost there: make it a little longer, or mix in another word, "
                        "a number or a symbol.")
    return Strength(score, bits, True,
                    "Strong enough. Write it down somewhere safe: it can't be recovered if lost."
                    if score >= 3 else "Acceptable.")
