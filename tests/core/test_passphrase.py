from __future__ import annotations

import pytest

from selfcare_app.core.passphrase import MAX_LENGTH, check_strength, split_stdin_lines


@pytest.mark.parametrize("weak,reason", [
    ("", "Enter a passphrase"),
    ("   ", "only spaces"),
    ("short1!", "at least 10 characters"),
    ("password123", "most common passwords"),
    ("abcdefghijkl", "Keyboard rows"),
    ("aaaaaaaaaaaaaa", "Repeating"),
    ("hunter22222", "numbers added"),
    # the common-pattern passphrases from issue 13, all accepted before zxcvbn
    ("iloveyou12345", "common"),
    ("Jennifer1990!", "a name with a year"),
    ("Qwerty123456!", "common"),
    ("Summer2026!!", "a year or numbers added"),
    ("P@ssw0rd2024", "common"),
    ("x" * (MAX_LENGTH + 1), "at most"),
])
def test_weak_passphrases_are_refused_with_a_reason(weak: str, reason: str) -> None:
    result = check_strength(weak)
    assert not result.acceptable
    assert result.score < 3
    assert reason in result.message
    assert "zxcvbn" not in result.message


@pytest.mark.parametrize("strong", ["correct horse battery", "maple tide lantern", "Tr0ub4dor&3x",
                                    "über grüne Äpfel", "tangerine-orbit-velvet",
                                    "line\u2028separator stays inside",
                                    "y" * 40 + " plus more words " + "z" * 900])
def test_strong_passphrases_pass(strong: str) -> None:
    result = check_strength(strong)
    assert result.acceptable and result.score >= 3


def test_score_grows_with_length() -> None:
    assert check_strength("maple tide").bits < check_strength("maple tide lantern").bits


def test_stdin_is_split_on_newline_only() -> None:
    text = "one\u2028two\x85three\x0cfour\r\nsecond\n"
    assert split_stdin_lines(text) == ["one\u2028two\x85three\x0cfour", "second"]
    assert split_stdin_lines("a\n\nb") == ["a", "", "b"]
