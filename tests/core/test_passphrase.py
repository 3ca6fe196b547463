from __future__ import annotations

import pytest

from selfcare_app.core.passphrase import check_strength


@pytest.mark.parametrize("weak,reason", [
    ("", "Enter a passphrase"),
    ("short1!", "at least 10 characters"),
    ("password123", "most common passwords"),
    ("abcdefghijkl", "Keyboard rows"),
    ("aaaaaaaaaaaaaa", "Repeating"),
    ("hunter22222", "Almost there"),
])
def test_weak_passphrases_are_refused_with_a_reason(weak: str, reason: str) -> None:
    result = check_strength(weak)
    assert not result.acceptable
    assert reason in result.message


@pytest.mark.parametrize("strong", ["correct horse battery", "maple tide lantern", "Tr0ub4dor&3x",
                                    "über grüne Äpfel"])
def test_strong_passphrases_pass(strong: str) -> None:
    result = check_strength(strong)
    assert result.acceptable and result.score >= 3


def test_score_grows_with_length() -> None:
    assert check_strength("maple tide").bits < check_strength("maple tide lantern").bits
