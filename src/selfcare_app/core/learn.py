"""Learn articles (Markdown in `resources/learn/`): metadata, text, sources and search.

Each file starts with a small header between `---` lines (`id`, `title`, `summary`, optional
`order`) and ends with a `## Sources` list of `- [n] citation <url>` lines. Links of the form
`selfcare:learn/ID`, `selfcare:resources/CATEGORY`, `selfcare:selfcheck/ID` and `selfcare:help`
are in-app links that the Learn page turns into navigation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from typing import Final

from selfcare_app.core.content_files import (
    DEFAULT_LANGUAGE,
    chosen_languages,
    content_folder,
    localized_file,
    markdown_language,
    same_language,
)

APP_SCHEME: Final = "selfcare"
SNIPPET_CHARS: Final = 160
_HEADER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_CITE = re.compile(r"\[(\d+)\]")
_SOURCE_LINE = re.compile(r"^- \[(\d+)\] (.+)$")
_URL = re.compile(r"<(https?://[^>\s]+)>")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


class ArticleFormatError(ValueError):
    """An article file without the header or sources the format requires (a packaging bug)."""


@dataclass(frozen=True)
class ArticleSource:
    ref: int
    citation: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    summary: str
    order: int
    markdown: str  # the body, without the header
    sources: tuple[ArticleSource, ...]

    @property
    def text(self) -> str:
        """The body as plain text (no Markdown marks, links reduced to their words), without
        the title heading that opens it."""
        return plain_text(re.sub(r"\A# [^\n]*\n", "", self.markdown))

    def cited_refs(self) -> set[int]:
        """Reference numbers cited in the body above the Sources list."""
        body = self.markdown.split("\n## Sources", 1)[0]
        return {int(n) for n in _CITE.findall(_LINK.sub(r"\1", body))}

    def app_links(self) -> list[str]:
        """Every in-app link target (`selfcare:…`) in the article."""
        return [target for _, target in _LINK.findall(self.markdown)
                if target.startswith(APP_SCHEME + ":")]


def parse_article(text: str, name: str = "article") -> Article:
    """Parse one article file; raises ArticleFormatError naming what is missing."""
    text = text.replace("\r\n", "\n")
    match = _HEADER.match(text)
    if not match:
        raise ArticleFormatError(f"{name}: missing the --- header ---")
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ArticleFormatError(f"{name}: header line without ':': {line!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        fields[key.strip()] = value
    for key in ("id", "title", "summary"):
        if not fields.get(key):
            raise ArticleFormatError(f"{name}: header needs '{key}'")
    body = text[match.end():].strip() + "\n"
    sources = _parse_sources(body, name)
    try:
        order = int(fields.get("order", "0"))
    except ValueError:
        raise ArticleFormatError(f"{name}: 'order' must be a whole number") from None
    return Article(fields["id"], fields["title"], fields["summary"], order, body, sources)


def _parse_sources(body: str, name: str) -> tuple[ArticleSource, ...]:
    head, sep, tail = body.partition("\n## Sources\n")
    if not sep:
        raise ArticleFormatError(f"{name}: missing the '## Sources' section")
    sources: list[ArticleSource] = []
    for line in tail.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            raise ArticleFormatError(f"{name}: the Sources list must come last")
        match = _SOURCE_LINE.match(line)
        if not match:
            raise ArticleFormatError(f"{name}: source line not '- [n] citation <url>': {line!r}")
        urls = tuple(_URL.findall(match.group(2)))
        if not urls:
            raise ArticleFormatError(f"{name}: source [{match.group(1)}] has no URL")
        citation = _URL.sub("", match.group(2)).strip().rstrip(";:").strip()
        sources.append(ArticleSource(int(match.group(1)), citation, urls))
    if not sources:
        raise ArticleFormatError(f"{name}: the Sources list is empty")
    return tuple(sources)


def load_articles() -> tuple[Article, ...]:
    """Every shipped article, in reading order, in the chosen language where a translation
    ships (`learn/<lang>/<file>.md`, per article), else English."""
    return _load_articles(tuple(chosen_languages()))


@cache
def _load_articles(languages: tuple[str, ...]) -> tuple[Article, ...]:
    folder = content_folder("learn")
    articles = [
        _localized_article(folder, entry.name, languages)
        for entry in folder.iterdir() if entry.name.endswith(".md") and entry.is_file()
    ]
    articles.sort(key=lambda a: (a.order, a.title))
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ArticleFormatError("two articles share an id")
    return tuple(articles)


def _localized_article(folder: Traversable, name: str, languages: Sequence[str]) -> Article:
    path, lang = localized_file(folder, name, languages)
    if lang != DEFAULT_LANGUAGE:
        try:
            text = path.read_text(encoding="utf-8")
            article = parse_article(text, f"{lang}/{name}")
            english_id = parse_article(folder.joinpath(name).read_text(encoding="utf-8"),
                                       name).id
            if same_language(markdown_language(text), lang) and article.id == english_id:
                return article
        except (ArticleFormatError, UnicodeDecodeError):
            pass  # a broken translation must not hide the article: English instead
    return parse_article(folder.joinpath(name).read_text(encoding="utf-8"), name)


def get_article(article_id: str) -> Article:
    """The article with this id; KeyError if there is none."""
    for article in load_articles():
        if article.id == article_id:
            return article
    raise KeyError(article_id)


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable words, one space between them (for search and snippets)."""
    text = _LINK.sub(r"\1", markdown)
    text = _URL.sub(r"\1", text)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"^\s*\|?\s*-{3,}.*$", "", text, flags=re.M)  # table rules
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.M)  # bullets
    text = text.replace("|", " ").replace("**", "").replace("*", "").replace("`", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: str
    in_title: bool
    rank: float


def _terms(query: str) -> list[str]:
    return [t for t in query.casefold().split() if t]


def search(query: str, articles: Sequence[Article] | None = None) -> list[SearchHit]:
    """Articles containing every word of `query` (case-insensitive) in title, summary or body.

    Title matches rank first, then the most mentions; each hit carries a snippet of the body
    around the first match (the summary when the title or only the summary matched). An empty
    query lists every article with its summary.
    """
    pool = load_articles() if articles is None else articles
    terms = _terms(query)
    hits: list[SearchHit] = []
    for article in pool:
        title = article.title.casefold()
        summary = article.summary.casefold()
        body = article.text
        folded = body.casefold()
        haystack = " ".join((title, summary, folded))
        if not all(t in haystack for t in terms):
            continue
        in_title = bool(terms) and all(t in title for t in terms)
        mentions = sum(folded.count(t) for t in terms)
        rank = (100.0 if in_title else 0.0) + mentions - article.order / 1000
        text = article.summary if in_title else (snippet(body, terms) or article.summary)
        hits.append(SearchHit(article, text, in_title, rank))
    hits.sort(key=lambda h: -h.rank)
    return hits


def snippet(text: str, terms: Iterable[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the first term found, cut at word edges."""
    folded = text.casefold()
    positions = [folded.find(t) for t in terms if t and folded.find(t) >= 0]
    if not positions:
        return ""
    at = min(positions)
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")
