"""Learn articles: every shipped article parses, cites what it lists, follows the content rules;
search finds words in titles and bodies and returns a snippet around the match."""

from __future__ import annotations

import re

import pytest

from selfcare_app.core.instruments import load_instruments
from selfcare_app.core.learn import (
    ArticleFormatError,
    get_article,
    load_articles,
    parse_article,
    plain_text,
    search,
    snippet,
)
from selfcare_app.core.resource import CATEGORIES

EXPECTED = ["what-is-burnout", "early-signs", "self-care", "sleep", "peer-support",
            "reaching-out", "rite-of-passage"]
RESOURCE_CATEGORIES = set(CATEGORIES)

SAMPLE = """---
id: sample
title: A sample
summary: One line.
order: 3
---

# A sample

Rest matters [33]. See [Sleep](selfcare:learn/sleep).

## Sources

- [33] Watson NF et al. J Clin Sleep Med 2015. <https://doi.org/10.5664/jcsm.4758>; summary: <https://example.org/b>
"""


def test_all_articles_load_in_reading_order() -> None:
    assert [a.id for a in load_articles()] == EXPECTED


@pytest.mark.parametrize("article_id", EXPECTED)
def test_article_has_header_sources_and_cites_every_source(article_id: str) -> None:
    article = get_article(article_id)
    assert article.title and article.summary
    assert article.markdown.startswith(f"# {article.title}")
    assert article.sources
    listed = {s.ref for s in article.sources}
    assert article.cited_refs() == listed  # every citation listed, every source cited
    assert all(url.startswith(("https://", "http://")) for s in article.sources for url in s.urls)
    assert all(s.citation for s in article.sources)
    assert article.markdown.rstrip().splitlines()[-1].startswith("- [")  # Sources come last


@pytest.mark.parametrize("article_id", EXPECTED)
def test_articles_are_brief_and_non_diagnostic(article_id: str) -> None:
    article = get_article(article_id)
    assert len(article.text.split()) < 650
    lowered = article.text.lower()
    for banned in ("committed suicide", "you are burned out", "you have depression",
                   "burnout case", "warning", "danger!"):
        assert banned not in lowered


def test_in_app_links_point_at_things_that_exist() -> None:
    articles = {a.id for a in load_articles()}
    instruments = set(load_instruments())
    for article in load_articles():
        for link in article.app_links():
            kind, _, target = link.removeprefix("selfcare:").partition("/")
            if kind == "help":
                assert target == ""
            elif kind == "learn":
                assert target in articles, link
            elif kind == "resources":
                assert target in RESOURCE_CATEGORIES, link
            else:
                assert kind == "selfcheck" and target in instruments, link


def test_self_harm_thoughts_always_point_to_help_now() -> None:
    for article_id in ("what-is-burnout", "early-signs", "reaching-out", "rite-of-passage"):
        assert "selfcare:help" in get_article(article_id).app_links()
    assert 'not "just burnout"' in get_article("early-signs").markdown


def test_early_signs_table_has_the_thirteen_signs_and_the_framing_line() -> None:
    md = get_article("early-signs").markdown
    assert "Having some of these is common and not a diagnosis." in md
    rows = [line for line in md.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == 13


def test_burnout_article_says_it_is_not_a_medical_condition() -> None:
    text = get_article("what-is-burnout").text
    assert "not a medical condition" in text or "not a medical" in text
    assert "study-related burnout" in text.lower()
    assert "44.2%" in text


def test_parse_article_reads_header_body_and_sources() -> None:
    article = parse_article(SAMPLE)
    assert (article.id, article.title, article.summary, article.order) == (
        "sample", "A sample", "One line.", 3)
    assert article.sources[0].ref == 33
    assert article.sources[0].urls == ("https://doi.org/10.5664/jcsm.4758", "https://example.org/b")
    assert article.sources[0].citation.startswith("Watson NF et al. J Clin Sleep Med 2015.")
    assert article.app_links() == ["selfcare:learn/sleep"]
    assert article.text.startswith("Rest matters [33]. See Sleep.")


def test_header_values_keep_inner_quotes_and_lose_wrapping_ones() -> None:
    assert get_article("rite-of-passage").title == 'The myth: "suffering is a rite of passage"'
    wrapped = parse_article(SAMPLE.replace("title: A sample", 'title: "A: sample"'))
    assert wrapped.title == "A: sample"


@pytest.mark.parametrize(("text", "problem"), [
    ("# no header\n", "header"),
    (SAMPLE.replace("title: A sample\n", ""), "'title'"),
    (SAMPLE.replace("## Sources", "## Reading"), "Sources"),
    (SAMPLE.replace(" <https://doi.org/10.5664/jcsm.4758>; summary: <https://example.org/b>", ""),
     "no URL"),
    (SAMPLE + "\n## More\n", "must come last"),
    (SAMPLE.replace("order: 3", "order: three"), "order"),
])
def test_parse_article_rejects_malformed_files(text: str, problem: str) -> None:
    with pytest.raises(ArticleFormatError, match=problem):
        parse_article(text, "broken.md")


def test_plain_text_strips_markdown() -> None:
    md = "## Head\n\n- **Bold** and [a link](https://x.org) | cell |\n|---|---|\n"
    assert plain_text(md) == "Head Bold and a link cell"


def test_search_ranks_title_matches_first_and_returns_snippets() -> None:
    hits = search("sleep")
    assert hits[0].article.id == "sleep" and hits[0].in_title
    assert hits[0].snippet == hits[0].article.summary  # a title match shows the summary
    assert {"self-care", "early-signs"} <= {h.article.id for h in hits}
    for hit in hits:
        assert "sleep" in hit.snippet.lower() or hit.snippet == hit.article.summary
        assert len(hit.snippet) <= 170


def test_search_needs_every_word_and_ignores_case() -> None:
    ids = [h.article.id for h in search("RITE passage")]
    assert ids == ["rite-of-passage"]
    assert search("sleep xyzzy-not-a-word") == []


def test_search_finds_words_only_in_the_body() -> None:
    hits = search("Samaritans")
    assert [h.article.id for h in hits] == ["reaching-out"]
    assert "Samaritans" in hits[0].snippet and not hits[0].in_title


def test_empty_search_lists_every_article() -> None:
    assert [h.article.id for h in search("  ")] == EXPECTED


def test_snippet_is_cut_at_word_edges_with_ellipses() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " needle " + " ".join(
        f"tail{i}" for i in range(100))
    cut = snippet(text, ["needle"], width=60)
    assert cut.startswith("…word") and cut.endswith("…") and "needle" in cut
    assert len(cut) <= 62
    assert snippet("nothing here", ["needle"]) == ""
